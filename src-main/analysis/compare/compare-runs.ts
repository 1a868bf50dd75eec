// Compares one metric over two sets of runs, as benchstat does: each side's median with its
// interval, the relative change with its interval, the rank-sum test's p-value, and a verdict that
// needs both significance and a change larger than a practical threshold. When there are too few
// runs for the test ever to reach significance, the verdict says so instead of "no change".

import type { RunsComparison, RunsSummary, Verdict } from '../../../src-shared/compare/report';
import { medianInterval, shiftInterval, median } from './intervals';

export type { RunsComparison, RunsSummary, Verdict };
import { rankSumTest } from './rank-sum';

/** Options of a comparison. */
export interface CompareOptions {
  /** Significance level (default 0.05). */
  alpha?: number;
  /** The smallest relative change worth reporting (default 0: any significant change). */
  threshold?: number;
}

/** The smallest two-sided p-value an exact rank-sum test can give with m and n runs. */
export function smallestPossibleP(m: number, n: number): number {
  // Only the two most extreme arrangements of C(m+n, m) reach it.
  let arrangements = 1;
  for (let index = 1; index <= m; index++) arrangements = (arrangements * (n + index)) / index;
  return Math.min(1, 2 / arrangements);
}

function summary(values: readonly number[]): RunsSummary {
  return { count: values.length, median: median(values), interval: medianInterval(values) };
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

/** Compares `candidate` runs against `baseline` runs of the same metric. */
export function compareRuns(
  baseline: readonly number[],
  candidate: readonly number[],
  options: CompareOptions = {},
): RunsComparison {
  const alpha = options.alpha ?? 0.05;
  const threshold = options.threshold ?? 0;
  const before = summary(baseline);
  const after = summary(candidate);
  const test = rankSumTest(baseline, candidate);
  const shift = shiftInterval(baseline, candidate, 1 - alpha);
  const scale = Math.abs(before.median);
  // A metric that cannot go below zero (times, sizes, counts) cannot fall by more than all of it: the
  // shift's interval, divided by the baseline's median, would otherwise read "−356 %" for few runs.
  const lowest = [...baseline, ...candidate].every((value) => value >= 0) ? -1 : -Infinity;
  const change =
    shift && scale > 0
      ? {
          estimate: Math.max(lowest, shift.estimate / scale),
          low: Math.max(lowest, shift.low / scale),
          high: shift.high / scale,
          confidence: shift.confidence,
        }
      : null;
  // With one run on a side, the test's p (always 1 against one other run) says nothing: leave it out.
  const p = baseline.length < 2 || candidate.length < 2 ? null : (test?.p ?? null);
  const result = { baseline: before, candidate: after, change, p };
  if (!test) return { ...result, verdict: 'insufficient', reason: 'One side has no runs.' };
  const floor = smallestPossibleP(baseline.length, candidate.length);
  if (floor > alpha) {
    return {
      ...result,
      verdict: 'insufficient',
      reason: `With ${baseline.length} and ${candidate.length} runs, the test cannot reach p < ${alpha} whatever the data; record more runs (at least 4 a side for α = 0.05).`,
    };
  }
  if (test.p >= alpha) {
    return { ...result, verdict: 'no-change', reason: `Not significant (p = ${test.p.toPrecision(2)} ≥ ${alpha}).` };
  }
  const estimate = change?.estimate ?? Math.sign(after.median - before.median);
  if (change && Math.abs(change.estimate) < threshold) {
    return {
      ...result,
      verdict: 'no-change',
      reason: `Significant (p = ${test.p.toPrecision(2)}) but ${percent(change.estimate)} is below the ${percent(threshold)} threshold.`,
    };
  }
  return {
    ...result,
    verdict: estimate > 0 ? 'increase' : 'decrease',
    reason: `Significant (p = ${test.p.toPrecision(2)} < ${alpha}).`,
  };
}
