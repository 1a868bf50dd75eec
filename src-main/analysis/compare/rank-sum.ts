// The Wilcoxon rank-sum (Mann–Whitney U) test: do two sets of runs come from the same distribution,
// or does one tend to be larger? Distribution-free, so a few slow outliers (a GC pause, a busy
// machine) cannot fake a difference the way they can with a t-test. As R's wilcox.test: the exact
// null distribution when both sides have fewer than 50 values and no ties, otherwise the normal
// approximation with the tie correction and a continuity correction. The normal CDF comes from
// stdlib; the exact distribution, which no maintained npm package offers, is counted here.

import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** The test's outcome for `candidate` against `baseline`. */
export interface RankSumResult {
  /** Pairs (baseline, candidate) with the candidate larger, ties counting one half. */
  u: number;
  /** Two-sided p-value. */
  p: number;
  method: 'exact' | 'normal';
}

/** Below this many values a side, without ties, the exact distribution is used. */
const exactLimit = 50;

/** Mid-ranks (1-based) of `values`, ties sharing the mean of their ranks; and the tie groups' sizes. */
export function midRanks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((_, index) => index).sort((left, right) => values[left]! - values[right]!);
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + 1 + end) / 2;
    for (let position = start; position < end; position++) ranks[order[position]!] = rank;
    if (end - start > 1) tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

/**
 * How many arrangements of m and n values give each U = 0 … m·n when there are no ties: the
 * coefficients of the Gaussian binomial [m+n choose m], built one factor at a time.
 */
export function exactFrequencies(m: number, n: number): Float64Array {
  // Π_{i=1..m} (1 − q^{n+i}) / (1 − q^i): multiply by (1 − q^{n+i}), then divide by (1 − q^i).
  const frequencies = new Float64Array(m * n + 1);
  frequencies[0] = 1;
  for (let i = 1; i <= m; i++) {
    const shift = n + i;
    for (let power = m * n; power >= shift; power--) frequencies[power]! -= frequencies[power - shift]!;
    for (let power = i; power <= m * n; power++) frequencies[power]! += frequencies[power - i]!;
  }
  return frequencies;
}

/** The two-sided p-value of U under the exact null distribution. */
function exactP(u: number, m: number, n: number): number {
  const frequencies = exactFrequencies(m, n);
  let total = 0;
  let lower = 0;
  let upper = 0;
  for (let value = 0; value <= m * n; value++) {
    const frequency = frequencies[value]!;
    total += frequency;
    if (value <= u) lower += frequency;
    if (value >= u) upper += frequency;
  }
  return Math.min(1, (2 * Math.min(lower, upper)) / total);
}

/** The test of `candidate` against `baseline`; null when either side is empty. */
export function rankSumTest(baseline: readonly number[], candidate: readonly number[]): RankSumResult | null {
  const m = baseline.length;
  const n = candidate.length;
  if (m === 0 || n === 0) return null;
  const { ranks, tieSizes } = midRanks([...baseline, ...candidate]);
  let candidateRankSum = 0;
  for (let index = m; index < m + n; index++) candidateRankSum += ranks[index]!;
  const u = candidateRankSum - (n * (n + 1)) / 2;
  if (m < exactLimit && n < exactLimit && tieSizes.length === 0) return { u, p: exactP(u, m, n), method: 'exact' };
  const mean = (m * n) / 2;
  const total = m + n;
  const tieTerm = tieSizes.reduce((sum, size) => sum + (size ** 3 - size), 0);
  const variance = ((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  // Every value equal: nothing can tell the sides apart.
  if (!(variance > 0)) return { u, p: 1, method: 'normal' };
  const distance = Math.max(0, Math.abs(u - mean) - 0.5);
  return { u, p: Math.min(1, 2 * (1 - normalCdf(distance / Math.sqrt(variance), 0, 1))), method: 'normal' };
}
