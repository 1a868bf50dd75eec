// What a profiler opened in a target or started beside it, or a priority, I/O priority or CPU affinity an
// experiment changed in a running process, journaled in the database while it lasts, so that a
// Thermograph that crashed can undo it on its next start (close an inspector, end a perf, give the
// threads their nice values, I/O priorities or CPU lists back).

import type { Pid } from '../units';

/** One thing to undo after a crash. `startTicks` (field 22 of /proc/PID/stat) guards against pid reuse. */
export interface LeftoverEntry {
  kind: 'inspector' | 'process' | 'priority' | 'io-priority' | 'affinity';
  pid: Pid;
  startTicks: number;
  /**
   * Profiler-specific details, such as the inspector port; by thread id, the original nice value
   * (`priority`), I/O priority as `best-effort 4`, `none 4`, `realtime 0`, `idle` (`io-priority`), or
   * CPU list as `0-3,6` (`affinity`).
   */
  detail: Record<string, string | number>;
}
