// What kind of bottleneck a session shows, with the numbers that support it and the time range where
// it holds. The diagnosis engine (src-main/analysis/diagnose/) produces these from a session's
// resource series, its per-thread data and its profiles; the UI, the CLI and the report show them.

import type { EpochMilliseconds } from '../units';
import type { Recommendation } from './recommendation';

/** Every class of diagnosis, in the order a tie between two of them is broken. */
export const diagnosisClasses = [
  'cpu-bound-single',
  'cpu-bound-multi',
  'io-bound',
  'memory-growth',
  'gc-pressure',
  'event-loop-blocked',
  'thread-pool-saturated',
  'lock-contention',
  'gil-contention',
  'child-processes',
  'idle',
] as const;
/** The class of one diagnosis. */
export type DiagnosisClass = (typeof diagnosisClasses)[number];

/** How one number of evidence is read. */
export type EvidenceUnit =
  'percent' | 'corePercent' | 'bytes' | 'bytesPerSecond' | 'perSecond' | 'milliseconds' | 'count' | 'ratio';

/** One number behind a diagnosis, with its unit and, where it is an estimate, its interval. */
export interface Evidence {
  label: string;
  value: number;
  unit: EvidenceUnit;
  /** A 95 % interval of the estimate, when it is one (a slope, a share of few samples). */
  interval: { low: number; high: number } | null;
}

/** A place in the target's code a diagnosis points at: a hot function, an allocation site. */
export interface CodeLocation {
  functionName: string;
  file: string | null;
  line: number | null;
  /** The function's share of the profile it was found in (self time, or allocated bytes), 0–1. */
  share: number;
}

/** One finding about a session. */
export interface Diagnosis {
  class: DiagnosisClass;
  /** The finding in one line, numbers included: "CPU-bound in one thread: parseRecord 61 % of self time". */
  title: string;
  /** What it means, in a sentence or two. */
  detail: string;
  /** How sure the engine is, 0–1, from how clearly the evidence clears its thresholds. */
  confidence: number;
  evidence: Evidence[];
  /** Where it holds: the whole session or a part of it. */
  range: { from: EpochMilliseconds; to: EpochMilliseconds };
  /** The code it points at, when a profile names one. */
  location: CodeLocation | null;
}

/** A session's diagnoses, most confident bottleneck first, what could not be judged, and what to do. */
export interface DiagnosisReport {
  sessionId: number;
  diagnoses: Diagnosis[];
  /** Ranked, each answering one of the diagnoses. */
  recommendations: Recommendation[];
  /** What the engine could not judge and why ("no profile was recorded: code-level findings need one"). */
  notes: string[];
}
