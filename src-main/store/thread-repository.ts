// Per-thread readings of sessions (migrations/008-thread-samples.ts): one thread_samples row per
// reading, its threads packed in one blob (thread-encoding.ts), and one session_threads row per
// thread for its name, upserted when a thread is first seen or renamed.

import type { Database, Statement } from 'better-sqlite3';
import type { ThreadIdentity, ThreadSample, ThreadTimeline } from '../../src-shared/diagnosis/threads';
import type { EpochMilliseconds, SessionId } from '../../src-shared/units';
import { decodeThreadReadings, encodeThreadReadings } from './thread-encoding';

/** A closed time range of readings to read. */
export interface ThreadRange {
  from: EpochMilliseconds;
  to: EpochMilliseconds;
}

type SampleRow = { time: number; readings: Buffer };

/** Appends and reads the thread readings of sessions. */
export class ThreadRepository {
  private readonly insertSample: Statement<[number, number, Buffer]>;
  private readonly upsertIdentity: Statement<[number, number, number, string]>;
  private readonly samplesInRange: Statement<[number, number, number]>;
  private readonly identitiesOf: Statement<[number]>;
  private readonly thinRange: Statement<{ session: number; from: number; to: number; bucket: number }>;
  private readonly database: Database;
  private readonly appendAll: (
    sessionId: SessionId,
    samples: readonly ThreadSample[],
    identities: readonly ThreadIdentity[],
  ) => void;

  constructor(database: Database) {
    this.database = database;
    // A reading at the time of one already stored replaces it: a retried flush must not fail on its own rows.
    this.insertSample = database.prepare(
      'INSERT OR REPLACE INTO thread_samples (session_id, time, readings) VALUES (?, ?, ?)',
    );
    this.upsertIdentity = database.prepare(
      `INSERT INTO session_threads (session_id, tid, pid, name) VALUES (?, ?, ?, ?)
       ON CONFLICT (session_id, tid) DO UPDATE SET pid = excluded.pid, name = excluded.name`,
    );
    this.samplesInRange = database.prepare(
      'SELECT time, readings FROM thread_samples WHERE session_id = ? AND time BETWEEN ? AND ? ORDER BY time',
    );
    this.identitiesOf = database.prepare(
      'SELECT tid, pid, name FROM session_threads WHERE session_id = ? ORDER BY tid',
    );
    this.thinRange = database.prepare(`
      DELETE FROM thread_samples
      WHERE session_id = :session AND time >= :from AND time < :to AND time NOT IN (
        SELECT MIN(time) FROM thread_samples WHERE session_id = :session AND time >= :from AND time < :to
        GROUP BY CAST(time / :bucket AS INTEGER))`);
    this.appendAll = database.transaction((sessionId, samples, identities) =>
      this.appendRows(sessionId, samples, identities),
    );
  }

  /**
   * Stores readings and the names of threads first seen or renamed, in one transaction: the caller's
   * when it has one open (a recording writes them with its samples), where a nested one would only
   * add a savepoint and its release to every write.
   */
  append(sessionId: SessionId, samples: readonly ThreadSample[], identities: readonly ThreadIdentity[]): void {
    if (this.database.inTransaction) this.appendRows(sessionId, samples, identities);
    else this.appendAll(sessionId, samples, identities);
  }

  private appendRows(
    sessionId: SessionId,
    samples: readonly ThreadSample[],
    identities: readonly ThreadIdentity[],
  ): void {
    for (const identity of identities) this.upsertIdentity.run(sessionId, identity.tid, identity.pid, identity.name);
    for (const sample of samples) this.insertSample.run(sessionId, sample.time, encodeThreadReadings(sample.threads));
  }

  /**
   * Keeps only the first reading of each `bucketMs` (aligned to multiples of it) in [from, to): the
   * older part of a long recording (see retention.ts). Times are after the epoch, so the integer
   * cast is the floor.
   */
  thin(sessionId: SessionId, from: EpochMilliseconds, to: EpochMilliseconds, bucketMs: number): void {
    this.thinRange.run({ session: sessionId, from, to, bucket: bucketMs });
  }

  /** The readings with time in the range (default all), and the names of the threads they hold. */
  read(sessionId: SessionId, range?: ThreadRange): ThreadTimeline {
    const from = range?.from ?? Number.NEGATIVE_INFINITY;
    const to = range?.to ?? Number.POSITIVE_INFINITY;
    const rows = this.samplesInRange.all(sessionId, from, to) as SampleRow[];
    const samples = rows.map((row) => ({ time: row.time, threads: decodeThreadReadings(row.readings) }));
    const present = new Set<number>();
    for (const sample of samples) for (const thread of sample.threads) present.add(thread.tid);
    const identities = (this.identitiesOf.all(sessionId) as ThreadIdentity[]).filter((identity) =>
      present.has(identity.tid),
    );
    return { sessionId, identities, samples };
  }
}
