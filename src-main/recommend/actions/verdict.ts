// An experiment's verdict: kept only for a significant decrease of the outcome beyond the practical
// threshold, and the sentence that says so with its numbers.

import type { RunsComparison } from '../../../src-shared/compare/report';

/** What the experiment decided. */
export interface ExperimentDecision {
  keep: boolean;
  sentence: string;
}

/** What a verdict says was done with the change, kept or not. */
export interface VerdictWording {
  kept: string;
  removed: string;
}

/** A launched command's: kept in its launch preset, or not added to it. */
const launchWording: VerdictWording = {
  kept: "this setting is now part of this target's launch preset",
  removed: 'the setting was removed',
};

/** Decides from the final comparison; `outcome` names the measure ("wall time", or a metric's name). */
export function decide(
  comparison: RunsComparison,
  outcome: string,
  threshold: number,
  alpha: number,
  wording: VerdictWording = launchWording,
): ExperimentDecision {
  const numbers = describeChange(comparison, outcome);
  const removed = wording.removed;
  if (comparison.verdict === 'decrease') return { keep: true, sentence: `${numbers}; ${wording.kept}` };
  if (comparison.verdict === 'increase') return { keep: false, sentence: `${numbers}: worse; ${removed}` };
  if (comparison.verdict === 'insufficient')
    return { keep: false, sentence: `too few runs to judge (${comparison.reason}); ${removed}` };
  const significant = comparison.p !== null && comparison.change !== null && comparison.p < alpha;
  if (significant)
    return {
      keep: false,
      sentence: `${numbers}: smaller than the ${Math.round(threshold * 100)} % worth keeping; ${removed}`,
    };
  return { keep: false, sentence: `no significant change (${numbers}); ${removed}` };
}

/** "−23 % wall time [−26, −20], p < 0.001" */
export function describeChange(comparison: RunsComparison, outcome: string): string {
  const { change, p } = comparison;
  const pText = p === null ? 'p unknown' : p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
  if (!change) return `${outcome} unchanged in median, ${pText}`;
  return `${signed(change.estimate)} % ${outcome} [${signed(change.low)}, ${signed(change.high)}], ${pText}`;
}

function signed(share: number): string {
  const value = Math.round(share * 100);
  // A bound under half a percent keeps a decimal: "[−28, 0]" would read as an interval reaching no change.
  const shown = value === 0 ? Math.abs(share * 100).toFixed(1) : String(Math.abs(value));
  if (shown === '0.0') return '0';
  return `${share > 0 ? '+' : '−'}${shown}`;
}
