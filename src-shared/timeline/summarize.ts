// Headline numbers of a session (or a range of it): what the CLI prints and CI jobs read. Pure, so
// the exported report's viewer summarises a brushed range with the engine's own arithmetic.

import type { MetricKey } from '../model/resource';
import type { MetricStatistics, SessionStatistics } from './statistics';
import type { TierEnvelope } from './tiers';

/** Samples as columns: one times array (epoch milliseconds) and one array per metric (NaN = unreadable). */
export interface SampleColumns {
  times: Float64Array;
  columns: Partial<Record<MetricKey, Float64Array>>;
  /** Present when some points are buckets of older samples (their columns hold the bucket means). */
  envelope?: TierEnvelope;
}

/** Computes statistics of every column in one pass each; NaN values are skipped. */
export function summarizeSamples(data: SampleColumns): SessionStatistics {
  const metrics: SessionStatistics['metrics'] = {};
  for (const [key, values] of Object.entries(data.columns) as [MetricKey, Float64Array][]) {
    const statistics = describeColumn(values, data.envelope, key);
    if (statistics) metrics[key] = statistics;
  }
  const count = data.times.length;
  const downsampled = data.envelope ? bucketTotals(data.envelope) : null;
  return {
    from: count > 0 ? (data.envelope?.starts[0] ?? data.times[0]!) : null,
    to: count > 0 ? data.times[count - 1]! : null,
    sampleCount: downsampled ? count - downsampled.buckets + downsampled.samples : count,
    durationMs: count > 1 ? data.times[count - 1]! - data.times[0]! : 0,
    metrics,
    readBytesTotal: integrate(data.times, data.columns.readBytesRate),
    writeBytesTotal: integrate(data.times, data.columns.writeBytesRate),
    ...(downsampled ? { downsampled } : {}),
  };
}

/** How many points are buckets and how many samples they stand for. */
function bucketTotals(envelope: TierEnvelope): { buckets: number; samples: number } {
  let buckets = 0;
  let samples = 0;
  for (const count of envelope.counts)
    if (count > 1) {
      buckets++;
      samples += count;
    }
  return { buckets, samples };
}

/**
 * A column's statistics. Where points are buckets (`envelope`), the average weighs each bucket's
 * mean by its samples and the extremes are the buckets' own, so they are those of the samples
 * folded into them; a bucket's samples that lacked the metric are not known apart, so it weighs as
 * all its samples.
 */
function describeColumn(values: Float64Array, envelope?: TierEnvelope, key?: MetricKey): MetricStatistics | null {
  const minimums = (key && envelope?.minimum[key]) || values;
  const maximums = (key && envelope?.maximum[key]) || values;
  const counts = envelope?.counts;
  let sum = 0;
  let count = 0;
  let maximum = -Infinity;
  let minimum = Infinity;
  let last = Number.NaN;
  // An index loop: a million values a column, and for…of over a typed array is several times slower.
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (Number.isNaN(value)) continue;
    const weight = counts ? counts[index]! : 1;
    sum += value * weight;
    count += weight;
    if (maximums[index]! > maximum) maximum = maximums[index]!;
    if (minimums[index]! < minimum) minimum = minimums[index]!;
    last = value;
  }
  return count === 0 ? null : { average: sum / count, maximum, minimum, last, count };
}

/** The total of a per-second rate over the samples: a rate sample describes the interval ending at its time. */
export function integrate(times: Float64Array, rates: Float64Array | undefined): number | null {
  if (!rates) return null;
  let total = 0;
  let seen = false;
  for (let index = 1; index < times.length; index++) {
    const rate = rates[index]!;
    if (Number.isNaN(rate)) continue;
    seen = true;
    total += (rate * (times[index]! - times[index - 1]!)) / 1000;
  }
  return seen ? total : null;
}
