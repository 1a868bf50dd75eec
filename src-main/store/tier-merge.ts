// Reading both tiers as one: the samples kept at full detail and the buckets of the downsampled
// tier, merged in time order. A bucket becomes one point at its last sample's time holding its mean,
// with its sample count, first time, minimum and maximum in the read's envelope (TierEnvelope).
// No SQLite here.

import { metricKeys } from '../../src-shared/model/resource';
import type { MetricKey } from '../../src-shared/model/resource';
import type { TierEnvelope } from '../../src-shared/timeline/tiers';
import type { PackedBuckets } from './bucket-columns';

/** Columns of a read, with the envelope when buckets are among its points. */
export interface TieredColumns {
  times: Float64Array;
  columns: Partial<Record<MetricKey, Float64Array>>;
  envelope?: TierEnvelope;
}

/**
 * Merges full-detail samples (in stored order, which is time order unless a clock stepped back) with
 * buckets (in time order) into one series; `metrics` are the metrics asked for, and with
 * `skipMissing` a metric with no value in either tier is left out.
 */
export function mergeTiers(
  raw: TieredColumns,
  buckets: PackedBuckets,
  metrics: readonly MetricKey[],
  skipMissing: boolean,
): TieredColumns {
  if (buckets.count === 0) return raw;
  const hasBucketValues = (key: MetricKey) => {
    const values = buckets.metrics[metricKeys.indexOf(key)]!;
    for (let index = 1; index < values.length; index += 3) if (!Number.isNaN(values[index]!)) return true;
    return false;
  };
  const keys = metrics.filter((key) => !skipMissing || raw.columns[key] !== undefined || hasBucketValues(key));
  const total = raw.times.length + buckets.count;
  const times = new Float64Array(total);
  const counts = new Float64Array(total);
  const starts = new Float64Array(total);
  // Where each point comes from: a sample's index, or -1 - a bucket's index. Then each column is
  // filled in one loop of its own (a loop per point over the metrics was three times slower).
  const source = new Int32Array(total);
  let sample = 0;
  let bucket = 0;
  for (let at = 0; at < total; at++) {
    const bucketTime = bucket < buckets.count ? buckets.spans[bucket * 3 + 1]! : Infinity;
    if (sample < raw.times.length && raw.times[sample]! <= bucketTime) {
      times[at] = starts[at] = raw.times[sample]!;
      counts[at] = 1;
      source[at] = sample++;
    } else {
      times[at] = bucketTime;
      starts[at] = buckets.spans[bucket * 3]!;
      counts[at] = buckets.spans[bucket * 3 + 2]!;
      source[at] = -1 - bucket++;
    }
  }
  const mean: Float64Array[] = [];
  const minimum: Float64Array[] = [];
  const maximum: Float64Array[] = [];
  for (const key of keys) {
    const values = raw.columns[key];
    const triples = buckets.metrics[metricKeys.indexOf(key)]!;
    const [means, minimums, maximums] = [0, 1, 2].map(() => new Float64Array(total)) as [
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    for (let at = 0; at < total; at++) {
      const from = source[at]!;
      if (from >= 0) {
        const value = values ? values[from]! : Number.NaN;
        means[at] = minimums[at] = maximums[at] = value;
      } else {
        const offset = (-1 - from) * 3;
        minimums[at] = triples[offset]!;
        means[at] = triples[offset + 1]!;
        maximums[at] = triples[offset + 2]!;
      }
    }
    mean.push(means);
    minimum.push(minimums);
    maximum.push(maximums);
  }
  const byKey = (columns: Float64Array[]) => Object.fromEntries(keys.map((key, column) => [key, columns[column]!]));
  return {
    times,
    columns: byKey(mean),
    envelope: { counts, starts, minimum: byKey(minimum), maximum: byKey(maximum) },
  };
}
