// The diagnosis engine: every detector reads the session's facts, each finding that clears the
// reporting threshold is kept, most confident first (the class order breaks ties), and what could
// not be judged is said in notes. "Idle" is not a bottleneck: it is reported only when nothing else is.

import { diagnosisClasses, type Diagnosis } from '../../../src-shared/diagnosis/diagnosis';
import { contextOf, type DiagnosisContext } from './context';
import { detectChildProcesses } from './detectors/child-processes';
import { detectContention } from './detectors/contention';
import { detectCpuBound } from './detectors/cpu-bound';
import { detectEventLoopBlocked } from './detectors/event-loop';
import { detectGcPressure } from './detectors/gc-pressure';
import { detectIdle } from './detectors/idle';
import { detectIoBound } from './detectors/io-bound';
import { detectMemoryGrowth } from './detectors/memory-growth';
import { detectThreadPoolSaturation } from './detectors/thread-pool';
import type { DiagnosisInput } from './input';

export type { DiagnosisInput };

/** Findings below this confidence are not reported. */
export const reportingThreshold = 0.35;

const bottleneckDetectors: ReadonlyArray<(context: DiagnosisContext) => Diagnosis[]> = [
  detectCpuBound,
  detectIoBound,
  detectMemoryGrowth,
  detectGcPressure,
  detectEventLoopBlocked,
  detectThreadPoolSaturation,
  detectContention,
  detectChildProcesses,
];

/** A session's diagnoses (most confident first) and notes on what could not be judged. */
export function diagnose(input: DiagnosisInput): { diagnoses: Diagnosis[]; notes: string[] } {
  const context = contextOf(input);
  if (!context) {
    return {
      diagnoses: [],
      notes: [
        'The session has fewer than two resource samples: there is nothing to diagnose. Record for at least a few seconds.',
      ],
    };
  }
  const order = (diagnosis: Diagnosis) => diagnosisClasses.indexOf(diagnosis.class);
  const found = bottleneckDetectors
    .flatMap((detector) => detector(context))
    .filter((diagnosis) => diagnosis.confidence >= reportingThreshold)
    .map((diagnosis) => ({ ...diagnosis, confidence: round(diagnosis.confidence) }))
    .sort((left, right) => right.confidence - left.confidence || order(left) - order(right));
  const diagnoses =
    found.length > 0
      ? found
      : detectIdle(context).map((diagnosis) => ({ ...diagnosis, confidence: round(diagnosis.confidence) }));
  return { diagnoses, notes: notesFor(context, diagnoses) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** What the data could not support, so an empty or short list is not read as "all is well". */
function notesFor(context: DiagnosisContext, diagnoses: Diagnosis[]): string[] {
  const { input } = context;
  const notes: string[] = [];
  if (context.durationMs < 3_000)
    notes.push(
      'The session is shorter than 3 s: memory trends and thread readings (one a second) need longer. Record for longer.',
    );
  if (!input.threads || input.threads.samples.length === 0)
    notes.push(
      'No per-thread readings: contention, thread-pool and single- versus multi-thread findings are not judged.',
    );
  if (!input.cpuProfile)
    notes.push(
      'No CPU profile: the findings cannot name a function, and GC pressure and a blocked event loop are not judged. Record with a profiler.',
    );
  if (!input.includeChildren && input.pid !== null)
    notes.push(
      'Children were not included: the CPU of child processes is not counted. Record with children included to judge it.',
    );
  if (diagnoses.length === 0)
    notes.push(
      `No bottleneck stands out: CPU ${context.cpuMean.toFixed(0)}% of a core on average, and no pattern cleared its threshold.`,
    );
  return notes;
}
