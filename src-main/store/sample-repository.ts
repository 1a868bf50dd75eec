// Resource samples as columnar chunks (see migrations/001-initial-schema.ts for the layout).
//
// A recorder flushes every second, which at 10 Hz makes 10-sample chunks: 21 rows of 80 bytes for
// every second recorded. So the trailing run of small chunks is merged into one as soon as it holds
// a full chunk's worth, inside the same transaction as the append that fills it. Reads then touch
// about one row per column per 4,096 samples, whatever the recorder's flush rhythm was.

import type { Database, Statement } from 'better-sqlite3';
import { metricKeys } from '../../src-shared/model/resource';
import type { MetricKey, ResourceSample } from '../../src-shared/model/resource';
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
} from './sample-columns';
import type { ChunkSelection, PackedSamples } from './sample-columns';

/** A chunk with fewer samples than this is "small" and gets merged with its neighbours. */
export const fullChunkSamples = 4_096;
/** No chunk is written larger than this, so a window read never decodes a huge blob. */
export const maximumChunkSamples = 2 * fullChunkSamples;

/** Samples read back as columns; a metric value is NaN where the sample had null. */
export interface SampleColumns {
  times: Float64Array;
  columns: Partial<Record<MetricKey, Float64Array>>;
}

/** Which samples to read: a closed time range and a subset of metrics (default: all). */
export interface ReadSamplesOptions {
  from?: EpochMilliseconds;
  to?: EpochMilliseconds;
  metrics?: readonly MetricKey[];
}

/** The time span and size of a session's samples. */
export interface SampleRange {
  from: EpochMilliseconds;
  to: EpochMilliseconds;
  count: number;
}

type ChunkRow = [chunk: number, minTime: number, maxTime: number, count: number];
type BlobRow = [chunk: number, data: Buffer];
/** The small chunks after the last full one: how many, their samples, the first chunk number. */
type TrailingRun = { chunks: number; samples: number; start: number | null };

/** Appends, compacts and reads the samples of sessions. */
export class SampleRepository {
  private readonly trailingRun: Statement<[number, number, number]>;
  private readonly nextChunk: Statement<[number]>;
  private readonly insertChunk: Statement<[number, number, number, number, number]>;
  private readonly insertColumn: Statement<[number, number, number, Buffer]>;
  private readonly deleteChunksFrom: Statement<[number, number]>;
  private readonly chunksFrom: Statement<[number, number]>;
  private readonly chunksInRange: Statement<[number, number, number]>;
  private readonly columnBlobs: Statement<[number, number, number, number]>;
  private readonly rangeOf: Statement<[number]>;
  private readonly appendTransaction: (sessionId: number, samples: readonly ResourceSample[]) => void;
  private readonly compactTransaction: (sessionId: number) => void;

  constructor(database: Database) {
    // The run after the last full chunk; every small chunk is in it, because an append that makes
    // the run full merges it (compact() may leave one small chunk before later appends).
    this.trailingRun = database.prepare(`
      SELECT COUNT(*), COALESCE(SUM(count), 0), MIN(chunk) FROM sample_chunks
      WHERE session_id = ? AND chunk > (SELECT COALESCE(MAX(chunk), -1) FROM sample_chunks WHERE session_id = ? AND count >= ?)`);
    this.nextChunk = database
      .prepare('SELECT COALESCE(MAX(chunk), -1) + 1 FROM sample_chunks WHERE session_id = ?')
      .pluck();
    this.insertChunk = database.prepare(
      'INSERT INTO sample_chunks (session_id, chunk, min_time, max_time, count) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertColumn = database.prepare(
      'INSERT INTO sample_columns (session_id, chunk, column_index, data) VALUES (?, ?, ?, ?)',
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
    this.rangeOf = database.prepare(
      'SELECT MIN(min_time), MAX(max_time), COALESCE(SUM(count), 0) FROM sample_chunks WHERE session_id = ?',
    );
    for (const statement of [this.trailingRun, this.chunksFrom, this.chunksInRange, this.columnBlobs, this.rangeOf])
      statement.raw(true);
    this.appendTransaction = database.transaction((sessionId, samples) => this.appendNow(sessionId, samples));
    this.compactTransaction = database.transaction((sessionId) =>
      this.mergeTrailingRun(sessionId, this.trailingRunOf(sessionId), null),
    );
  }

  /** Appends a batch of samples (in one transaction), merging the trailing small chunks when they fill one. */
  append(sessionId: number, samples: readonly ResourceSample[]): void {
    if (samples.length > 0) this.appendTransaction(sessionId, samples);
  }

  /** Merges all remaining small chunks of a session into one; called when a recording ends. */
  compact(sessionId: number): void {
    this.compactTransaction(sessionId);
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
        columns: Object.fromEntries(metrics.map((key) => [key, new Float64Array(0)])),
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
    for (const metric of metrics)
      columns[metric] = gather(this.blobsOf(sessionId, columnIndexOf(metric), firstChunk, lastChunk));
    return { times: gather(timeBlobs), columns };
  }

  /** The time span and number of a session's samples, or null when it has none. */
  range(sessionId: number): SampleRange | null {
    const [from, to, count] = this.rangeOf.get(sessionId) as [number | null, number | null, number];
    return from === null || to === null || count === 0 ? null : { from, to, count };
  }

  private blobsOf(sessionId: number, columnIndex: number, firstChunk: number, lastChunk: number): Map<number, Buffer> {
    return new Map(this.columnBlobs.all(sessionId, columnIndex, firstChunk, lastChunk) as BlobRow[]);
  }

  private appendNow(sessionId: number, samples: readonly ResourceSample[]): void {
    const packed = packSamples(samples);
    const run = this.trailingRunOf(sessionId);
    if (run.chunks > 0 && run.samples + packed.count >= fullChunkSamples) this.mergeTrailingRun(sessionId, run, packed);
    else this.writeChunks(sessionId, this.nextChunk.get(sessionId) as number, packed);
  }

  private trailingRunOf(sessionId: number): TrailingRun {
    const [chunks, samples, start] = this.trailingRun.get(sessionId, sessionId, fullChunkSamples) as [
      number,
      number,
      number | null,
    ];
    return { chunks, samples, start };
  }

  /** Rewrites the trailing small chunks, plus `extra` samples after them, as one chunk (or a few when over the maximum). */
  private mergeTrailingRun(sessionId: number, run: TrailingRun, extra: PackedSamples | null): void {
    const { samples: runSamples, start: runStart } = run;
    if (runStart === null || (run.chunks < 2 && extra === null)) return;
    const chunks = this.chunksFrom.all(sessionId, runStart) as ChunkRow[];
    const lastChunk = chunks[chunks.length - 1]![0];
    const wholeChunks = chunks.map(([chunk, , , count]) => ({ chunk, start: 0, end: count }));
    const count = runSamples + (extra?.count ?? 0);
    const merged: PackedSamples = { count, times: new Float64Array(0), metrics: [] };
    for (const columnIndex of allColumnIndexes) {
      const values = new Float64Array(count);
      const blobs = this.blobsOf(sessionId, columnIndex, runStart, lastChunk);
      let offset = 0;
      for (const selection of wholeChunks) {
        copySelection(blobs.get(selection.chunk), selection, values, offset);
        offset += selection.end;
      }
      if (extra) values.set(columnOf(extra, columnIndex), runSamples);
      if (columnIndex === timeColumn) merged.times = values;
      else merged.metrics[columnIndex] = values;
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
      for (const columnIndex of allColumnIndexes) {
        const values = columnOf(packed, columnIndex).subarray(start, end);
        if (columnIndex === timeColumn || !isAllMissing(values))
          this.insertColumn.run(sessionId, chunk, columnIndex, blobOf(values));
      }
    }
  }
}
