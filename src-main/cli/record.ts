// `thermograph record`: one recording from the command line, with a live progress line on a
// terminal and a summary (or JSON) at the end. Ctrl-C stops and keeps what was recorded.

import {
  formatBytesRate,
  formatBytes,
  formatCountOf,
  formatDuration,
  formatPercent,
} from '../../src-shared/format/units';
import type { ApiEvent, ApiEvents } from '../../src-shared/api/contract';
import type { StartRecordingInput } from '../../src-shared/api/params';
import type { ResourceSample } from '../../src-shared/model/resource';
import type { SeriesProgress } from '../../src-shared/model/series';
import type { OutputChunk, SessionSummary } from '../../src-shared/model/session';
import type { EpochMilliseconds } from '../../src-shared/units';
import type { Engine } from '../api/engine-types';
import type { RecordOptions } from './arguments';
import { sessionDetails } from './text';
import { AlertHooks } from './alert-hooks';
import { describeWatchEvent } from '../../src-shared/format/watch';
import type { WatchEvent } from '../../src-shared/model/watch';

/**
 * Records until the duration elapses, the target exits, or Ctrl-C; returns the exit code. With
 * --repeat or --warmup, the engine records the launched command that many times in a row, one session
 * a run under one name (a series `thermograph compare` takes by that name); warm-up runs are deleted.
 */
export async function runRecord(engine: Engine, options: RecordOptions & { json: boolean }): Promise<number> {
  const { api } = engine;
  // Ctrl-C is handled from before the recording starts: until a handler exists SIGINT kills the
  // process outright, and a launched command (in its own process group) would be left running.
  let stop: (() => void) | null = null;
  let interrupted = false;
  let interrupts = 0;
  const onInterrupt = () => {
    if (++interrupts > 1) process.exit(1);
    process.stderr.write('\nStopping…\n');
    interrupted = true;
    stop?.();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  const passThrough = options.quiet ? null : new OutputPassThrough(options.json);
  const hooks = options.onAlert === null ? null : new AlertHooks(options.onAlert, warn);
  const live: LiveOutput = { passThrough, hooks };
  try {
    return options.repeat > 1 || options.warmup > 0 ? await recordSeries() : await recordUntilEnd();
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    await hooks?.finish();
  }

  function launchParams(): StartRecordingInput {
    return {
      target:
        options.target.kind === 'pid'
          ? options.target
          : { kind: 'command', argv: options.target.argv, env: runtimeEnvironment(process.env) },
      intervalMs: options.intervalMs,
      includeChildren: options.includeChildren,
      durationSeconds: options.durationSeconds,
      profiler: options.profiler,
      samplingHz: options.samplingHz,
      allocations: options.allocations,
      nodeAttachSignal: options.nodeAttachSignal,
      ...(options.sessionName ? { name: options.sessionName } : {}),
      tags: options.tags,
      ...(options.alertRules === null ? {} : { alertRules: options.alertRules }),
      alertCooldownMs: options.alertCooldownMs,
      anomalyDetection: options.anomalyDetection,
    };
  }

  /** The engine's series, with a line per run and the progress line of the run being recorded. */
  async function recordSeries(): Promise<number> {
    let seriesId: number | null = null;
    // Events that came before startSeries answered (the first run's): their series id is not known yet.
    const early: SeriesProgress[] = [];
    let currentSession: number | null = null;
    // A run is known by its place, not its session id: the store may give a deleted warm-up's id to the next run.
    let currentRun = '';
    let progress: ProgressLine | null = null;
    let resolveOver: (last: SeriesProgress) => void = () => undefined;
    const over = new Promise<SeriesProgress>((resolve) => (resolveOver = resolve));
    const follow = (status: SeriesProgress) => {
      if (status.state !== 'recording') {
        progress?.clear();
        resolveOver(status);
      } else if (`${status.warmUp} ${status.run}` !== currentRun) {
        progress?.clear();
        currentRun = `${status.warmUp} ${status.run}`;
        currentSession = status.sessionId;
        progress = process.stderr.isTTY && !options.json ? new ProgressLine(status.runStartedAt ?? Date.now()) : null;
        if (!options.json)
          process.stderr.write(
            `${status.warmUp ? 'Warm-up run' : 'Run'} ${status.run} of ${status.of}: recording session ${status.sessionId} (${status.seriesName}); press Ctrl-C to stop.\n`,
          );
      }
    };
    const unsubscribe = engine.subscribe((event, payload) => {
      if (event === 'seriesDidProgress') {
        const status = payload as SeriesProgress;
        if (seriesId === null) early.push(status);
        else if (status.seriesId === seriesId) follow(status);
      } else {
        watchRun(event, payload, currentSession, progress, live);
      }
    });
    try {
      const started = await api.startSeries({ ...launchParams(), repeat: options.repeat, warmup: options.warmup });
      seriesId = started.seriesId;
      for (const status of [started, ...early]) if (status.seriesId === seriesId) follow(status);
      stop = () => void api.stopSeries({ seriesId: started.seriesId }).catch(() => undefined);
      if (interrupted) stop();
      const last = await over;
      if (passThrough && currentSession !== null) await passThrough.catchUp(api, currentSession);
      if (last.message) process.stderr.write(`${last.state === 'failed' ? 'thermograph: ' : ''}${last.message}\n`);
      if (last.state === 'failed') return 1;
      const kept = await Promise.all(last.sessionIds.map((sessionId) => api.getSession({ sessionId })));
      if (options.json) {
        const series = kept.length > 0 ? last.seriesName : null;
        process.stdout.write(`${JSON.stringify({ schemaVersion: 1, series, sessions: kept })}\n`);
      } else if (kept.length > 0) {
        const name = last.seriesName;
        process.stdout.write(
          `Recorded ${formatCountOf(kept.length, 'run')} as "${name}" (sessions ${kept.map((session) => session.id).join(', ')}).\n` +
            `Compare them with another series: thermograph compare "${name}" OTHER\n`,
        );
      }
      return last.state === 'finished' ? 0 : 1;
    } finally {
      unsubscribe();
    }
  }

  async function recordUntilEnd(): Promise<number> {
    const ended = await recordOne();
    if (!ended) return 1;
    const statistics = await api.getStatistics({ sessionId: ended.id });
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ schemaVersion: 1, session: ended, statistics })}\n`);
    } else {
      process.stdout.write(`${sessionDetails(ended, statistics)}\n`);
    }
    return ended.endReason === 'error' ? 1 : 0;
  }

  /** One recording to its end; null when its end could not be saved (said on stderr). */
  async function recordOne(): Promise<SessionSummary | null> {
    // Subscribed before the start: the first sample is taken as the recording starts, and an alert
    // it fires is announced before startRecording answers. Those events wait for the session's id.
    let sessionId: number | null = null;
    let progress: ProgressLine | null = null;
    const early: [ApiEvent, unknown][] = [];
    let resolveFinished: (summary: SessionSummary) => void = () => undefined;
    const finished = new Promise<SessionSummary>((resolve) => (resolveFinished = resolve));
    const follow = (event: ApiEvent, payload: unknown) => {
      watchRun(event, payload, sessionId, progress, live);
      if (event === 'sessionDidChange') {
        const changed = payload as SessionSummary;
        if (changed.id === sessionId && changed.status === 'ended') resolveFinished(changed);
      }
    };
    const unsubscribe = engine.subscribe((event, payload) => {
      if (sessionId === null) early.push([event, payload]);
      else follow(event, payload);
    });
    let session: SessionSummary;
    try {
      session = await api.startRecording(launchParams());
    } catch (error) {
      unsubscribe();
      throw error;
    }
    sessionId = session.id;
    stop = () => void api.stopRecording({ sessionId: session.id });
    progress = process.stderr.isTTY && !options.json ? new ProgressLine(session.startedAt) : null;
    if (!options.json)
      process.stderr.write(`Recording session ${session.id} (${session.name}); press Ctrl-C to stop.\n`);
    for (const [event, payload] of early.splice(0)) follow(event, payload);
    // A Ctrl-C that came while the recording was starting stops it now that its end is awaited.
    if (interrupted) stop();
    const ended = await finished;
    unsubscribe();
    progress?.clear();
    // Output stored after the last event (the final flush) still reaches the terminal.
    if (passThrough) await passThrough.catchUp(api, session.id);
    const stored = await api.getSession({ sessionId: ended.id });
    if (stored.status !== 'ended') {
      process.stderr.write(
        'thermograph: the end of this session could not be saved (the database refuses writes). The samples written before are kept; the session will be closed as recovered-after-crash the next time Thermograph opens this database.\n',
      );
      return null;
    }
    return ended;
  }
}

/** Where a recording's live events go besides the progress line: the target's output and the alert hooks. */
interface LiveOutput {
  passThrough: OutputPassThrough | null;
  hooks: AlertHooks | null;
}

/**
 * A recording's live events on the terminal: its progress line, its warnings, the target's output,
 * and a line per alert or anomaly (on stderr, so stdout keeps the target's output or the JSON).
 */
function watchRun(
  event: ApiEvent,
  payload: unknown,
  sessionId: number | null,
  progress: ProgressLine | null,
  { passThrough, hooks }: LiveOutput,
): void {
  if (sessionId === null || (payload as { sessionId?: number }).sessionId !== sessionId) return;
  if (event === 'samplesAvailable') progress?.update((payload as ApiEvents['samplesAvailable']).samples);
  else if (event === 'outputAvailable' && passThrough) {
    progress?.clear();
    passThrough.write(sessionId, (payload as ApiEvents['outputAvailable']).chunks);
  } else if (event === 'recordingDidWarn') warn((payload as ApiEvents['recordingDidWarn']).message);
  else if (event === 'watchDidFind') {
    const { events } = payload as ApiEvents['watchDidFind'];
    progress?.clear();
    for (const found of events) process.stderr.write(`${watchEventLabel(found)} ${describeWatchEvent(found)}\n`);
    hooks?.run(sessionId, events);
  }
}

/** The word a watch event's line starts with, easy to grep for. */
function watchEventLabel(event: WatchEvent): string {
  if (event.kind === 'anomaly') return 'ANOMALY';
  return event.alert.kind === 'fired' ? 'ALERT' : 'CLEARED';
}

function warn(message: string): void {
  process.stderr.write(`\nwarning: ${message}\n`);
}

/**
 * A launched command's output on the terminal as the engine stores it (each second): its stderr to
 * stderr, its stdout to stdout, or to stderr with --json, where stdout carries only the JSON.
 */
class OutputPassThrough {
  /** The last chunk written per session, so a catch-up read does not repeat any. */
  private readonly written = new Map<number, number>();

  constructor(private readonly json: boolean) {}

  write(sessionId: number, chunks: readonly OutputChunk[]): void {
    for (const chunk of chunks) {
      if (chunk.sequence <= (this.written.get(sessionId) ?? -1)) continue;
      this.written.set(sessionId, chunk.sequence);
      (chunk.stream === 'stdout' && !this.json ? process.stdout : process.stderr).write(chunk.text);
    }
  }

  /** Writes what was stored after the last chunk written. */
  async catchUp(api: Engine['api'], sessionId: number): Promise<void> {
    for (;;) {
      const afterSequence = this.written.get(sessionId) ?? -1;
      const chunks = await api.getOutput({ sessionId, afterSequence, limit: 1_000 }).catch(() => []);
      if (chunks.length === 0) return;
      this.write(sessionId, chunks);
    }
  }
}

class ProgressLine {
  private count = 0;

  constructor(private readonly startedAt: EpochMilliseconds) {}

  update(samples: ResourceSample[]): void {
    this.count += samples.length;
    const last = samples[samples.length - 1];
    if (!last) return;
    const cpu = (last.cpuUser ?? 0) + (last.cpuSystem ?? 0);
    const text = `  ${formatDuration(last.time - this.startedAt)} · ${formatCountOf(this.count, 'sample')} · CPU ${formatPercent(cpu)} · RSS ${formatBytes(last.rss)} · read ${formatBytesRate(last.readBytesRate)} · write ${formatBytesRate(last.writeBytesRate)}`;
    process.stderr.write(`\r\x1b[2K${text.slice(0, (process.stderr.columns || 120) - 1)}`);
  }

  clear(): void {
    process.stderr.write('\r\x1b[2K');
  }
}

/**
 * The variables of the CLI's environment that change how a runtime behaves and that recommendations
 * read and experiments change (NODE_OPTIONS, UV_THREADPOOL_SIZE, MALLOC_ARENA_MAX). The launched command
 * inherits them anyway; keeping them with the session means a run started later from the app (an
 * experiment, Verify a fix) runs the command as it was recorded, and a rule can see a heap limit.
 */
export function runtimeEnvironment(environment: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['NODE_OPTIONS', 'UV_THREADPOOL_SIZE', 'MALLOC_ARENA_MAX']) {
    const value = environment[name];
    if (value !== undefined && value !== '') kept[name] = value;
  }
  return kept;
}
