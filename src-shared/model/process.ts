import type { Bytes, CorePercent, EpochMilliseconds, Pid } from '../units';

/** The runtime a process was detected to run, which later decides the profiler to use. */
export type Runtime = 'node' | 'python' | 'native';

/** One row of the process picker. */
export interface ProcessInfo {
  pid: Pid;
  parentPid: Pid;
  /** Short name (the executable's base name, or the kernel's comm when the command line is empty). */
  name: string;
  /** User name owning the process, or the numeric uid when it has no name. */
  user: string;
  uid: number;
  /** CPU use since the previous listing, where 100 is one core. */
  cpuPercent: CorePercent;
  rssBytes: Bytes;
  /** Full command line; empty for kernel threads. */
  commandLine: string;
  runtime: Runtime;
  startedAt: EpochMilliseconds;
  /** True when the current user may read the process's /proc/PID/io (same user or root). */
  accessible: boolean;
}
