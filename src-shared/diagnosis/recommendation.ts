// What to change about a diagnosed session, why, and — where a safe, reversible change exists — the
// action an experiment applies and verifies. The rules live in src-main/recommend/.

import type { CodeLocation, DiagnosisClass, Evidence } from './diagnosis';

/**
 * A reversible change. `environment` sets a variable of a launched command; `node-option` adds an
 * option to its NODE_OPTIONS (kept beside the options the target already had); `priority` sets a
 * process's nice value (a launched command's, or a running process's for the experiment only).
 * `io-priority` (an I/O scheduling class and level, as ionice sets them) and `cpu-affinity` (the CPUs
 * its threads may run on, as taskset sets them) change a running process only, thread by thread.
 */
export type Action =
  | { kind: 'environment'; name: string; value: string }
  | { kind: 'node-option'; option: string }
  | { kind: 'priority'; nice: number }
  | { kind: 'io-priority'; ioClass: IoClass; level: number }
  | { kind: 'cpu-affinity'; cpus: number[] };

/** The I/O scheduling classes a process can be given (ioprio_set(2)); `level` 0–7 counts within realtime and best-effort only. */
export type IoClass = 'realtime' | 'best-effort' | 'idle';

/** The action kinds an experiment can try on a running process in place (the others need a launch). */
export const inPlaceActionKinds: readonly Action['kind'][] = ['priority', 'io-priority', 'cpu-affinity'];

/** How a rule has fared in earlier experiments: on this target, and on any target with the same diagnosis. */
export interface OutcomeRecord {
  /** Experiments that reached a verdict. */
  tried: number;
  /** Of those, the ones kept. */
  helped: number;
  /** The median relative change of the outcome metric over the kept ones (−0.18 = 18 % lower); null when none. */
  medianChange: number | null;
  /** Whether this record is of the same target or of other targets with the same diagnosis. */
  scope: 'target' | 'similar';
}

/** One recommendation. */
export interface Recommendation {
  /** Stable within a session: the rule's id, then what it was applied to ("gc-semi-space", "hot-function:parseRecord"). */
  id: string;
  /** The rule that made it. */
  rule: string;
  /** The diagnosis it answers. */
  diagnosis: DiagnosisClass;
  title: string;
  /** Why, from the evidence. */
  why: string;
  /** What to do. */
  what: string;
  /** The effect to expect, honestly bounded ("often 10–30 % less wall time when GC is over 20 % of CPU"). */
  expectedEffect: string;
  evidence: Evidence[];
  /** The change an experiment applies; null for a code-level finding (which offers Verify a fix instead). */
  action: Action | null;
  /** Why there is no action, or why it cannot be applied to this session (not a launched command, say). */
  actionUnavailable: string | null;
  /** The code it points at, for "open in editor"; null when it is not a code-level finding. */
  location: CodeLocation | null;
  /** Earlier experiments of this rule, when there were any; a rule that keeps failing ranks lower and says so. */
  record: OutcomeRecord | null;
}
