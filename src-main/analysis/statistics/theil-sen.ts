// A robust trend of a series: the Theil–Sen slope (the median of the slopes between every pair of
// points) with Sen's (1968) confidence interval. By default the interval is SciPy's `theilslopes`
// (Kendall's S approximated by a normal law with the ties correction); `exact` uses Kendall's exact
// null distribution instead, as Hollander & Wolfe (1999, §9.3) do for few points without ties, where
// the normal law is coarse. A long series is first reduced to at most `maximumPoints` bucket medians
// (or minima): the pairs are then few (≈ 1,800), and neighbouring samples, which are strongly
// correlated, do not make the interval falsely narrow. Shared by the diagnosis (memory growth) and
// the trends across sessions.

import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** A slope in value units per second, with its interval. */
export interface Slope {
  perSecond: number;
  low: number;
  high: number;
  /** How many points (bucket medians) it rests on. */
  points: number;
  /** The interval's confidence: exactly `level` for the normal law, the attained one (≥ level) when exact. */
  confidence: number;
  /** How the interval was found. */
  method: 'normal' | 'exact';
}

/** How Sen's interval is found: `auto` is exact below `exactLimit` points when neither x nor y has ties. */
export type SlopeIntervalMethod = 'normal' | 'exact' | 'auto';

/** Below this many points, without ties, `auto` counts Kendall's exact distribution. */
export const exactLimit = 50;

/**
 * The non-NaN values of a time series reduced to at most `maximumPoints` buckets of equal time, each
 * to its median or its minimum (the minimum of a heap series is what survived garbage collection);
 * x in seconds from the first time.
 */
export function bucketed(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  maximumPoints: number,
  reduce: 'median' | 'minimum' = 'median',
): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  if (times.length === 0) return { x, y };
  const start = times[0]!;
  const span = times[times.length - 1]! - start;
  const buckets = Math.max(1, Math.min(maximumPoints, times.length));
  const width = span > 0 ? span / buckets : 1;
  let bucket: number[] = [];
  let bucketTimes: number[] = [];
  let current = 0;
  const flush = (): void => {
    if (bucket.length === 0) return;
    bucket.sort((left, right) => left - right);
    const middle = bucket.length >> 1;
    if (reduce === 'minimum') y.push(bucket[0]!);
    else y.push(bucket.length % 2 === 1 ? bucket[middle]! : (bucket[middle - 1]! + bucket[middle]!) / 2);
    x.push((bucketTimes[0]! + bucketTimes[bucketTimes.length - 1]!) / 2 / 1000);
    bucket = [];
    bucketTimes = [];
  };
  for (let index = 0; index < times.length; index++) {
    const value = values[index]!;
    const offset = times[index]! - start;
    const which = Math.min(buckets - 1, Math.floor(offset / width));
    if (which !== current) {
      flush();
      current = which;
    }
    if (!Number.isNaN(value)) {
      bucket.push(value);
      bucketTimes.push(offset);
    }
  }
  flush();
  return { x, y };
}

/** How many values repeat, as the sizes of the groups of equal values (ties), for Sen's variance. */
function tieGroups(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.values()].filter((count) => count > 1);
}

/**
 * How many of the n! orderings have each number of discordant pairs (inversions) 0 … n(n−1)/2:
 * Kendall's null distribution without ties (the Mahonian numbers, the coefficients of
 * Π_{k=1..n} (1 + q + … + q^{k−1})). O(n³); exact in doubles up to n ≈ 20, and relative
 * frequencies stay accurate beyond, which is all a quantile needs.
 */
export function inversionFrequencies(count: number): Float64Array {
  const pairs = (count * (count - 1)) / 2;
  let frequencies = new Float64Array(pairs + 1);
  frequencies[0] = 1;
  let reach = 0;
  for (let size = 2; size <= count; size++) {
    // Multiply by 1 + q + … + q^{size−1} with a running window sum.
    const next = new Float64Array(pairs + 1);
    reach += size - 1;
    let window = 0;
    for (let power = 0; power <= reach; power++) {
      window += frequencies[power] ?? 0;
      if (power - size >= 0) window -= frequencies[power - size]!;
      next[power] = window;
    }
    frequencies = next;
  }
  return frequencies;
}

/**
 * The largest c with P(fewer than c slopes below the true one) ≤ α/2 under Kendall's exact law, and
 * the interval [S(c), S(N+1−c)]'s confidence; null when even the extremes are not enough.
 */
function exactCut(count: number, level: number): { cut: number; confidence: number } | null {
  const frequencies = inversionFrequencies(count);
  const total = frequencies.reduce((sum, frequency) => sum + frequency, 0);
  let cumulative = 0;
  let cut = 0;
  for (let inversions = 0; inversions < frequencies.length; inversions++) {
    if (cumulative + frequencies[inversions]! > ((1 - level) / 2) * total) break;
    cumulative += frequencies[inversions]!;
    cut = inversions + 1;
  }
  return cut === 0 ? null : { cut, confidence: 1 - (2 * cumulative) / total };
}

/**
 * The Theil–Sen slope of points (x, y) with its `level` interval; null with fewer than 3 points,
 * or (exact) when too few points can reach `level` at all.
 */
export function theilSen(
  x: readonly number[],
  y: readonly number[],
  level = 0.95,
  method: SlopeIntervalMethod = 'normal',
): Slope | null {
  const count = x.length;
  if (count < 3) return null;
  const slopes: number[] = [];
  for (let left = 0; left < count; left++) {
    for (let right = left + 1; right < count; right++) {
      const run = x[right]! - x[left]!;
      if (run !== 0) slopes.push((y[right]! - y[left]!) / run);
    }
  }
  if (slopes.length === 0) return null;
  slopes.sort((left, right) => left - right);
  const pairs = slopes.length;
  const middle = pairs >> 1;
  const estimate = pairs % 2 === 1 ? slopes[middle]! : (slopes[middle - 1]! + slopes[middle]!) / 2;
  const xTies = tieGroups(x);
  const yTies = tieGroups(y);
  const exact =
    method === 'exact' ||
    (method === 'auto' &&
      count < exactLimit &&
      xTies.length === 0 &&
      yTies.length === 0 &&
      pairs === (count * (count - 1)) / 2);
  if (exact) {
    const found = exactCut(count, level);
    if (!found || found.cut > pairs) return null;
    return {
      perSecond: estimate,
      low: slopes[found.cut - 1]!,
      high: slopes[pairs - found.cut]!,
      points: count,
      confidence: found.confidence,
      method: 'exact',
    };
  }
  const tieTerm = (groups: number[]) => groups.reduce((sum, size) => sum + size * (size - 1) * (2 * size + 5), 0);
  const variance = (count * (count - 1) * (2 * count + 5) - tieTerm(xTies) - tieTerm(yTies)) / 18;
  const z = normalQuantile((1 + level) / 2, 0, 1);
  const sigma = Math.sqrt(Math.max(0, variance));
  const upperIndex = Math.min(Math.round((pairs + z * sigma) / 2), pairs - 1);
  const lowerIndex = Math.max(Math.round((pairs - z * sigma) / 2) - 1, 0);
  return {
    perSecond: estimate,
    low: slopes[lowerIndex]!,
    high: slopes[upperIndex]!,
    points: count,
    confidence: level,
    method: 'normal',
  };
}
