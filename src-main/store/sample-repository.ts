// Resource samples as columnar chunks (see migrations/001-initial-schema.ts for the layout).
//
// A recorder flushes every second, which at 10 Hz makes 10-sample chunks: 21 rows of 80 bytes for
// every second recorded. So the trailing run of small chunks is merged into one as soon as it holds
// a full chunk's worth, inside the same transaction as the append that fills it. Reads then touch
// about one row per column per 4,096 samples, whatever the recorder's flush rhythm was.
//
// A chunk of 512 samples or more is not small: its 4 KiB a column outweigh a row's overhead on
// every read, so a batch that large (a burst after a write outage, a bulk append) is written once
// as its own chunk instead of being written small and then again merged. An append that large
// still takes in any small chunks before it, so small chunks only ever trail.

import type { Database, Statement } from 'better-sqlite3';
import { metricKeys } from '../../src-shared/model/resource';
import type { MetricKey, ResourceSample } from '../../src-shared/model/resource';
import type { TierEnvelope } from '../../src-shared/timeline/tiers';
import type { EpochMilliseconds } from '../../src-shared/units';
import {
  allColumnIndexes,
  blobOf,
  columnIndexOf,
  columnOf,
  copySelection,
  isAllMissing,
  packSamples,
  selectByTime,
  selectedCount,
  timeColumn,
  ColumnScratch,
} from './sample-columns';
import type { ChunkSelection, PackedSamples } from './sample-columns';

/** A run of small chunks is merged into one once it holds this many samples. */
export const fullChunkSamples = 4_096;
/** A chunk with fewer samples than this is "small" and gets merged with its neighbours. */
export const smallChunkSamples = 512;
/** No chunk is written larger than this, so a window read never decodes a huge blob. */
export const maximumChunkSamples = 2 * fullChunkSamples;

/** Samples read back as columns; a metric value is NaN where the sample had null. */
export interface SampleColumns {
  times: Float64Array;
  columns: Partial<Record<MetricKey, Float64Array>>;
  /** Present when some points are buckets of the downsampled tier (their columns hold the mean). */
  envelope?: TierEnvelope;
}

/** Which samples to read: a closed time range and a subset of metrics (default: all). */
export interface ReadSamplesOptions {
  from?: EpochMilliseconds;
  to?: EpochMilliseconds;
  metrics?: readonly MetricKey[];
  /**
   * Leave out a metric with no value in the range (never readable for this target, say), instead
   * of returning a column of NaN: a view of a long session then neither reads nor ships it.
   */
  skipMissing?: boolean;
}

/** The time span and size of a session's samples. */
export interface SampleRange {
  from: EpochMilliseconds;
  to: EpochMilliseconds;
  count: number;
}

type ChunkRow = [chunk: number, minTime: number, maxTime: number, count: number];
type BlobRow = [chunk: number, data: Buffer];
type ColumnBlobRow = [columnIndex: number, chunk: number, data: Buffer];
/**
 * The small chunks after the last full one: how many, their samples, the first chunk number; and
 * the number the next chunk takes.
 */
type TrailingRun = { chunks: number; samples: number; start: number | null; next: number };
/** Bound values of one sample_columns row: session, chunk, column index, blob. */
type ColumnRowValues = [number, number, number, Buffer];

/** Appends, compacts and reads the samples of sessions. */
export class SampleRepository {
  private readonly trailingRun: Statement<[number, number, number, number]>;
  private readonly insertChunk: Statement<[number, number, number, number, number]>;
  /** Inserts of n column rows in one statement, by n: one call per chunk rather than one per column. */
  private readonly insertColumns = new Map<number, Statement<ColumnRowValues[number][]>>();
  private readonly database: Database;
  /** Memory for a batch being packed and for the columns of a merge (see ColumnScratch). */
  private readonly packScratch = new ColumnScratch();
  private readonly mergeScratch = new ColumnScratch();
  private readonly deleteChunksFrom: Statement<[number, number]>;
  private readonly chunksFrom: Statement<[number, number]>;
  private readonly chunksInRange: Statement<[number, number, number]>;
  private readonly columnBlobs: Statement<[number, number, number, number]>;
  private readonly runBlobs: Statement<[number, number]>;
  private readonly rangeOf: Statement<[number]>;
  private readonly chunkBlobs: Statement<[number, number]>;
  private readonly deleteChunk: Statement<[number, number]>;
  private readonly appendTransaction: (sessionId: number, samples: readonly ResourceSample[]) => void;
  private readonly compactTransaction: (sessionId: number) => void;

  constructor(database: Database) {
    this.database = database;
    // The run after the last chunk that is not small; every small chunk is in it, because an append
    // that makes the run full merges it (compact() may leave one small chunk before later appends). The same
    // statement numbers the next chunk, so an append asks SQLite once.
    this.trailingRun = database.prepare(`
      SELECT COUNT(*), COALESCE(SUM(count), 0), MIN(chunk),
        (SELECT COALESCE(MAX(chunk), -1) + 1 FROM sample_chunks WHERE session_id = ?)
      FROM sample_chunks
      WHERE session_id = ? AND chunk > (SELECT COALESCE(MAX(chunk), -1) FROM sample_chunks WHERE session_id = ? AND count >= ?)`);
    this.insertChunk = database.prepare(
      'INSERT INTO sample_chunks (session_id, chunk, min_time, max_time, count) VALUES (?, ?, ?, ?, ?)',
    );
    this.deleteChunksFrom = database.prepare('DELETE FROM sample_chunks WHERE session_id = ? AND chunk >= ?');
    this.chunksFrom = database.prepare(
      'SELECT chunk, min_time, max_time, count FROM sample_chunks WHERE session_id = ? AND chunk >= ? ORDER BY chunk',
    );
    this.chunksInRange = database.prepare(
      'SELECT chunk, min_time, max_time, count FROM sample_chunks WHERE session_id = ? AND max_time >= ? AND min_time <= ? ORDER BY chunk',
    );
    this.columnBlobs = database.prepare(
      'SELECT chunk, data FROM sample_columns WHERE session_id = ? AND column_index = ? AND chunk BETWEEN ? AND ? ORDER BY chunk',
    );
    this.runBlobs = database.prepare(
      'SELECT column_index, chunk, data FROM sample_columns WHERE session_id = ? AND chunk >= ? ORDER BY column_index, chunk',
    );
    this.rangeOf = database.prepare(
      'SELECT MIN(min_time), MAX(max_time), COALESCE(SUM(count), 0) FROM sample_chunks WHERE session_id = ?',
    );
    this.chunkBlobs = database.prepare(
      'SELECT column_index, data FROM sample_columns WHERE session_id = ? AND chunk = ?',
    );
    this.deleteChunk = database.prepare('DELETE FROM sample_chunks WHERE session_id = ? AND chunk = ?');
    for (const statement of [
      this.chunkBlobs,
      this.trailingRun,
      this.chunksFrom,
      this.chunksInRange,
      this.columnBlobs,
      this.runBlobs,
      this.rangeOf,
    ])
      statement.raw(true);
    this.appendTransaction = database.transaction((sessionId, samples) => this.appendNow(sessionId, samples));
    this.compactTransaction = database.transaction((sessionId) =>
      this.mergeTrailingRun(sessionId, this.trailingRunOf(sessionId), null),
    );
  }

  /**
   * Appends a batch of samples (in one transaction: the caller's when it has one open, as a recording
   * with thread readings does), merging the trailing small chunks when they fill one. Nested, the
   * transaction would be a savepoint, and SQLite copies every page it then changes (16 KiB each) to a
   * sub-journal: a recording of a 50-thread target spent a third of its per-thread cost doing that.
   */
  append(sessionId: number, samples: readonly ResourceSample[]): void {
    if (samples.length === 0) return;
    if (this.database.inTransaction) this.appendNow(sessionId, samples);
    else this.appendTransaction(sessionId, samples);
  }

  /** Merges all remaining small chunks of a session into one; called when a recording ends. */
  compact(sessionId: number): void {
    this.compactTransaction(sessionId);
  }

  /** Merges the trailing small chunks into one once they hold `minimumSamples` (retention.ts: between folds). */
  mergeSmallChunks(sessionId: number, minimumSamples: number): void {
    const run = this.trailingRunOf(sessionId);
    if (run.chunks >= 2 && run.samples >= minimumSamples) this.mergeTrailingRun(sessionId, run, null);
  }

  /** Reads the samples whose time lies in [from, to], only the requested metrics, in stored order. */
  read(sessionId: number, options: ReadSamplesOptions = {}): SampleColumns {
    const from = options.from ?? -Infinity;
    const to = options.to ?? Infinity;
    const metrics = options.metrics ?? metricKeys;
    const chunks = this.chunksInRange.all(sessionId, from, to) as ChunkRow[];
    if (chunks.length === 0)
      return {
        times: new Float64Array(0),
        columns: options.skipMissing ? {} : Object.fromEntries(metrics.map((key) => [key, new Float64Array(0)])),
      };
    const firstChunk = chunks[0]![0];
    const lastChunk = chunks[chunks.length - 1]![0];
    const timeBlobs = this.blobsOf(sessionId, timeColumn, firstChunk, lastChunk);
    // Chunks wholly inside the range are taken whole without looking at their times.
    const selections: ChunkSelection[] = chunks.map(([chunk, minTime, maxTime, count]) =>
      minTime >= from && maxTime <= to
        ? { chunk, start: 0, end: count }
        : selectByTime(chunk, timeBlobs.get(chunk)!, from, to),
    );
    const total = selections.reduce((sum, selection) => sum + selectedCount(selection), 0);
    const gather = (blobs: Map<number, Buffer>) => {
      const values = new Float64Array(total);
      let offset = 0;
      for (const selection of selections) {
        copySelection(blobs.get(selection.chunk), selection, values, offset);
        offset += selectedCount(selection);
      }
      return values;
    };
    const columns: Partial<Record<MetricKey, Float64Array>> = {};
    for (const metric of metrics) {
      const blobs = this.blobsOf(sessionId, columnIndexOf(metric), firstChunk, lastChunk);
      if (options.skipMissing && blobs.size === 0) continue;
      columns[metric] = gather(blobs);
    }
    return { times: gather(timeBlobs), columns };
  }

  /** The time span and number of a session's samples, or null when it has none. */
  range(sessionId: number): SampleRange | null {
    const [from, to, count] = this.rangeOf.get(sessionId) as [number | null, number | null, number];
    return from === null || to === null || count === 0 ? null : { from, to, count };
  }

  /** The chunks that may hold samples in [from, to] (by their min/max time), in chunk order. */
  chunksOverlapping(
    sessionId: number,
    from: number,
    to: number,
  ): { chunk: number; minTime: number; maxTime: number; count: number }[] {
    return (this.chunksInRange.all(sessionId, from, to) as ChunkRow[]).map(([chunk, minTime, maxTime, count]) => ({
      chunk,
      minTime,
      maxTime,
      count,
    }));
  }

  /** Every column of one chunk, freshly allocated; NaN where a column has no row. */
  readChunk(sessionId: number, chunk: number, count: number): PackedSamples {
    const packed = new ColumnScratch().columns(count);
    const blobs = new Map(this.chunkBlobs.all(sessionId, chunk) as [number, Buffer][]);
    for (const columnIndex of allColumnIndexes)
      copySelection(blobs.get(columnIndex), { chunk, start: 0, end: count }, columnOf(packed, columnIndex), 0);
    return packed;
  }

  /** Replaces a chunk by the `kept` samples under the same number (removes it when none are kept); call in a transaction. */
  replaceChunk(sessionId: number, chunk: number, kept: PackedSamples): void {
    this.deleteChunk.run(sessionId, chunk);
    if (kept.count > 0) this.writeChunks(sessionId, chunk, kept);
  }

  private blobsOf(sessionId: number, columnIndex: number, firstChunk: number, lastChunk: number): Map<number, Buffer> {
    return new Map(this.columnBlobs.all(sessionId, columnIndex, firstChunk, lastChunk) as BlobRow[]);
  }

  private appendNow(sessionId: number, samples: readonly ResourceSample[]): void {
    const packed = packSamples(samples, this.packScratch);
    const run = this.trailingRunOf(sessionId);
    const fills = run.samples + packed.count >= fullChunkSamples || packed.count >= smallChunkSamples;
    if (run.chunks > 0 && fills) this.mergeTrailingRun(sessionId, run, packed);
    else this.writeChunks(sessionId, run.next, packed);
  }

  private trailingRunOf(sessionId: number): TrailingRun {
    const [chunks, samples, start, next] = this.trailingRun.get(sessionId, sessionId, sessionId, smallChunkSamples) as [
      number,
      number,
      number | null,
      number,
    ];
    return { chunks, samples, start, next };
  }

  /** Rewrites the trailing small chunks, plus `extra` samples after them, as one chunk (or a few when over the maximum). */
  private mergeTrailingRun(sessionId: number, run: TrailingRun, extra: PackedSamples | null): void {
    const { samples: runSamples, start: runStart } = run;
    if (runStart === null || (run.chunks < 2 && extra === null)) return;
    const chunks = this.chunksFrom.all(sessionId, runStart) as ChunkRow[];
    const wholeChunks = chunks.map(([chunk, , , count]) => ({ chunk, start: 0, end: count }));
    const count = runSamples + (extra?.count ?? 0);
    const merged = this.mergeScratch.columns(count);
    // Every column of the run in one read, grouped by column.
    const runBlobs = new Map<number, Map<number, Buffer>>();
    for (const [columnIndex, chunk, data] of this.runBlobs.all(sessionId, runStart) as ColumnBlobRow[]) {
      let blobs = runBlobs.get(columnIndex);
      if (!blobs) runBlobs.set(columnIndex, (blobs = new Map()));
      blobs.set(chunk, data);
    }
    for (const columnIndex of allColumnIndexes) {
      const values = columnOf(merged, columnIndex);
      const blobs = runBlobs.get(columnIndex) ?? new Map<number, Buffer>();
      let offset = 0;
      for (const selection of wholeChunks) {
        copySelection(blobs.get(selection.chunk), selection, values, offset);
        offset += selection.end;
      }
      if (extra) values.set(columnOf(extra, columnIndex), runSamples);
    }
    this.deleteChunksFrom.run(sessionId, runStart);
    this.writeChunks(sessionId, runStart, merged);
  }

  private writeChunks(sessionId: number, firstChunk: number, packed: PackedSamples): void {
    const pieces = Math.ceil(packed.count / maximumChunkSamples);
    for (let piece = 0; piece < pieces; piece++) {
      // Equal pieces rather than full ones plus a sliver, so no piece is left small.
      const start = Math.floor((piece * packed.count) / pieces);
      const end = Math.floor(((piece + 1) * packed.count) / pieces);
      const chunk = firstChunk + piece;
      const times = packed.times.subarray(start, end);
      let minTime = Infinity;
      let maxTime = -Infinity;
      for (const time of times) {
        if (time < minTime) minTime = time;
        if (time > maxTime) maxTime = time;
      }
      this.insertChunk.run(sessionId, chunk, minTime, maxTime, end - start);
      const rows: ColumnRowValues[number][] = [];
      for (const columnIndex of allColumnIndexes) {
        const values = columnOf(packed, columnIndex).subarray(start, end);
        if (columnIndex === timeColumn || !isAllMissing(values))
          rows.push(sessionId, chunk, columnIndex, blobOf(values));
      }
      this.insertColumnsStatement(rows.length / 4).run(...rows);
    }
  }

  /** The statement inserting `count` column rows at once (prepared on first use; at most one per column count). */
  private insertColumnsStatement(count: number): Statement<ColumnRowValues[number][]> {
    let statement = this.insertColumns.get(count);
    if (!statement) {
      const values = Array.from({ length: count }, () => '(?, ?, ?, ?)').join(', ');
      statement = this.database.prepare(
        `INSERT INTO sample_columns (session_id, chunk, column_index, data) VALUES ${values}`,
      );
      this.insertColumns.set(count, statement);
    }
    return statement;
  }
}
