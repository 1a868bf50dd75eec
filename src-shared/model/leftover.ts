// What a profiler opened in a target or started beside it, or a priority an experiment changed in a
// running process, journaled in the database while it lasts, so that a Thermograph that crashed can
// undo it on its next start (close an inspector, end a perf, give the threads their nice values back).

import type { Pid } from '../units';

/** One thing to undo after a crash. `startTicks` (field 22 of /proc/PID/stat) guards against pid reuse. */
export interface LeftoverEntry {
  kind: 'inspector' | 'process' | 'priority';
  pid: Pid;
  startTicks: number;
  /** Profiler-specific details, such as the inspector port; for `priority`, each thread id's original nice value. */
  detail: Record<string, string | number>;
}
