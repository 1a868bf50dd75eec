// Each session's retention settings, where its last compaction stopped, and its pinned ranges.

import type { Database, Statement } from 'better-sqlite3';
import type { PinnedRange, PinReason, RetentionSettings } from '../../src-shared/model/retention';
import type { EpochMilliseconds } from '../../src-shared/units';

/** A session's stored retention row; null fields were never set. */
export interface StoredRetention {
  settings: RetentionSettings | null;
  downsampledBefore: EpochMilliseconds | null;
}

type RetentionRow = { fullDetailMs: number | null; bucketMs: number | null; downsampledBefore: number | null };

/** Reads and writes session_retention and pinned_ranges. */
export class RetentionRepository {
  private readonly rowOf: Statement<[number]>;
  private readonly upsertSettings: Statement<[number, number, number]>;
  private readonly upsertBoundary: Statement<[number, number]>;
  private readonly insertPin: Statement<[number, number, number, string, string]>;
  private readonly pinsOf: Statement<[number]>;
  private readonly pinsBefore: Statement<[number, number]>;

  constructor(database: Database) {
    this.rowOf = database.prepare(
      'SELECT full_detail_ms AS fullDetailMs, bucket_ms AS bucketMs, downsampled_before AS downsampledBefore FROM session_retention WHERE session_id = ?',
    );
    this.upsertSettings = database.prepare(`
      INSERT INTO session_retention (session_id, full_detail_ms, bucket_ms) VALUES (?, ?, ?)
      ON CONFLICT (session_id) DO UPDATE SET full_detail_ms = excluded.full_detail_ms, bucket_ms = excluded.bucket_ms`);
    this.upsertBoundary = database.prepare(`
      INSERT INTO session_retention (session_id, downsampled_before) VALUES (?, ?)
      ON CONFLICT (session_id) DO UPDATE SET downsampled_before = excluded.downsampled_before`);
    this.insertPin = database.prepare(
      'INSERT INTO pinned_ranges (session_id, from_time, to_time, reason, label) VALUES (?, ?, ?, ?, ?)',
    );
    const pinColumns = 'id, session_id AS sessionId, from_time AS "from", to_time AS "to", reason, label';
    this.pinsOf = database.prepare(
      `SELECT ${pinColumns} FROM pinned_ranges WHERE session_id = ? ORDER BY from_time, id`,
    );
    this.pinsBefore = database.prepare(
      `SELECT ${pinColumns} FROM pinned_ranges WHERE session_id = ? AND from_time < ? ORDER BY from_time, id`,
    );
  }

  /** The session's stored settings and compaction boundary (both null when nothing was stored). */
  get(sessionId: number): StoredRetention {
    const row = this.rowOf.get(sessionId) as RetentionRow | undefined;
    const settings =
      row?.fullDetailMs != null && row.bucketMs != null
        ? { fullDetailMs: row.fullDetailMs, bucketMs: row.bucketMs }
        : null;
    return { settings, downsampledBefore: row?.downsampledBefore ?? null };
  }

  /** Stores the session's settings. */
  setSettings(sessionId: number, settings: RetentionSettings): void {
    this.upsertSettings.run(sessionId, settings.fullDetailMs, settings.bucketMs);
  }

  /** Stores where the session's compaction stopped. */
  setDownsampledBefore(sessionId: number, time: EpochMilliseconds): void {
    this.upsertBoundary.run(sessionId, time);
  }

  /** Adds a pinned range and returns its id. */
  pin(sessionId: number, from: EpochMilliseconds, to: EpochMilliseconds, reason: PinReason, label: string): number {
    return Number(this.insertPin.run(sessionId, from, to, reason, label).lastInsertRowid);
  }

  /** The session's pinned ranges (only those starting before `before` when given), by start time. */
  pins(sessionId: number, before?: EpochMilliseconds): PinnedRange[] {
    return (
      before === undefined ? this.pinsOf.all(sessionId) : this.pinsBefore.all(sessionId, before)
    ) as PinnedRange[];
  }
}
