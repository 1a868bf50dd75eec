// The store as the engine sees it: sessions, their samples, output and markers over one SQLite
// connection. Every failure leaves here as a ThermographError (not-found, storage-full,
// storage-read-only, storage-error) whose message says what to do.

import { processExists } from '../collectors/process-exists';
import type { Database } from 'better-sqlite3';
import { ThermographError } from '../../src-shared/api/errors';
import type { ResourceSample, SamplerLimitation } from '../../src-shared/model/resource';
import type { OutputChunk, SessionMarker, SessionSummary, TargetDescription } from '../../src-shared/model/session';
import type { EpochMilliseconds, SessionId } from '../../src-shared/units';
import { openDatabase } from './database';
import type { OpenDatabaseOptions } from './database';
import { MarkerRepository } from './marker-repository';
import { OutputRepository } from './output-repository';
import type { NewOutputChunk } from './output-repository';
import { SampleRepository } from './sample-repository';
import type { ReadSamplesOptions, SampleColumns, SampleRange } from './sample-repository';
import { SessionRepository } from './session-repository';
import type { NewSession, OpenSession, SessionEnd } from './session-repository';
import { storageErrorFrom } from './storage-errors';

export type { NewOutputChunk } from './output-repository';
export type { ReadSamplesOptions, SampleColumns, SampleRange } from './sample-repository';
export type { NewSession, SessionEnd } from './session-repository';

/** What a recovered session's end says. */
export const recoveredMessage =
  'Thermograph stopped unexpectedly while recording (it crashed or was killed); the samples it had written, up to its last second, were kept.';

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

  /** Opens the database at `path` (see openDatabase) and wraps it in a store. */
  static open(path: string, options?: OpenDatabaseOptions): SessionStore {
    return new SessionStore(openDatabase(path, options));
  }

  constructor(database: Database) {
    this.database = database;
    this.path = database.name;
    this.sessions = new SessionRepository(database);
    this.samples = new SampleRepository(database);
    this.output = new OutputRepository(database);
    this.markers = new MarkerRepository(database);
  }

  /** Creates a session in status "recording", recorded by this process. */
  createSession(input: NewSession): SessionSummary {
    return this.guard(() => this.summary(this.sessions.create(input, process.pid)));
  }

  /** Replaces the session's target description and returns the updated summary. */
  updateTarget(id: SessionId, target: TargetDescription): SessionSummary {
    return this.mutate(id, () => this.sessions.updateTarget(id, target));
  }

  /** Replaces the metrics the sampler could not read, with their reasons. */
  setLimitations(id: SessionId, limitations: readonly SamplerLimitation[]): SessionSummary {
    return this.mutate(id, () => this.sessions.setLimitations(id, limitations));
  }

  /** Ends a recording and compacts its samples; ending an ended session keeps its first end. */
  endSession(id: SessionId, end: SessionEnd): SessionSummary {
    return this.mutate(id, () => {
      if (!this.sessions.has(id)) return false;
      this.samples.compact(id);
      this.sessions.end(id, end);
      return true;
    });
  }

  /** The session's summary, or null when it does not exist. */
  getSession(id: SessionId): SessionSummary | null {
    return this.guard(() => this.sessions.get(id));
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

  /** Appends a batch of samples in one transaction (as one columnar chunk, compacting small ones). */
  appendSamples(id: SessionId, samples: readonly ResourceSample[]): void {
    this.guard(() => {
      if (!this.sessions.has(id)) throw notFound(id);
      this.samples.append(id, samples);
    }, id);
  }

  /** Merges the session's remaining small chunks; endSession and recovery do this already. */
  compactSession(id: SessionId): void {
    this.guard(() => this.samples.compact(id), id);
  }

  /** Samples with time in [from, to] (default all), only the requested metrics (default all); NaN is null. */
  readSamples(id: SessionId, options?: ReadSamplesOptions): SampleColumns {
    return this.guard(() => this.samples.read(id, options));
  }

  /** First and last sample time and the sample count, or null when the session has no samples. */
  sampleRange(id: SessionId): SampleRange | null {
    return this.guard(() => this.samples.range(id));
  }

  /** Stores output chunks and returns them numbered; sequences continue from the session's last one. */
  appendOutput(id: SessionId, chunks: readonly NewOutputChunk[]): OutputChunk[] {
    return this.guard(() => {
      if (!this.sessions.has(id)) throw notFound(id);
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
      if (!this.sessions.has(id)) throw notFound(id);
      this.markers.add(id, marker);
    }, id);
  }

  /** The session's markers in time order. */
  listMarkers(id: SessionId): SessionMarker[] {
    return this.guard(() => this.markers.list(id));
  }

  /**
   * Ends the sessions a crashed Thermograph left "recording", at their last sample (or start), with
   * reason recovered-after-crash, and compacts them. Call it at start-up, before recording. A session
   * whose recorder is another live process (the CLI recording while the app starts) is left alone
   * unless it has written nothing for a long while by `now`, which means its pid was reused.
   */
  recoverInterruptedSessions(now: EpochMilliseconds): SessionSummary[] {
    return this.guard(() =>
      this.sessions
        .listOpen()
        .filter((open) => this.isAbandoned(open, now))
        .map((open) =>
          this.database.transaction(() => {
            const endedAt = this.samples.range(open.id)?.to ?? open.startedAt;
            this.samples.compact(open.id);
            const end = {
              endedAt,
              endReason: 'recovered-after-crash',
              endMessage: recoveredMessage,
              exitCode: null,
              exitSignal: null,
            } as const;
            this.sessions.end(open.id, end);
            this.markers.add(open.id, { time: endedAt, kind: 'error', message: recoveredMessage });
            return this.summary(open.id);
          })(),
        ),
    );
  }

  /** Closes the database (checkpointing the WAL); the store cannot be used afterwards. */
  close(): void {
    if (this.database.open) this.database.close();
  }

  private isAbandoned(open: OpenSession, now: EpochMilliseconds): boolean {
    if (open.recorderPid === null || open.recorderPid === process.pid || !processExists(open.recorderPid)) return true;
    const lastWrite = this.samples.range(open.id)?.to ?? open.startedAt;
    // A live recorder writes at least every interval; allow generous slack for a stalled machine.
    return now - lastWrite > Math.max(60_000, 5 * open.intervalMs);
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
