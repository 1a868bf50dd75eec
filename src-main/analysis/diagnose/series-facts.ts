// Facts about the resource series a detector asks for: a metric's mean, the share of samples where a
// condition holds, and the span where it holds most of the time (a diagnosis' time range).

import type { MetricKey } from '../../../src-shared/model/resource';
import type { SampleColumns } from '../../../src-shared/timeline/summarize';

/** The values of a metric, or of the sum of several (NaN where every part is NaN; a NaN part counts 0). */
export function metricValues(samples: SampleColumns, keys: readonly MetricKey[]): Float64Array {
  const values = new Float64Array(samples.times.length).fill(Number.NaN);
  for (const key of keys) {
    const column = samples.columns[key];
    if (!column) continue;
    for (let index = 0; index < values.length; index++) {
      const value = column[index]!;
      if (Number.isNaN(value)) continue;
      values[index] = Number.isNaN(values[index]!) ? value : values[index]! + value;
    }
  }
  return values;
}

/**
 * The CPU other programs used while the target ran, 100 = one core, averaged over the samples: the
 * machine's CPU (systemCpu, a percent of all cores) less the target's own. NaN without the machine's CPU.
 */
export function otherProgramsCpu(samples: SampleColumns, cpuCount: number): number {
  const machine = samples.columns.systemCpu;
  if (!machine) return Number.NaN;
  const own = metricValues(samples, ['cpuUser', 'cpuSystem']);
  const others = mean(machine.map((value, index) => value * cpuCount - (Number.isNaN(own[index]!) ? 0 : own[index]!)));
  return Number.isNaN(others) ? Number.NaN : Math.max(0, others);
}

/** The mean of the non-NaN values; NaN when there are none. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (Number.isNaN(value)) continue;
    sum += value;
    count += 1;
  }
  return count === 0 ? Number.NaN : sum / count;
}

/** The median of the non-NaN values; NaN when there are none. */
export function median(values: ArrayLike<number>): number {
  const kept = Array.from(values)
    .filter((value) => !Number.isNaN(value))
    .sort((left, right) => left - right);
  if (kept.length === 0) return Number.NaN;
  const middle = kept.length >> 1;
  return kept.length % 2 === 1 ? kept[middle]! : (kept[middle - 1]! + kept[middle]!) / 2;
}

/** The share (0–1) of non-NaN values that satisfy a condition; 0 when there are none. */
export function shareWhere(values: ArrayLike<number>, holds: (value: number) => boolean): number {
  let matched = 0;
  let count = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (Number.isNaN(value)) continue;
    count += 1;
    if (holds(value)) matched += 1;
  }
  return count === 0 ? 0 : matched / count;
}

/** A time range, epoch milliseconds. */
export interface TimeRange {
  from: number;
  to: number;
}

/**
 * The longest span where a condition holds, allowing short gaps (up to a tenth of the samples that
 * held so far, at least two): a burst in an otherwise quiet session gives the burst, not the whole
 * session. Null when it never holds.
 */
export function spanWhere(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  holds: (value: number) => boolean,
): TimeRange | null {
  let bestFrom = -1;
  let bestTo = -1;
  let runFrom = -1;
  let held = 0;
  let missed = 0;
  for (let index = 0; index < times.length; index++) {
    const value = values[index]!;
    const ok = !Number.isNaN(value) && holds(value);
    if (ok) {
      if (runFrom < 0) {
        runFrom = index;
        held = 0;
        missed = 0;
      }
      held += 1;
      if (bestFrom < 0 || times[index]! - times[runFrom]! > times[bestTo]! - times[bestFrom]!) {
        bestFrom = runFrom;
        bestTo = index;
      }
    } else if (runFrom >= 0) {
      missed += 1;
      if (missed > Math.max(2, held / 10)) runFrom = -1;
    }
  }
  return bestFrom < 0 ? null : { from: times[bestFrom]!, to: times[bestTo]! };
}

/** The whole session's range; null without samples. */
export function wholeRange(samples: SampleColumns): TimeRange | null {
  const count = samples.times.length;
  return count === 0 ? null : { from: samples.times[0]!, to: samples.times[count - 1]! };
}
