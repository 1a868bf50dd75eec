// A sample never shows more CPU than the process could have used. /proc counts CPU time in clock
// ticks (USER_HZ = 100, 10 ms), utime and stime each truncated to a whole tick when read, and a
// reading lands a little after its timestamp when the reader is scheduled late: at 10 Hz a single
// thread on its core all the time read 110–131 % in some samples (and less in others). No process
// can use more than min(its threads, the CPUs) cores over an interval, so what a sample measured
// above that is held back and shown by the next samples that have room. Every tick is shown once
// and in order, so totals and averages stay exact; only what is still held when a recording ends
// (at most the rounding of one reading, for a process at its bound) is not shown.
//
// /proc/PID/schedstat counts in nanoseconds, but per task (the main thread's), and a process-wide
// figure would mean reading every thread's file each sample, which multiplies the recorder's cost.
import type { CorePercent, Seconds } from '../../src-shared/units';

/** CPU time measured but not shown yet, in core-seconds, split as it was measured. */
export interface CpuCarry {
  userSeconds: number;
  systemSeconds: number;
}

/** Nothing held back: the carry of a sampler that has not yet exceeded a bound. */
export const noCarry: Readonly<CpuCarry> = { userSeconds: 0, systemSeconds: 0 };

/** One sample's CPU after the bound, and what carries to the next sample. */
export interface BoundedCpu {
  cpuUser: CorePercent | null;
  cpuSystem: CorePercent | null;
  carry: CpuCarry;
}

/**
 * The most cores a sample's CPU can have used: the threads of the processes read (the larger of
 * this reading's and the previous one's, as a thread may have ended in between), at most the CPUs.
 * CPU folded in from reaped children (`reaped`) ran in processes no longer counted, so a sample
 * with some is bounded by the CPUs alone. Unknown threads count as the CPUs.
 */
export function cpuBoundCores(
  threads: number | null,
  previousThreads: number | null,
  cpus: number,
  reaped: boolean,
): number {
  if (reaped || threads === null) return cpus;
  return Math.min(cpus, Math.max(threads, previousThreads ?? 0));
}

/**
 * Adds the carry to a sample's CPU (percent of one core over `elapsed` seconds) and shows at most
 * `cores` × 100 %: the rest becomes the next carry, user and system scaled alike. A sample without
 * CPU rates passes through and leaves the carry as it was.
 */
export function boundCpu(
  cpuUser: CorePercent | null,
  cpuSystem: CorePercent | null,
  elapsed: Seconds,
  cores: number,
  carry: Readonly<CpuCarry>,
): BoundedCpu {
  if (cpuUser === null || cpuSystem === null || !(elapsed > 0)) return { cpuUser, cpuSystem, carry: { ...carry } };
  const userSeconds = (cpuUser / 100) * elapsed + carry.userSeconds;
  const systemSeconds = (cpuSystem / 100) * elapsed + carry.systemSeconds;
  const total = userSeconds + systemSeconds;
  const possible = cores * elapsed;
  if (total <= possible) {
    // Within the bound: the sample as measured (exactly, when nothing was held), plus what was held.
    return {
      cpuUser: cpuUser + (carry.userSeconds / elapsed) * 100,
      cpuSystem: cpuSystem + (carry.systemSeconds / elapsed) * 100,
      carry: { ...noCarry },
    };
  }
  const shown = possible / total;
  return {
    cpuUser: ((userSeconds * shown) / elapsed) * 100,
    cpuSystem: ((systemSeconds * shown) / elapsed) * 100,
    carry: { userSeconds: userSeconds * (1 - shown), systemSeconds: systemSeconds * (1 - shown) },
  };
}
