// The downsampled tier as columnar chunks of buckets (see migrations/011-retention.ts for the layout).
//
// Compaction runs about once a minute and folds a minute of samples into a few buckets, so new
// buckets are merged into the last chunk until it holds maximumBucketsPerChunk: a day at 10 s buckets
// is then 68 chunks (a read of it 68 rows a column), and the merge rewrites at most one chunk (3 KiB a
// stored column) a minute, where 1,024 a chunk had rewritten up to 24 KiB a column each minute.

import type { Database, Statement } from 'better-sqlite3';
import { metricKeys } from '../../src-shared/model/resource';
import { blobOf, isAllMissing, timeColumn, valueBytes } from './sample-columns';
import {
  bucketedSampleCount,
  concatBuckets,
  emptyBuckets,
  valuesPerBucket,
  type PackedBuckets,
} from './bucket-columns';

/** A bucket chunk takes in new buckets until it holds this many. */
export const maximumBucketsPerChunk = 128;

type ChunkRow = [chunk: number, count: number];
type BlobRow = [chunk: number, columnIndex: number, data: Buffer];

/** How many buckets a session's tier holds and how many samples they stand for. */
export interface BucketTotals {
  buckets: number;
  samples: number;
}

/** Appends and reads a session's buckets. */
export class BucketRepository {
  private readonly lastChunk: Statement<[number]>;
  private readonly chunksInRange: Statement<[number, number, number]>;
  private readonly blobsOf: Statement<[number, number, number]>;
  private readonly insertChunk: Statement<[number, number, number, number, number, number]>;
  private readonly insertColumn: Statement<[number, number, number, Buffer]>;
  private readonly deleteChunk: Statement<[number, number]>;
  private readonly totalsOf: Statement<[number]>;

  constructor(database: Database) {
    this.lastChunk = database.prepare(
      'SELECT chunk, count FROM bucket_chunks WHERE session_id = ? ORDER BY chunk DESC LIMIT 1',
    );
    this.chunksInRange = database.prepare(
      'SELECT chunk, count FROM bucket_chunks WHERE session_id = ? AND max_time >= ? AND min_time <= ? ORDER BY chunk',
    );
    this.blobsOf = database.prepare(
      'SELECT chunk, column_index, data FROM bucket_columns WHERE session_id = ? AND chunk BETWEEN ? AND ?',
    );
    this.insertChunk = database.prepare(
      'INSERT INTO bucket_chunks (session_id, chunk, min_time, max_time, count, samples) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertColumn = database.prepare(
      'INSERT INTO bucket_columns (session_id, chunk, column_index, data) VALUES (?, ?, ?, ?)',
    );
    this.deleteChunk = database.prepare('DELETE FROM bucket_chunks WHERE session_id = ? AND chunk = ?');
    this.totalsOf = database.prepare(
      'SELECT COALESCE(SUM(count), 0), COALESCE(SUM(samples), 0) FROM bucket_chunks WHERE session_id = ?',
    );
    for (const statement of [this.lastChunk, this.chunksInRange, this.blobsOf, this.totalsOf]) statement.raw(true);
  }

  /** Appends buckets (later than every stored one), merged into the last chunk while it has room; call inside a transaction. */
  append(sessionId: number, buckets: PackedBuckets): void {
    if (buckets.count === 0) return;
    const last = this.lastChunk.get(sessionId) as ChunkRow | undefined;
    if (last && last[1] + buckets.count <= maximumBucketsPerChunk) {
      const merged = concatBuckets(
        this.decode(last[1], this.blobsOf.all(sessionId, last[0], last[0]) as BlobRow[]),
        buckets,
      );
      this.deleteChunk.run(sessionId, last[0]);
      this.write(sessionId, last[0], merged);
    } else {
      this.write(sessionId, last ? last[0] + 1 : 0, buckets);
    }
  }

  /** The buckets whose samples overlap [from, to], in stored (time) order. */
  read(sessionId: number, from: number, to: number): PackedBuckets {
    const chunks = this.chunksInRange.all(sessionId, from, to) as ChunkRow[];
    if (chunks.length === 0) return emptyBuckets();
    // Every chunk's blobs copied straight to their place in one array per column.
    const offsets = new Map<number, number>();
    let count = 0;
    for (const [chunk, buckets] of chunks) {
      offsets.set(chunk, count);
      count += buckets;
    }
    const all: PackedBuckets = {
      count,
      spans: new Float64Array(count * valuesPerBucket),
      metrics: metricKeys.map(() => new Float64Array(count * valuesPerBucket).fill(Number.NaN)),
    };
    for (const [chunk, columnIndex, data] of this.blobsOf.all(
      sessionId,
      chunks[0]![0],
      chunks.at(-1)![0],
    ) as BlobRow[]) {
      const offset = offsets.get(chunk);
      if (offset === undefined) continue;
      const target = columnIndex === timeColumn ? all.spans : all.metrics[columnIndex]!;
      // A byte copy: SQLite's buffers need not be 8-byte aligned.
      new Uint8Array(target.buffer, offset * valuesPerBucket * valueBytes, data.length).set(data);
    }
    return selectOverlapping(all, from, to);
  }

  /** The session's bucket and bucketed-sample counts. */
  totals(sessionId: number): BucketTotals {
    const [buckets, samples] = this.totalsOf.get(sessionId) as [number, number];
    return { buckets, samples };
  }

  private write(sessionId: number, chunk: number, buckets: PackedBuckets): void {
    let minTime = Infinity;
    let maxTime = -Infinity;
    for (let bucket = 0; bucket < buckets.count; bucket++) {
      minTime = Math.min(minTime, buckets.spans[bucket * 3]!);
      maxTime = Math.max(maxTime, buckets.spans[bucket * 3 + 1]!);
    }
    this.insertChunk.run(sessionId, chunk, minTime, maxTime, buckets.count, bucketedSampleCount(buckets));
    this.insertColumn.run(sessionId, chunk, timeColumn, blobOf(buckets.spans));
    buckets.metrics.forEach((values, metric) => {
      if (!isAllMissing(values)) this.insertColumn.run(sessionId, chunk, metric, blobOf(values));
    });
  }

  private decode(count: number, rows: readonly BlobRow[]): PackedBuckets {
    const length = count * valuesPerBucket;
    const column = (blob: Buffer | undefined) => {
      const values = new Float64Array(length);
      // A byte copy: SQLite's buffers need not be 8-byte aligned.
      if (blob && blob.length === length * valueBytes) new Uint8Array(values.buffer).set(blob);
      else values.fill(Number.NaN);
      return values;
    };
    const byColumn = new Map(rows.map(([, columnIndex, data]) => [columnIndex, data]));
    return {
      count,
      spans: column(byColumn.get(timeColumn)),
      metrics: metricKeys.map((_, metric) => column(byColumn.get(metric))),
    };
  }
}

/** The buckets whose span overlaps [from, to]. */
function selectOverlapping(buckets: PackedBuckets, from: number, to: number): PackedBuckets {
  const kept: number[] = [];
  for (let bucket = 0; bucket < buckets.count; bucket++)
    if (buckets.spans[bucket * 3 + 1]! >= from && buckets.spans[bucket * 3]! <= to) kept.push(bucket);
  if (kept.length === buckets.count) return buckets;
  const pick = (values: Float64Array) => {
    const picked = new Float64Array(kept.length * valuesPerBucket);
    kept.forEach((bucket, position) => picked.set(values.subarray(bucket * 3, bucket * 3 + 3), position * 3));
    return picked;
  };
  return { count: kept.length, spans: pick(buckets.spans), metrics: buckets.metrics.map(pick) };
}
