// The facts most detectors share, computed once per diagnosis: the CPU series, the session's range,
// the thread summaries and the CPU profile's weight by kind of code.

import type { Evidence, EvidenceUnit } from '../../../src-shared/diagnosis/diagnosis';
import type { FrameKind } from '../../../src-shared/profile/profile';
import type { DiagnosisInput } from './input';
import { mean, metricValues, wholeRange, type TimeRange } from './series-facts';
import { summarizeThreads, type ThreadSummary } from './thread-facts';
import { weightByLeafKind } from './profile-facts';

/** What detectors share. */
export interface DiagnosisContext {
  input: DiagnosisInput;
  range: TimeRange;
  durationMs: number;
  /** cpuUser + cpuSystem per sample, 100 = one core. */
  cpu: Float64Array;
  cpuMean: number;
  /** Per-thread summaries over the whole session; null without thread readings. */
  threads: ThreadSummary[] | null;
  /** The CPU profile's weight by the kind of frame on top; null without a CPU profile. */
  profileKinds: Record<FrameKind, number> | null;
  /** The CPU profile's total weight. */
  profileWeight: number;
}

/** The shared facts of an input; null when it has fewer than two samples (nothing to judge). */
export function contextOf(input: DiagnosisInput): DiagnosisContext | null {
  const range = wholeRange(input.samples);
  if (!range || input.samples.times.length < 2) return null;
  const cpu = metricValues(input.samples, ['cpuUser', 'cpuSystem']);
  const profileKinds = input.cpuProfile ? weightByLeafKind(input.cpuProfile) : null;
  const profileWeight = profileKinds ? Object.values(profileKinds).reduce((sum, value) => sum + value, 0) : 0;
  const threads = input.threads && input.threads.samples.length > 0 ? summarizeThreads(input.threads) : null;
  return {
    input,
    range,
    durationMs: range.to - range.from,
    cpu,
    cpuMean: mean(cpu),
    threads,
    profileKinds,
    profileWeight,
  };
}

/** One number of evidence. */
export function evidence(
  label: string,
  value: number,
  unit: EvidenceUnit,
  interval: Evidence['interval'] = null,
): Evidence {
  return { label, value, unit, interval };
}

/** A score from how far a value is past a threshold: 0 at `threshold`, 1 at `full` (either direction). */
export function ramp(value: number, threshold: number, full: number): number {
  if (!Number.isFinite(value)) return 0;
  const score = (value - threshold) / (full - threshold);
  return Math.max(0, Math.min(1, score));
}
