// An experiment: a recommendation's action applied to a launched command in interleaved runs
// (baseline, changed, baseline, …), the outcome compared with the comparison engine, and the change
// kept in the target's launch preset only when it measurably helped. src-main/recommend/actions/ runs it.

import type { RunsComparison } from '../compare/report';
import type { EpochMilliseconds, Milliseconds } from '../units';
import type { DiagnosisClass } from './diagnosis';
import type { Action } from './recommendation';

/** Where an experiment stands. `interrupted`: the engine stopped during it (crash); nothing was kept. */
export type ExperimentState = 'running' | 'kept' | 'rolled-back' | 'cancelled' | 'failed' | 'interrupted';

/** One run of an experiment. */
export interface ExperimentRun {
  side: 'baseline' | 'changed';
  startedAt: EpochMilliseconds;
  wallMs: Milliseconds;
  /** The outcome metric parsed from the output, when the experiment measures one; else null. */
  metric: number | null;
  exitCode: number | null;
}

/** An experiment, as stored and as its progress is sent. */
export interface Experiment {
  id: number;
  /** The session whose recommendation it verifies; null once that session was deleted. */
  sessionId: number | null;
  recommendationId: string;
  /** The rule that made the recommendation, and the diagnosis it answered: what outcomes are learned by. */
  rule: string;
  diagnosis: DiagnosisClass;
  /** The recommendation's title when it started. */
  title: string;
  action: Action;
  /** The launched command the experiment ran, as its preset key (see launch presets). */
  targetKey: string;
  state: ExperimentState;
  /** What is compared: `wall` (the command's wall time) or the name of a metric parsed from its output. */
  outcome: string;
  startedAt: EpochMilliseconds;
  endedAt: EpochMilliseconds | null;
  /** Runs planned a side now (grows when the answer is not yet clear, up to `maximumRuns`). */
  plannedRuns: number;
  maximumRuns: number;
  runs: ExperimentRun[];
  /** The comparison of the changed runs against the baseline runs, once there are enough. */
  comparison: RunsComparison | null;
  /** The verdict in a sentence with its numbers, once it ended. */
  verdict: string | null;
}

/** A change kept by an experiment, applied to every later launch of the same command. */
export interface PresetEntry {
  targetKey: string;
  action: Action;
  experimentId: number | null;
  addedAt: EpochMilliseconds;
}
