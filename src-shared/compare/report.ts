// What comparing two sides (sessions or series of runs) answers: per metric, each side's summary
// and the change with its interval and verdict; per function, how its share of the profile moved;
// the CI gate's outcome. The CLI prints it, the UI shows it, the report embeds it.

import type { FlameGraphView } from '../profile/views';

/** An estimate with its interval and the confidence the interval really has (order statistics jump). */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
  confidence: number;
}

/** What a comparison concludes about one metric or function. */
export type Verdict = 'increase' | 'decrease' | 'no-change' | 'insufficient';

/** One side's summary of a metric. */
export interface RunsSummary {
  count: number;
  median: number;
  /** Null below 6 runs: no 95 % order-statistic interval exists. */
  interval: Interval | null;
}

/** The comparison of one metric over two sets of runs (or batches of samples). */
export interface RunsComparison {
  baseline: RunsSummary;
  candidate: RunsSummary;
  /** The shift relative to the baseline's median (0.1 = 10 % more), with its interval; null when unknown. */
  change: Interval | null;
  /** Two-sided p-value of the rank-sum test; null when a side is empty. */
  p: number | null;
  verdict: Verdict;
  /** Why the verdict is what it is, in a sentence for people. */
  reason: string;
}

/** One `--fail-on` rule. */
export interface GateRule {
  metric: string;
  /** Relative (0.05 = 5 %) or absolute (in the metric's unit) increase that counts as a regression. */
  threshold: { kind: 'relative' | 'absolute'; amount: number };
  /** The option as written, for messages. */
  text: string;
}

/** What one gate rule concluded. */
export interface GateOutcome {
  rule: GateRule;
  /** 'regression' fails the gate; 'unknown' when the metric has no comparison (not measured on a side). */
  status: 'regression' | 'pass' | 'unknown';
  reason: string;
}

/** The unit a compared metric is measured in. */
export type ComparedUnit = 'milliseconds' | 'corePercent' | 'bytes' | 'count' | 'number';

/** One metric's comparison, named as `--fail-on` names it. */
export interface MetricComparison {
  metric: string;
  label: string;
  unit: ComparedUnit;
  comparison: RunsComparison;
}

/** How one function's share of the CPU profile moved. */
export interface FunctionComparison {
  name: string;
  file: string | null;
  line: number;
  /** Self time as a share of each side's profile (0–1; the median over runs). */
  baselineShare: number;
  candidateShare: number;
  /** Self weight in `weightUnit` (the median over runs): what is compared between series of runs. */
  baselineSelf: number;
  candidateSelf: number;
  weightUnit: 'milliseconds' | 'bytes' | 'samples';
  presence: 'both' | 'baseline-only' | 'candidate-only';
  /** Adjusted p-value (Benjamini–Hochberg over all functions); null when untested. */
  p: number | null;
  verdict: Verdict;
}

/** The sessions one side holds. */
export interface ComparedSide {
  /** What the user named (an id, a name, a tag, "baseline"). */
  label: string;
  sessions: { id: number; name: string }[];
}

/** The whole comparison. */
export interface ComparisonReport {
  schemaVersion: 1;
  baseline: ComparedSide;
  candidate: ComparedSide;
  /** 'runs' when both sides have several runs; 'sessions' for one session a side (weaker evidence). */
  mode: 'runs' | 'sessions';
  alpha: number;
  metrics: MetricComparison[];
  /** The functions whose share moved most, first; empty when a side has no CPU profile. */
  functions: FunctionComparison[];
  gate: GateOutcome[];
  /** True when a gate rule found a regression (the CLI then exits with its regression code). */
  regression: boolean;
  /** What the reader should know about the evidence, in sentences. */
  notes: string[];
}

/**
 * The differential flame graph of two sides: a flame graph whose widths are the mean of both sides'
 * shares (so what exists on one side only still has a box), with each side's total weight per node.
 * Frames are matched functions; `frames[i].id` is the match's index, not a stored frame.
 */
export interface DiffFlameGraphView extends FlameGraphView {
  /** Per node, the side's total weight (in weightUnit, summed over its runs). */
  baselineTotal: Float64Array;
  candidateTotal: Float64Array;
  /** Each side's whole weight (the root's total). */
  baselineWeight: number;
  candidateWeight: number;
  /** How many runs (profiles) each side merged. */
  baselineRuns: number;
  candidateRuns: number;
}
