// The order and number of an experiment's runs, as a pure function of the outcomes so far.
//
// Runs alternate baseline, changed, baseline, … so slow drift of the machine (thermal state, other
// load) falls on both sides alike. Once both sides have the planned number of runs the comparison is
// looked at, and the experiment stops when the answer is clear:
//   - significant (p < α): a change beyond the practical threshold, either way, or one too small to matter;
//   - not significant, and the change's interval already rules out a gain beyond the threshold (its
//     low end is above −threshold): more runs could not make the change worth keeping.
// Otherwise (too few runs for the test, or a gain beyond the threshold is still inside the interval)
// two more runs a side are planned, up to the maximum, where it stops whatever the answer.
// Looking more than once would raise the chance of a false "kept" above α, so each look tests at α
// divided by the number of looks the plan can take (Bonferroni): with the defaults, 5 looks (5, 7, 9,
// 11 and 12 runs a side) at 0.01 each, which 5 runs a side can still reach (an exact rank-sum p of
// 0.008 when the sides do not overlap). The unit tests simulate experiments of an action that
// changes nothing and count how often it would be kept.

import type { RunsComparison } from '../../../src-shared/compare/report';
import { compareRuns } from '../../analysis/compare/compare-runs';

/** Runs added a side each time the answer is not yet clear. */
export const runsAddedWhenUnclear = 2;

/** How many times a plan from `runs` to `maximum` runs a side can look at the comparison. */
export function lookCount(runs: number, maximum: number): number {
  return 1 + Math.ceil(Math.max(0, maximum - runs) / runsAddedWhenUnclear);
}

/** The significance level of each look, so that all of them together keep `alpha`. */
export function perLookAlpha(alpha: number, runs: number, maximum: number): number {
  return alpha / lookCount(runs, maximum);
}

/** What the plan looks at. */
export interface RunPlanInput {
  baseline: readonly number[];
  changed: readonly number[];
  /** Runs planned a side so far. */
  planned: number;
  maximum: number;
  /** The smallest relative gain worth keeping (0.03 = 3 %). */
  threshold: number;
  alpha: number;
}

/** The next run, or the end with the comparison it ended on. */
export type RunPlanStep =
  | { kind: 'run'; side: 'baseline' | 'changed'; planned: number }
  | { kind: 'done'; planned: number; comparison: RunsComparison };

/** Decides the next step of an experiment. */
export function nextStep(input: RunPlanInput): RunPlanStep {
  const { baseline, changed, maximum, threshold, alpha } = input;
  let planned = input.planned;
  if (baseline.length >= planned && changed.length >= planned) {
    const comparison = compareRuns(baseline, changed, { alpha, threshold });
    if (isClear(comparison, threshold, alpha) || planned >= maximum) return { kind: 'done', planned, comparison };
    planned = Math.min(maximum, planned + runsAddedWhenUnclear);
  }
  return { kind: 'run', side: baseline.length <= changed.length ? 'baseline' : 'changed', planned };
}

/** True when more runs could not change what the experiment decides. */
export function isClear(comparison: RunsComparison, threshold: number, alpha: number): boolean {
  if (comparison.verdict === 'insufficient') return false;
  if (comparison.p !== null && comparison.p < alpha) return true;
  // Not significant: go on only while a gain beyond the threshold is still plausible.
  return comparison.change === null || comparison.change.low >= -threshold;
}
