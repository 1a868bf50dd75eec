// The per-thread rate math as a pure function of two readings of one thread, so it is tested
// without /proc. A thread's counters only grow; rates.ts clamps a smaller value to zero.
import type { CorePercent, PerSecond } from '../../src-shared/units';
import type { Seconds } from '../../src-shared/units';
import { ratePerSecond } from './rates';

/** One thread's cumulative counters at one reading. */
export interface ThreadCounters {
  /** Time on a CPU (schedstat), in nanoseconds; null where the kernel does not keep it. */
  cpuNanoseconds: number | null;
  voluntarySwitches: number | null;
  involuntarySwitches: number | null;
  /** When they were read, performance.now() ms. */
  atMs: number;
}

/** A thread's rates between two readings; all null at its first reading. */
export interface ThreadRates {
  cpu: CorePercent | null;
  voluntarySwitchRate: PerSecond | null;
  involuntarySwitchRate: PerSecond | null;
}

/**
 * The rates between a thread's previous reading (null at its first) and this one. One thread runs on
 * one core at most: the kernel's accounting can read a hair over that, which is cut.
 */
export function threadRates(previous: ThreadCounters | null, current: ThreadCounters): ThreadRates {
  const elapsed = previous === null ? 0 : (current.atMs - previous.atMs) / 1000;
  if (previous === null || !(elapsed > 0)) return { cpu: null, voluntarySwitchRate: null, involuntarySwitchRate: null };
  return {
    cpu: cpuPercent(previous.cpuNanoseconds, current.cpuNanoseconds, elapsed),
    voluntarySwitchRate: ratePerSecond(previous.voluntarySwitches, current.voluntarySwitches, elapsed),
    involuntarySwitchRate: ratePerSecond(previous.involuntarySwitches, current.involuntarySwitches, elapsed),
  };
}

/** CPU in percent of one core from two run times in nanoseconds, at most 100. */
function cpuPercent(previous: number | null, current: number | null, elapsed: Seconds): CorePercent | null {
  const nanoseconds = ratePerSecond(previous, current, elapsed);
  return nanoseconds === null ? null : Math.min(100, nanoseconds / 1e7);
}
