// A series: one launched command recorded `warmup + repeat` times under one name, strictly one run
// after another (a run starts only once the one before has ended and its end is saved), so no run
// measures another's load. Every run is an ordinary session; warm-up runs are deleted once they end.
// A series ends early when a run fails (an error, an end the database refused, a command that exits
// with a failure) or when it is stopped; the run it stops is discarded, the finished runs are kept.

import type { ApiEventListener } from '../../src-shared/api/contract';
import { ThermographError } from '../../src-shared/api/errors';
import type { StartRecordingParams, StartSeriesParams } from '../../src-shared/api/params';
import type { SeriesProgress, SeriesState } from '../../src-shared/model/series';
import type { SessionSummary } from '../../src-shared/model/session';
import type { SessionId } from '../../src-shared/units';
import type { SessionStore } from '../store/session-store';
import { commandName, type RecordingManager, type StartedRecording } from './recording-manager';

/** What a series needs from the engine. */
export interface SeriesContext {
  store: SessionStore;
  recordings: RecordingManager;
  emit: ApiEventListener;
}

/** One series being recorded. */
interface RunningSeries {
  progress: SeriesProgress;
  warmups: number;
  repeat: number;
  /** Every run's recording params: the launch, under the series' name. */
  runParams: StartRecordingParams;
  /** The run being recorded; null while the next one starts. */
  current: StartedRecording | null;
  /** Set by stop(): no run starts after it, and the run it ends is discarded. */
  stopping: boolean;
  /** Resolves with the last progress once the series is over; set as soon as the first run started. */
  over: Promise<SeriesProgress> | null;
}

/** How a run ended, for the series: go on, or end the series with a state and a reason. */
type RunOutcome = { next: true } | { next: false; state: Exclude<SeriesState, 'recording'>; message: string | null };

/** Records series of runs; each series runs on its own, one run at a time. */
export class SeriesRunner {
  private readonly running = new Map<number, RunningSeries>();
  private lastId = 0;

  constructor(private readonly context: SeriesContext) {}

  /**
   * Starts a series; resolves with its progress once the first run has started (a command that cannot
   * start fails this call, as startRecording does). seriesDidProgress events follow, one per run and
   * one when the series is over.
   */
  async start(params: StartSeriesParams): Promise<SeriesProgress> {
    const { repeat, warmup: warmups, ...launch } = params;
    if (launch.target.kind !== 'command')
      throw new ThermographError(
        'invalid-argument',
        'A series records a launched command several times; a running process (PID) can be recorded once.',
      );
    // Without a name of its own, a series must not share one with earlier sessions: a name is what
    // groups runs into a series, and two series of the same command would read as one.
    const seriesName = launch.name ?? this.unusedName(commandName(launch.target.argv));
    const runParams: StartRecordingParams = { ...launch, name: seriesName };
    const first = await this.context.recordings.startRun(runParams);
    const id = ++this.lastId;
    const series: RunningSeries = {
      progress: {
        seriesId: id,
        seriesName,
        run: 1,
        of: 1,
        warmUp: false,
        sessionId: null,
        runStartedAt: null,
        completedRuns: 0,
        totalRuns: warmups + repeat,
        state: 'recording',
        sessionIds: [],
        message: null,
      },
      warmups,
      repeat,
      runParams,
      current: first,
      stopping: false,
      over: null,
    };
    this.running.set(id, series);
    this.announce(series, 1, first.session);
    series.over = this.record(series);
    return this.snapshot(series);
  }

  /**
   * Stops a series: ends the run in progress (discarded: it is not a whole run) and starts no other.
   * Resolves with the series' last progress once it is over.
   */
  async stop(seriesId: number): Promise<SeriesProgress> {
    const series = this.running.get(seriesId);
    if (!series)
      throw new ThermographError(
        'not-found',
        `Series ${seriesId} is not being recorded: it has ended already, or another Thermograph process records it.`,
      );
    series.stopping = true;
    // Between two runs there is nothing to end: the next run is ended as soon as it has started.
    // A run that ended meanwhile is settled by the series as any other.
    if (series.current) await this.context.recordings.stop(series.current.session.id).catch(() => undefined);
    return series.over ?? this.snapshot(series);
  }

  /** The series being recorded now. */
  list(): SeriesProgress[] {
    return [...this.running.values()].map((series) => this.snapshot(series));
  }

  /** Stops every series (engine shutdown), before the recordings themselves are stopped. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id).catch(() => undefined)));
  }

  /** The runs one after another, each started only once the one before has ended and been settled. */
  private async record(series: RunningSeries): Promise<SeriesProgress> {
    for (let index = 1; ; index++) {
      const ended = await series.current!.ended;
      series.current = null;
      series.progress.completedRuns = index;
      const outcome = this.settle(series, index, ended);
      if (!outcome.next) return this.finish(series, outcome.state, outcome.message);
      if (index === series.progress.totalRuns) return this.finish(series, 'finished', null);
      if (series.stopping) return this.finish(series, 'stopped', this.stoppedMessage(series));
      try {
        series.current = await this.context.recordings.startRun(series.runParams);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return this.finish(series, 'failed', `${this.label(series, index + 1)} could not start: ${reason}`);
      }
      this.announce(series, index + 1, series.current.session);
      if (series.stopping) void this.context.recordings.stop(series.current.session.id);
    }
  }

  /** Keeps or deletes the run that ended, and says whether the series goes on. */
  private settle(series: RunningSeries, index: number, ended: SessionSummary): RunOutcome {
    const label = this.label(series, index);
    const warmUp = index <= series.warmups;
    const stored = this.storedSession(ended.id);
    if (stored?.status !== 'ended')
      return {
        next: false,
        state: 'failed',
        message:
          stored === null
            ? `${label} (session ${ended.id}) was deleted while it was being recorded.`
            : `${label}: the end of session ${ended.id} could not be saved (the database refuses writes). The samples written before are kept; the session will be closed as recovered-after-crash the next time Thermograph opens this database.`,
      };
    if (ended.endReason === 'user-stopped' && series.stopping) {
      // Stopped part-way by the series' own Stop: not a whole run, so it would skew every comparison.
      series.progress.completedRuns = index - 1;
      const problem = this.discard(ended.id, label);
      return { next: false, state: problem ? 'failed' : 'stopped', message: problem ?? this.stoppedMessage(series) };
    }
    const failure = runFailure(stored, label);
    if (warmUp && failure === null) {
      const problem = this.discard(ended.id, label);
      if (problem) return { next: false, state: 'failed', message: problem };
    } else {
      // A failed run is kept, warm-up or not, so its output and end message say what went wrong.
      series.progress.sessionIds.push(ended.id);
    }
    if (failure !== null) return { next: false, state: 'failed', message: failure };
    if (ended.endReason === 'user-stopped')
      return {
        next: false,
        state: 'stopped',
        message: `${label} (session ${ended.id}) was stopped; the series ends with the runs recorded so far.`,
      };
    return { next: true };
  }

  /** Deletes a run's session; the problem in a sentence when the store refused. */
  private discard(sessionId: SessionId, label: string): string | null {
    try {
      this.context.store.deleteSession(sessionId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return `${label} (session ${sessionId}) could not be deleted: ${reason}`;
    }
    this.context.emit('sessionDidDelete', { sessionId });
    return null;
  }

  /** The stored session, or null when it is gone or the database cannot be read. */
  private storedSession(sessionId: SessionId): SessionSummary | null {
    try {
      return this.context.store.getSession(sessionId);
    } catch {
      return null;
    }
  }

  private stoppedMessage(series: RunningSeries): string {
    const kept = series.progress.sessionIds.length;
    return `Stopped after ${kept} of ${series.repeat} run${series.repeat === 1 ? '' : 's'}; the finished runs are kept and the run in progress was discarded.`;
  }

  /** "Warm-up run 1 of 2" or "Run 3 of 10", for the run at `index` (warm-ups first, from 1). */
  private label(series: RunningSeries, index: number): string {
    return index <= series.warmups
      ? `Warm-up run ${index} of ${series.warmups}`
      : `Run ${index - series.warmups} of ${series.repeat}`;
  }

  /** Tells listeners that the run at `index` started. */
  private announce(series: RunningSeries, index: number, session: SessionSummary): void {
    const warmUp = index <= series.warmups;
    Object.assign(series.progress, {
      run: warmUp ? index : index - series.warmups,
      of: warmUp ? series.warmups : series.repeat,
      warmUp,
      sessionId: session.id,
      runStartedAt: session.startedAt,
    });
    this.context.emit('seriesDidProgress', this.snapshot(series));
  }

  private finish(series: RunningSeries, state: Exclude<SeriesState, 'recording'>, message: string | null) {
    series.progress.state = state;
    series.progress.message = message;
    this.running.delete(series.progress.seriesId);
    const last = this.snapshot(series);
    this.context.emit('seriesDidProgress', last);
    return last;
  }

  private snapshot(series: RunningSeries): SeriesProgress {
    return { ...series.progress, sessionIds: [...series.progress.sessionIds] };
  }

  /** `base`, or `base (2)`, `base (3)`… : the first no session is called yet. */
  private unusedName(base: string): string {
    const taken = new Set(this.context.store.listSessions().map((session) => session.name));
    if (!taken.has(base)) return base;
    for (let number = 2; ; number++) if (!taken.has(`${base} (${number})`)) return `${base} (${number})`;
  }
}

/**
 * Why a run that ended counts as failed, or null when it is a whole run: an error while recording, or
 * a command that exited with a failure (a benchmark that broke measures nothing worth comparing).
 */
function runFailure(session: SessionSummary, label: string): string | null {
  if (session.endReason === 'error')
    return `${label} (session ${session.id}) ended with an error: ${session.endMessage ?? 'no reason was given'}`;
  if (session.endReason !== 'target-exited') return null;
  if (session.exitSignal)
    return `${label}: the command was killed by ${session.exitSignal} (its output is in session ${session.id}); a series stops at a failing run.`;
  if (session.exitCode !== null && session.exitCode !== 0)
    return `${label}: the command exited with code ${session.exitCode} (its output is in session ${session.id}); a series stops at a failing run.`;
  return null;
}
