// The store as the engine sees it: sessions, their samples, output and markers over one SQLite
// connection. Every failure leaves here as a ThermographError (not-found, storage-full,
// storage-read-only, storage-error) whose message says what to do.

import type { Database } from 'better-sqlite3';
import { ThermographError } from '../../src-shared/api/errors';
import { metricKeys } from '../../src-shared/model/resource';
import type { ResourceSample, SamplerLimitation } from '../../src-shared/model/resource';
import type { OutputChunk, SessionMarker, SessionSummary, TargetDescription } from '../../src-shared/model/session';
import type { EpochMilliseconds, SessionId } from '../../src-shared/units';
import { databasePath, openDatabase } from './database';
import type { OpenDatabaseOptions } from './database';
import type { Profile, ProfileKind } from '../../src-shared/profile/profile';
import type { ProfilerStatus, ProfileSummary } from '../../src-shared/profile/views';
import type { LeftoverEntry } from '../../src-shared/model/leftover';
import { Checkpointer } from './checkpointer';
import { LeftoverRepository, type StoredLeftover } from './leftover-repository';
import type { Experiment, PresetEntry } from '../../src-shared/diagnosis/experiment';
import { ExperimentRepository } from './experiment-repository';
import type { ExperimentOutcome, ExperimentProgress, NewExperiment, RunGroup } from './experiment-repository';
import { PresetRepository } from './preset-repository';
import { MarkerRepository } from './marker-repository';
import { ProfileRepository } from './profile-repository';
import { OutputRepository } from './output-repository';
import { currentRecorder, isRecorderRunning, isSameRecorder, type RecorderIdentity } from './recorder-identity';
import type { NewOutputChunk } from './output-repository';
import { SampleRepository } from './sample-repository';
import { BucketRepository } from './bucket-repository';
import { RetentionRepository } from './retention-repository';
import { compactSamples, retentionDefaults, type CompactionResult, type RetentionParts } from './retention';
import { mergeTiers } from './tier-merge';
import type { PinnedRange, PinReason, RetentionSettings, RetentionState } from '../../src-shared/model/retention';
import type { ReadSamplesOptions, SampleColumns, SampleRange } from './sample-repository';
import { SessionRepository } from './session-repository';
import { ThreadRepository, type ThreadRange } from './thread-repository';
import type { ThreadIdentity, ThreadSample, ThreadTimeline } from '../../src-shared/diagnosis/threads';
import type { NewSession, SessionEnd } from './session-repository';
import { storageErrorFrom } from './storage-errors';
import { WatchRepository } from './watch-repository';
import type { AlertRule, WatchEvent } from '../../src-shared/model/watch';

export type { NewOutputChunk } from './output-repository';
export type { ReadSamplesOptions, SampleColumns, SampleRange } from './sample-repository';
export type { CompactionResult } from './retention';
export type { NewSession, SessionEnd } from './session-repository';
export type { ExperimentOutcome, ExperimentProgress, NewExperiment, RunGroup } from './experiment-repository';

export type { ThreadRange } from './thread-repository';
export { interruptedExperimentMessage, recoveredMessage, reopenedMessage } from './recovery-messages';
import {
  interruptedExperimentMessage,
  interruptedProfiler,
  recoveredMessage,
  reopenedMessage,
} from './recovery-messages';

/** Thread readings and the names of threads first seen or renamed, written with a batch of samples. */
export interface ThreadBatch {
  samples: readonly ThreadSample[];
  identities: readonly ThreadIdentity[];
}

function notFound(id: SessionId): ThermographError {
  return new ThermographError('not-found', `Session ${id} does not exist; it may have been deleted.`);
}

/** Sessions, samples, output and markers in one SQLite database. */
export class SessionStore {
  /** The database file, for messages. */
  readonly path: string;
  private readonly database: Database;
  private readonly sessions: SessionRepository;
  private readonly samples: SampleRepository;
  private readonly output: OutputRepository;
  private readonly markers: MarkerRepository;
  private readonly profiles: ProfileRepository;
  private readonly leftovers: LeftoverRepository;
  private readonly experiments: ExperimentRepository;
  private readonly presets: PresetRepository;
  private readonly buckets: BucketRepository;
  private readonly retention: RetentionRepository;
  private readonly threads: ThreadRepository;
  private readonly watch: WatchRepository;
  /** Samples and thread readings in one transaction, made once: a recording calls it every second. */
  private readonly appendWithThreads: (id: SessionId, samples: readonly ResourceSample[], threads: ThreadBatch) => void;
  /** Background WAL checkpoints, started by the first samples appended (a read-only command never needs them). */
  private checkpointer: Checkpointer | null | undefined;

  /** Opens the database at `path` (see openDatabase) and wraps it in a store. */
  static open(path: string, options?: OpenDatabaseOptions): SessionStore {
    return new SessionStore(openDatabase(path, options));
  }

  constructor(database: Database) {
    this.database = database;
    this.path = databasePath(database);
    this.sessions = new SessionRepository(database);
    this.samples = new SampleRepository(database);
    this.output = new OutputRepository(database);
    this.markers = new MarkerRepository(database);
    this.profiles = new ProfileRepository(database);
    this.leftovers = new LeftoverRepository(database);
    this.threads = new ThreadRepository(database);
    this.watch = new WatchRepository(database);
    this.experiments = new ExperimentRepository(database);
    this.presets = new PresetRepository(database);
    this.buckets = new BucketRepository(database);
    this.retention = new RetentionRepository(database);
    this.appendWithThreads = database.transaction((id, samples, threads) => {
      this.samples.append(id, samples);
      this.threads.append(id, threads.samples, threads.identities);
    });
  }

  /** Creates a session in status "recording", recorded by this process (its pid and start time). */
  createSession(input: NewSession): SessionSummary {
    return this.guard(() => this.summary(this.sessions.create(input, currentRecorder())));
  }

  /** Replaces the session's target description and returns the updated summary. */
  updateTarget(id: SessionId, target: TargetDescription): SessionSummary {
    return this.mutate(id, () => this.sessions.updateTarget(id, target));
  }

  /** Replaces the session's alert rules and whether it looks for anomalies (editable while recording). */
  setWatchSettings(id: SessionId, rules: readonly AlertRule[], anomalyDetection: boolean): SessionSummary {
    return this.mutate(id, () => {
      const session = this.sessions.get(id);
      if (!session) return false;
      return this.sessions.updateSettings(id, { ...session.settings, alertRules: [...rules], anomalyDetection });
    });
  }

  /** Replaces the metrics the sampler could not read, with their reasons. */
  setLimitations(id: SessionId, limitations: readonly SamplerLimitation[]): SessionSummary {
    return this.mutate(id, () => this.sessions.setLimitations(id, limitations));
  }

  /**
   * Ends a recording and compacts its samples; ending an ended session keeps its first end, except
   * that this process's real end replaces a recovered-after-crash end wrongly given to its session.
   */
  endSession(id: SessionId, end: SessionEnd): SessionSummary {
    return this.mutate(id, () => {
      if (!this.prepareWrite(id)) return false;
      try {
        this.downsampleTo(id, end.endedAt);
      } catch {
        // Retention never stands in the way of storing the end (its samples stay whole); a malformed
        // THERMOGRAPH_RETENTION is reported where the retention is shown (getRetention).
      }
      // After the fold: merged first, the last chunks would be one that reaches past the window, and wait.
      this.samples.compact(id);
      this.sessions.end(id, end);
      return true;
    });
  }

  /** The session's summary, or null when it does not exist. */
  getSession(id: SessionId): SessionSummary | null {
    return this.guard(() => this.sessions.get(id));
  }

  /** The process that records (or recorded) the session; null when unknown or when there is no such session. */
  recorderOf(id: SessionId): RecorderIdentity | null {
    return this.guard(() => this.sessions.writeState(id)?.recorder ?? null);
  }

  /** Every session, newest first, with its sample count. */
  listSessions(): SessionSummary[] {
    return this.guard(() => this.sessions.list());
  }

  /** Renames a session. */
  renameSession(id: SessionId, name: string): SessionSummary {
    return this.mutate(id, () => this.sessions.rename(id, name));
  }

  /** Replaces a session's tags (trimmed, blanks and duplicates dropped, order kept). */
  setTags(id: SessionId, tags: readonly string[]): SessionSummary {
    return this.mutate(id, () => this.sessions.setTags(id, tags));
  }

  /** Marks or unmarks a session as a baseline for comparisons. */
  setBaseline(id: SessionId, baseline: boolean): SessionSummary {
    return this.mutate(id, () => this.sessions.setBaseline(id, baseline));
  }

  /** Deletes a session with all its data; false when it did not exist. */
  deleteSession(id: SessionId): boolean {
    return this.guard(() => this.sessions.delete(id));
  }

  /**
   * Appends a batch of samples in one transaction (as one columnar chunk, compacting small ones), with
   * the thread readings taken meanwhile when given: one commit a second rather than two.
   * Like appendOutput and addMarker, it reopens this process's session if it was wrongly recovered.
   */
  appendSamples(id: SessionId, samples: readonly ResourceSample[], threads?: ThreadBatch): void {
    this.guard(() => {
      if (!this.prepareWrite(id)) throw notFound(id);
      if (threads === undefined) this.samples.append(id, samples);
      else this.appendWithThreads(id, samples, threads);
      if (this.checkpointer === undefined) this.checkpointer = Checkpointer.start(this.database);
      this.checkpointer?.wrote(samples.length * (metricKeys.length + 1) * Float64Array.BYTES_PER_ELEMENT);
    }, id);
  }

  /** Merges the session's remaining small chunks; endSession and recovery do this already. */
  compactSession(id: SessionId): void {
    this.guard(() => this.samples.compact(id), id);
  }

  /**
   * Samples with time in [from, to] (default all), only the requested metrics (default all); NaN is
   * null. Where older samples were downsampled, a bucket is one point holding its means, with its
   * count, minimum and maximum in `envelope` (see tier-merge.ts).
   */
  readSamples(id: SessionId, options: ReadSamplesOptions = {}): SampleColumns {
    return this.guard(() => {
      const raw = this.samples.read(id, options);
      const buckets = this.buckets.read(id, options.from ?? -Infinity, options.to ?? Infinity);
      return mergeTiers(raw, buckets, options.metrics ?? metricKeys, options.skipMissing ?? false);
    });
  }

  /**
   * Moves the session's samples older than its full-detail window (counted back from `now`) and
   * outside its pinned ranges into the downsampled tier, in one transaction and bounded work (the
   * result says when more remains).
   */
  downsampleSession(id: SessionId, now: EpochMilliseconds): CompactionResult {
    return this.guard(() => {
      const compact = this.database.transaction(() => {
        const session = this.sessions.get(id);
        if (!session) throw notFound(id);
        const { intervalMs } = session.settings;
        return compactSamples(this.retentionParts(), id, this.retentionSettings(id, intervalMs), intervalMs, now);
      });
      return compact.immediate();
    }, id);
  }

  /** Keeps [from, to] of the session at full detail whatever its age (samples already downsampled stay buckets). */
  pinRange(
    id: SessionId,
    range: { from: EpochMilliseconds; to: EpochMilliseconds; reason: PinReason; label?: string },
  ): PinnedRange {
    return this.guard(() => {
      if (!this.sessions.has(id)) throw notFound(id);
      const pinId = this.retention.pin(id, range.from, range.to, range.reason, range.label ?? '');
      return this.retention.pins(id).find((pin) => pin.id === pinId)!;
    }, id);
  }

  /** The session's pinned ranges by start time. */
  listPinnedRanges(id: SessionId): PinnedRange[] {
    return this.guard(() => this.retention.pins(id));
  }

  /** Stores the session's retention (its next compaction applies it) and returns its state. */
  setRetention(id: SessionId, settings: RetentionSettings): RetentionState {
    return this.guard(() => {
      if (!this.sessions.has(id)) throw notFound(id);
      this.retention.setSettings(id, settings);
      return this.getRetention(id);
    }, id);
  }

  /** The session's retention: its settings (stored, else the defaults), pins, and what was downsampled. */
  getRetention(id: SessionId): RetentionState {
    return this.guard(() => {
      const session = this.sessions.get(id);
      if (!session) throw notFound(id);
      const stored = this.retention.get(id);
      const totals = this.buckets.totals(id);
      return {
        sessionId: id,
        ...(stored.settings ?? retentionDefaults(session.settings.intervalMs)),
        isDefault: stored.settings === null,
        pinned: this.retention.pins(id),
        downsampledBefore: stored.downsampledBefore,
        bucketCount: totals.buckets,
        bucketedSamples: totals.samples,
      };
    });
  }

  /** Folds what is older than the full-detail window before `now`, however many bounded steps it takes. */
  private downsampleTo(id: SessionId, now: EpochMilliseconds): void {
    const session = this.sessions.get(id);
    if (session?.status !== 'recording') return;
    const { intervalMs } = session.settings;
    this.database.transaction(() => {
      while (compactSamples(this.retentionParts(), id, this.retentionSettings(id, intervalMs), intervalMs, now).more);
    })();
  }

  private retentionParts(): RetentionParts {
    return { samples: this.samples, buckets: this.buckets, retention: this.retention, threads: this.threads };
  }

  private retentionSettings(id: SessionId, intervalMs: number): RetentionSettings {
    return this.retention.get(id).settings ?? retentionDefaults(intervalMs);
  }

  /** First and last sample time and the sample count, or null when the session has no samples. */
  sampleRange(id: SessionId): SampleRange | null {
    return this.guard(() => this.samples.range(id));
  }

  /**
   * Appends per-thread readings and the names of threads first seen or renamed, in one transaction;
   * like appendSamples, it reopens this process's session if it was wrongly recovered.
   */
  appendThreads(id: SessionId, samples: readonly ThreadSample[], identities: readonly ThreadIdentity[]): void {
    this.guard(() => {
      if (!this.prepareWrite(id)) throw notFound(id);
      this.threads.append(id, samples, identities);
    }, id);
  }

  /** The session's per-thread readings with time in the range (default all); none for a session recorded without them. */
  readThreads(sessionId: SessionId, range?: ThreadRange): ThreadTimeline {
    return this.guard(() => {
      if (!this.sessions.has(sessionId)) throw notFound(sessionId);
      return this.threads.read(sessionId, range);
    });
  }

  /** Stores output chunks and returns them numbered; sequences continue from the session's last one. */
  appendOutput(id: SessionId, chunks: readonly NewOutputChunk[]): OutputChunk[] {
    return this.guard(() => {
      if (!this.prepareWrite(id)) throw notFound(id);
      return this.output.append(id, chunks);
    }, id);
  }

  /** Up to `limit` output chunks after sequence `afterSequence` (-1 for the first). */
  readOutput(id: SessionId, afterSequence: number, limit: number): OutputChunk[] {
    return this.guard(() => this.output.readAfter(id, afterSequence, limit));
  }

  /** Adds a marker to the session's timeline. */
  addMarker(id: SessionId, marker: SessionMarker): void {
    this.guard(() => {
      if (!this.prepareWrite(id)) throw notFound(id);
      this.markers.add(id, marker);
    }, id);
  }

  /** The session's markers in time order. */
  listMarkers(id: SessionId): SessionMarker[] {
    return this.guard(() => this.markers.list(id));
  }

  /** Adds what watching found (alerts, anomalies), in one transaction. */
  addWatchEvents(id: SessionId, events: readonly WatchEvent[]): void {
    this.guard(() => {
      if (!this.prepareWrite(id)) throw notFound(id);
      this.database.transaction(() => this.watch.add(id, events))();
    }, id);
  }

  /** The session's alerts and anomalies in time order. */
  listWatchEvents(id: SessionId): WatchEvent[] {
    return this.guard(() => this.watch.list(id));
  }

  /** The alert rules saved as defaults for a target (baselineTargetKey); none when nothing was saved. */
  targetAlertDefaults(targetKey: string): AlertRule[] {
    return this.guard(() => this.watch.targetDefaults(targetKey));
  }

  /** Saves a target's default alert rules; an empty list removes them. */
  setTargetAlertDefaults(targetKey: string, rules: readonly AlertRule[]): void {
    this.guard(() => this.watch.setTargetDefaults(targetKey, rules));
  }

  /** Creates an ended session holding imported profiles, all in one transaction. */
  createImportedSession(
    input: NewSession,
    profiles: readonly { profile: Profile; summary: ProfileSummary }[],
    endedAt: EpochMilliseconds,
    message: string,
  ): SessionSummary {
    return this.guard(() =>
      this.database.transaction(() => {
        const id = this.sessions.create(input, currentRecorder());
        for (const { profile, summary } of profiles) this.profiles.save(id, profile, summary);
        this.sessions.endImported(id, endedAt, message);
        return this.summary(id);
      })(),
    );
  }

  /** Stores (or replaces) a session's profile of its kind, with the summary lists show. */
  saveProfile(id: SessionId, profile: Profile, summary: ProfileSummary): SessionSummary {
    return this.mutate(id, () => {
      if (!this.sessions.has(id)) return false;
      this.profiles.save(id, profile, summary);
      return true;
    });
  }

  /** Replaces the summary stored beside a session's profile (of the summary's kind), not the profile. */
  setProfileSummary(id: SessionId, summary: ProfileSummary): SessionSummary {
    return this.mutate(id, () => this.profiles.updateSummary(id, summary));
  }

  /** The session's profile of this kind, or null when it has none. */
  loadProfile(id: SessionId, kind: ProfileKind): Profile | null {
    return this.guard(() => this.profiles.load(id, kind));
  }

  /** Replaces how the session's profiler fared. */
  setProfilerStatus(id: SessionId, status: ProfilerStatus): SessionSummary {
    return this.mutate(id, () => this.sessions.setProfilerStatus(id, status));
  }

  /** Journals something a profiler opened in a target, so a restart after a crash can undo it. */
  rememberLeftover(entry: LeftoverEntry): number {
    return this.guard(() => this.leftovers.add(entry, currentRecorder()));
  }

  /** Removes a journal entry once what it names was closed. */
  forgetLeftover(id: number): void {
    this.guard(() => this.leftovers.delete(id));
  }

  /** Journal entries whose Thermograph is no longer running: theirs to clean up is ours now. */
  abandonedLeftovers(): StoredLeftover[] {
    return this.guard(() => this.leftovers.list().filter((entry) => !isRecorderRunning(entry.recorder)));
  }

  /**
   * Ends the sessions a crashed Thermograph left "recording", at their last sample (or start), with
   * reason recovered-after-crash, and compacts them. Call it at start-up, before recording. A session
   * whose recorder still runs (the CLI recording while the app starts) is left alone however long it
   * has been silent, since a paused recorder writes nothing; its recorder is known by pid and start
   * time, so a dead recorder whose pid went to another program is recovered.
   */
  recoverInterruptedSessions(): SessionSummary[] {
    return this.guard(() =>
      this.sessions
        .listOpen()
        .filter((open) => open.recorder === null || !isRecorderRunning(open.recorder))
        .flatMap((open) => {
          // Immediate: the end is computed from the last sample, so no write may slip in between.
          const recover = this.database.transaction(() => {
            const endedAt = this.samples.range(open.id)?.to ?? open.startedAt;
            const end = {
              endedAt,
              endReason: 'recovered-after-crash',
              endMessage: recoveredMessage,
              exitCode: null,
              exitSignal: null,
            } as const;
            // Its recorder may have ended it since we listed it: then its end stands.
            if (!this.sessions.end(open.id, end)) return [];
            this.samples.compact(open.id);
            this.markers.add(open.id, { time: endedAt, kind: 'error', message: recoveredMessage });
            const { profiler } = this.summary(open.id);
            if (profiler && (profiler.state === 'running' || profiler.state === 'pending'))
              this.sessions.setProfilerStatus(open.id, { ...profiler, ...interruptedProfiler });
            return [this.summary(open.id)];
          });
          return recover.immediate();
        }),
    );
  }

  /** Stores a new experiment, running in this process, and returns it. */
  createExperiment(input: NewExperiment): Experiment {
    return this.guard(() => this.experiments.get(this.experiments.create(input, currentRecorder()))!, input.sessionId);
  }

  /**
   * Writes a running experiment's progress, and when it ends as kept, its action into the target's
   * launch preset in the same transaction (a crash never leaves one without the other). False when
   * the experiment no longer runs here (recovery closed it): then nothing is written.
   */
  updateExperiment(id: number, progress: ExperimentProgress, keep: PresetEntry | null = null): boolean {
    return this.guard(() =>
      this.database.transaction(() => {
        if (!this.experiments.progress(id, progress)) return false;
        if (keep) this.presets.keep(keep);
        return true;
      })(),
    );
  }

  /** Remembers the process group of an experiment's run in progress (null once it ended). */
  setExperimentRunGroup(id: number, group: RunGroup | null): void {
    this.guard(() => this.experiments.setRunGroup(id, group));
  }

  /** One experiment, or null. */
  getExperiment(id: number): Experiment | null {
    return this.guard(() => this.experiments.get(id));
  }

  /** Every experiment (of one session when given), newest first. */
  listExperiments(sessionId?: SessionId): Experiment[] {
    return this.guard(() => this.experiments.list(sessionId));
  }

  /** Every ended experiment's rule, diagnosis, target, state and change, oldest first (learning from outcomes). */
  listExperimentOutcomes(): ExperimentOutcome[] {
    return this.guard(() => this.experiments.listOutcomes());
  }

  /**
   * Ends as `interrupted` the experiments a Thermograph that is no longer running left `running`, and
   * returns them with the process group of the run they were in, for the caller to end if it still
   * runs. Nothing was kept for them: a preset is written only with a kept verdict.
   */
  recoverInterruptedExperiments(now: EpochMilliseconds): { experiment: Experiment; runGroup: RunGroup | null }[] {
    return this.guard(() =>
      this.experiments
        .listRunning()
        .filter((open) => !isRecorderRunning(open.runner))
        .flatMap((open) => {
          const experiment = this.experiments.get(open.id)!;
          const ended = { ...experiment, state: 'interrupted' as const, endedAt: now };
          if (!this.experiments.progress(open.id, { ...ended, verdict: interruptedExperimentMessage })) return [];
          this.experiments.setRunGroup(open.id, null);
          return [{ experiment: this.experiments.get(open.id)!, runGroup: open.runGroup }];
        }),
    );
  }

  /** The launch preset entries (of one target when given). */
  listPresets(targetKey?: string): PresetEntry[] {
    return this.guard(() => this.presets.list(targetKey));
  }

  /** Removes a target's preset entry for what `actionKey` changes; false when there was none. */
  removePresetEntry(targetKey: string, actionKey: string): boolean {
    return this.guard(() => this.presets.delete(targetKey, actionKey));
  }

  /** Closes the database (checkpointing the WAL); the store cannot be used afterwards. */
  close(): void {
    this.checkpointer?.stop();
    if (this.database.open) this.database.close();
  }

  /**
   * Before a write: false when the session does not exist. A session closed as recovered-after-crash
   * while this very process still records it (an older Thermograph guessed from its silence, say
   * while it was stopped with Ctrl-Z) is reopened, so later samples never run past a stored end and
   * the real end is kept; the recovery marker becomes a note saying what happened there.
   */
  private prepareWrite(id: SessionId): boolean {
    const state = this.sessions.writeState(id);
    if (state === null) return false;
    const wronglyRecovered =
      state.status === 'ended' &&
      state.endReason === 'recovered-after-crash' &&
      state.recorder !== null &&
      isSameRecorder(state.recorder, currentRecorder());
    if (wronglyRecovered) this.reopen(id, state.endedAt ?? 0);
    return true;
  }

  private reopen(id: SessionId, recoveredAt: EpochMilliseconds): void {
    this.database.transaction(() => {
      if (!this.sessions.reopen(id)) return;
      this.markers.remove(id, { time: recoveredAt, kind: 'error', message: recoveredMessage });
      this.markers.add(id, { time: recoveredAt, kind: 'note', message: reopenedMessage });
    })();
  }

  private summary(id: SessionId): SessionSummary {
    const summary = this.sessions.get(id);
    if (!summary) throw notFound(id);
    return summary;
  }

  /** Runs a change that reports whether the session existed, then returns the fresh summary. */
  private mutate(id: SessionId, change: () => boolean): SessionSummary {
    return this.guard(() => {
      if (!change()) throw notFound(id);
      return this.summary(id);
    }, id);
  }

  private guard<T>(work: () => T, sessionId?: SessionId): T {
    try {
      return work();
    } catch (error) {
      // The session was deleted between our existence check and the insert.
      if (sessionId !== undefined && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
        throw notFound(sessionId);
      throw storageErrorFrom(error, this.path) ?? error;
    }
  }
}
