// The in-memory side of the downsampled tier (see migrations/011-retention.ts): folding samples into
// buckets of minimum, mean and maximum per metric, and the packed triples a bucket chunk stores.
// No SQLite here.

import { metricKeys } from '../../src-shared/model/resource';
import type { Milliseconds } from '../../src-shared/units';
import type { PackedSamples } from './sample-columns';

/** Float64 values stored per bucket in every column: (first time, last time, count) or (minimum, mean, maximum). */
export const valuesPerBucket = 3;

/**
 * Buckets packed column by column, three values a bucket: `spans` holds each bucket's first and last
 * sample time and sample count; `metrics[i]` holds metricKeys[i]'s minimum, mean and maximum (NaN
 * when no sample of the bucket had it).
 */
export interface PackedBuckets {
  count: number;
  spans: Float64Array;
  metrics: Float64Array[];
}

/** No buckets. */
export function emptyBuckets(): PackedBuckets {
  return { count: 0, spans: new Float64Array(0), metrics: metricKeys.map(() => new Float64Array(0)) };
}

/**
 * Folds the samples at `indexes` (in time order) into buckets of `bucketMs`, aligned to multiples of
 * it since the epoch, so a bucket's samples are the same whichever compaction takes them in. The mean
 * is over the samples that had the metric; each value is read once, so a bucket is exact to the bit
 * for its minimum and maximum and to Float64 summation for its mean.
 */
export function foldIntoBuckets(
  packed: PackedSamples,
  indexes: readonly number[],
  bucketMs: Milliseconds,
): PackedBuckets {
  // Bucket boundaries first: indexes are in time order, so a bucket is a run of them.
  const runs: number[] = [];
  let previous = Number.NaN;
  indexes.forEach((sample, position) => {
    const bucket = Math.floor(packed.times[sample]! / bucketMs);
    if (bucket !== previous) runs.push(position);
    previous = bucket;
  });
  runs.push(indexes.length);
  const count = runs.length - 1;
  const spans = new Float64Array(count * valuesPerBucket);
  const metrics = metricKeys.map(() => new Float64Array(count * valuesPerBucket));
  for (let bucket = 0; bucket < count; bucket++) {
    const start = runs[bucket]!;
    const end = runs[bucket + 1]!;
    spans[bucket * 3] = packed.times[indexes[start]!]!;
    spans[bucket * 3 + 1] = packed.times[indexes[end - 1]!]!;
    spans[bucket * 3 + 2] = end - start;
    packed.metrics.forEach((values, metric) => {
      let minimum = Infinity;
      let maximum = -Infinity;
      let sum = 0;
      let present = 0;
      for (let position = start; position < end; position++) {
        const value = values[indexes[position]!]!;
        if (Number.isNaN(value)) continue;
        if (value < minimum) minimum = value;
        if (value > maximum) maximum = value;
        sum += value;
        present++;
      }
      const triple = metrics[metric]!;
      triple[bucket * 3] = present === 0 ? Number.NaN : minimum;
      triple[bucket * 3 + 1] = present === 0 ? Number.NaN : sum / present;
      triple[bucket * 3 + 2] = present === 0 ? Number.NaN : maximum;
    });
  }
  return { count, spans, metrics };
}

/** The buckets of `first` followed by those of `second`. */
export function concatBuckets(first: PackedBuckets, second: PackedBuckets): PackedBuckets {
  const join = (a: Float64Array, b: Float64Array) => {
    const joined = new Float64Array(a.length + b.length);
    joined.set(a);
    joined.set(b, a.length);
    return joined;
  };
  return {
    count: first.count + second.count,
    spans: join(first.spans, second.spans),
    metrics: first.metrics.map((values, metric) => join(values, second.metrics[metric]!)),
  };
}

/** How many samples the buckets stand for. */
export function bucketedSampleCount(buckets: PackedBuckets): number {
  let total = 0;
  for (let bucket = 0; bucket < buckets.count; bucket++) total += buckets.spans[bucket * 3 + 2]!;
  return total;
}
