// Confidence intervals that assume nothing about the shape of the runs' distribution: for one
// side's median, from order statistics (the binomial law of how many runs fall below the median);
// for the shift between two sides, Hodges–Lehmann's estimate with the interval that inverts the
// rank-sum test (Moses), so the interval and the test's verdict agree.

import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { Interval } from '../../../src-shared/compare/report';
import { exactFrequencies } from './rank-sum';

export type { Interval };

function sorted(values: readonly number[]): number[] {
  return [...values].sort((left, right) => left - right);
}

function medianOfSorted(values: readonly number[]): number {
  const middle = Math.floor(values.length / 2);
  return values.length % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}

/** The median of `values` (NaN when empty). */
export function median(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : medianOfSorted(sorted(values));
}

/**
 * The median with the narrowest order-statistic interval of at least `level` confidence; null when
 * there are too few values for any (fewer than 6 at 95 %: even the extremes hold the median with
 * less than 95 % confidence).
 */
export function medianInterval(values: readonly number[], level = 0.95): Interval | null {
  const ordered = sorted(values);
  const count = ordered.length;
  // The interval [x(k), x(count−k+1)] misses the median with probability 2·P(Binomial(count, ½) < k).
  let rank = 0;
  for (let candidate = 1; candidate <= count / 2; candidate++) {
    if (2 * binomialCdf(candidate - 1, count, 0.5) <= 1 - level) rank = candidate;
    else break;
  }
  if (rank === 0) return null;
  return {
    estimate: medianOfSorted(ordered),
    low: ordered[rank - 1]!,
    high: ordered[count - rank]!,
    confidence: 1 - 2 * binomialCdf(rank - 1, count, 0.5),
  };
}

/**
 * The shift from `baseline` to `candidate` (the median of all pairwise differences) with the
 * interval of at least `level` confidence from the rank-sum test's null distribution: exact without
 * ties below 50 values a side, else its normal approximation. Null when there are too few runs for
 * any interval at that level.
 */
export function shiftInterval(
  baseline: readonly number[],
  candidate: readonly number[],
  level = 0.95,
): Interval | null {
  const m = baseline.length;
  const n = candidate.length;
  if (m === 0 || n === 0) return null;
  const differences: number[] = [];
  for (const after of candidate) for (const before of baseline) differences.push(after - before);
  differences.sort((left, right) => left - right);
  const alpha = 1 - level;
  // The largest c with P(U ≤ c) ≤ α/2: the interval drops c differences at each end.
  let cut: number;
  let confidence: number;
  const tied = new Set([...baseline, ...candidate]).size < m + n;
  if (m < 50 && n < 50 && !tied) {
    const frequencies = exactFrequencies(m, n);
    const total = frequencies.reduce((sum, frequency) => sum + frequency, 0);
    let cumulative = 0;
    cut = -1;
    for (let value = 0; value <= m * n; value++) {
      if (cumulative + frequencies[value]! > (alpha / 2) * total) break;
      cumulative += frequencies[value]!;
      cut = value;
    }
    if (cut < 0) return null;
    confidence = 1 - (2 * cumulative) / total;
  } else {
    const spread = Math.sqrt((m * n * (m + n + 1)) / 12);
    cut = Math.floor((m * n) / 2 - normalQuantile(1 - alpha / 2, 0, 1) * spread - 0.5);
    if (cut < 0) return null;
    confidence = level;
  }
  return {
    estimate: medianOfSorted(differences),
    low: differences[cut]!,
    high: differences[m * n - 1 - cut]!,
    confidence,
  };
}
