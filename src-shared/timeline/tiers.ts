// What a read of a session whose older samples were downsampled carries besides its columns: per
// point, how many samples it stands for and their extent. A point kept at full detail stands for
// itself; a bucket's point holds its mean in the columns, stamped at its last sample's time, and its
// minimum and maximum here, so a view can draw the envelope and statistics keep the true extremes.
// Pure, so the engine, the CLI and the report's viewer read tiers the same way.

import type { MetricKey } from '../model/resource';
import type { EpochMilliseconds } from '../units';

/** Per point of a read: the samples it stands for. Only reads that include buckets carry one. */
export interface TierEnvelope {
  /** How many samples each point stands for (1 for a sample kept at full detail). */
  counts: Float64Array;
  /** The time of each point's first sample (the point's own time for a sample kept whole). */
  starts: Float64Array;
  /** Each point's minimum and maximum per metric (its value for a sample kept whole); NaN when missing. */
  minimum: Partial<Record<MetricKey, Float64Array>>;
  maximum: Partial<Record<MetricKey, Float64Array>>;
}

/** A time range of a view drawn from buckets rather than samples. */
export interface DownsampledSpan {
  from: EpochMilliseconds;
  to: EpochMilliseconds;
}

/** The spans of consecutive bucket points (count above 1) among the points of a read. */
export function downsampledSpans(times: Float64Array, envelope: TierEnvelope | undefined): DownsampledSpan[] {
  if (!envelope) return [];
  const spans: DownsampledSpan[] = [];
  let open: DownsampledSpan | null = null;
  for (let index = 0; index < times.length; index++) {
    const bucket = envelope.counts[index]! > 1;
    if (bucket && open) open.to = times[index]!;
    else if (bucket) spans.push((open = { from: envelope.starts[index]!, to: times[index]! }));
    else open = null;
  }
  return spans;
}

/**
 * The means of a read's buckets, at most `slots` points: the range is cut into that many equal spans
 * of time and the buckets of each are averaged over their samples, stamped at the middle of what they
 * cover. Samples kept whole are left out (they are drawn as themselves); so is a metric no bucket had.
 */
export function bucketMeans(
  times: Float64Array,
  columns: Partial<Record<MetricKey, Float64Array>>,
  envelope: TierEnvelope,
  slots: number,
): { times: Float64Array; series: Partial<Record<MetricKey, Float64Array>> } {
  const buckets: number[] = [];
  for (let index = 0; index < times.length; index++) if (envelope.counts[index]! > 1) buckets.push(index);
  const first = buckets.length > 0 ? envelope.starts[buckets[0]!]! : 0;
  const span = buckets.length > 0 ? times[buckets.at(-1)!]! - first : 0;
  const slotOf = (index: number) =>
    span > 0 ? Math.min(slots - 1, Math.floor(((times[index]! - first) / span) * slots)) : 0;
  // Groups of buckets that share a slot, one point each; a group of -1 breaks the line where samples
  // kept whole (a pinned range) lie between buckets, so the means are not drawn across them.
  const groups: number[][] = [];
  buckets.forEach((bucket, position) => {
    const previous = buckets[position - 1];
    if (previous !== undefined && bucket !== previous + 1) groups.push([-1]);
    if (previous === undefined || bucket !== previous + 1 || slotOf(bucket) !== slotOf(previous)) groups.push([]);
    groups.at(-1)!.push(bucket);
  });
  const outTimes = Float64Array.from(groups, (group) =>
    group[0] === -1 ? Number.NaN : (envelope.starts[group[0]!]! + times[group.at(-1)!]!) / 2,
  );
  // A break takes the time between its neighbours, so times stay increasing.
  outTimes.forEach((time, point) => {
    if (Number.isNaN(time)) outTimes[point] = (outTimes[point - 1]! + outTimes[point + 1]!) / 2;
  });
  const series: Partial<Record<MetricKey, Float64Array>> = {};
  for (const key of Object.keys(columns) as MetricKey[]) {
    const values = columns[key]!;
    let any = false;
    const means = Float64Array.from(groups, (group) => {
      let sum = 0;
      let weight = 0;
      for (const bucket of group) {
        if (bucket < 0 || Number.isNaN(values[bucket]!)) continue;
        sum += values[bucket]! * envelope.counts[bucket]!;
        weight += envelope.counts[bucket]!;
      }
      any ||= weight > 0;
      return weight > 0 ? sum / weight : Number.NaN;
    });
    if (any) series[key] = means;
  }
  return { times: outTimes, series };
}

/**
 * The points of a read as a drawable series: each bucket becomes two points, its minimum at its
 * first sample's time and its maximum at its last (as min/max decimation draws a bucket of pixels),
 * so a spike folded into an old bucket is drawn at its height. Samples kept whole pass through.
 */
export function envelopePoints(
  times: Float64Array,
  columns: Partial<Record<MetricKey, Float64Array>>,
  envelope: TierEnvelope | undefined,
): { times: Float64Array; columns: Partial<Record<MetricKey, Float64Array>> } {
  if (!envelope) return { times, columns };
  let total = 0;
  for (let index = 0; index < times.length; index++) total += envelope.counts[index]! > 1 ? 2 : 1;
  const keys = Object.keys(columns) as MetricKey[];
  const outTimes = new Float64Array(total);
  for (let index = 0, at = 0; index < times.length; index++) {
    if (envelope.counts[index]! > 1) outTimes[at++] = envelope.starts[index]!;
    outTimes[at++] = times[index]!;
  }
  // One loop per column: a loop per point over the metrics was several times slower.
  const out = keys.map((key) => {
    const values = columns[key]!;
    const minimum = envelope.minimum[key];
    const maximum = envelope.maximum[key];
    const column = new Float64Array(total);
    for (let index = 0, at = 0; index < times.length; index++) {
      if (envelope.counts[index]! > 1) {
        column[at++] = minimum ? minimum[index]! : Number.NaN;
        column[at++] = maximum ? maximum[index]! : Number.NaN;
      } else column[at++] = values[index]!;
    }
    return column;
  });
  return { times: outTimes, columns: Object.fromEntries(keys.map((key, column) => [key, out[column]!])) };
}
