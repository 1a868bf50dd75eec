// /proc/PID/task/TID/schedstat: "<time on CPU, ns> <time waiting to run, ns> <timeslices>" of one
// thread (Documentation/scheduler/sched-stats.rst). Nanoseconds where stat counts 10 ms ticks, and
// much cheaper for the kernel to produce than stat, so it is the thread sampler's CPU source.
import { readUnsignedAt } from './proc-text';

/** Time the thread has spent on a CPU, in nanoseconds; NaN when the text holds no number. */
export function parseRunNanoseconds(text: string): number {
  return readUnsignedAt(text, 0);
}
