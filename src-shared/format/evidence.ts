// Diagnosis evidence and labels as every surface shows them (the UI, the CLI and the report).

import type { DiagnosisClass, Evidence, EvidenceUnit } from '../diagnosis/diagnosis';
import { formatCount, formatDuration, formatMetric } from './units';

function formatValue(value: number, unit: EvidenceUnit): string {
  if (unit === 'milliseconds') return formatDuration(value);
  if (unit === 'ratio') return formatCount(value);
  return formatMetric(value, unit);
}

/** An evidence value with its unit and interval: "26.2 MiB/s [24.1 MiB/s, 28 MiB/s]". */
export function formatEvidenceValue(evidence: Evidence): string {
  const value = formatValue(evidence.value, evidence.unit);
  if (!evidence.interval) return value;
  return `${value} [${formatValue(evidence.interval.low, evidence.unit)}, ${formatValue(evidence.interval.high, evidence.unit)}]`;
}

/** A diagnosis class as a short label. */
export const diagnosisClassLabels: Record<DiagnosisClass, string> = {
  'cpu-bound-single': 'CPU-bound, one thread',
  'cpu-bound-multi': 'CPU-bound, several threads',
  'io-bound': 'I/O-bound',
  'memory-growth': 'Memory growth',
  'gc-pressure': 'GC pressure',
  'event-loop-blocked': 'Event loop blocked',
  'thread-pool-saturated': 'Thread pool saturated',
  'lock-contention': 'Lock contention',
  'gil-contention': 'GIL contention',
  'child-processes': 'Child processes',
  idle: 'Idle',
};

/** A confidence (0–1) as a word a reader can weigh: high, medium or low. */
export function confidenceLabel(confidence: number): string {
  return confidence >= 0.75 ? 'high' : confidence >= 0.5 ? 'medium' : 'low';
}
