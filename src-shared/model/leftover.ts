// What a profiler opened in a target or started beside it, journaled in the database while it runs, so
// that a Thermograph that crashed can undo it on its next start (close an inspector, end a perf).

import type { Pid } from '../units';

/** One thing to undo after a crash. `startTicks` (field 22 of /proc/PID/stat) guards against pid reuse. */
export interface LeftoverEntry {
  kind: 'inspector' | 'process';
  pid: Pid;
  startTicks: number;
  /** Profiler-specific details, such as the inspector port. */
  detail: Record<string, string | number>;
}
