// /proc/PID/task/TID/schedstat: "<time on CPU, ns> <time waiting to run, ns> <timeslices>" of one
// thread (Documentation/scheduler/sched-stats.rst). Nanoseconds where stat counts 10 ms ticks, and
// much cheaper for the kernel to produce than stat or status, so it is the thread sampler's CPU
// source and its test of whether a thread ran at all since the last reading.
import { readUnsignedAt } from './proc-text';

/** A thread's schedstat. */
export interface TaskSchedstat {
  /** Time on a CPU, in nanoseconds. */
  runNanoseconds: number;
  /** How many times it was given a CPU. */
  timeslices: number;
}

/** Fills `into` from a thread's schedstat; false when the text does not hold its three numbers. */
export function parseTaskSchedstat(text: string, into: TaskSchedstat): boolean {
  const run = readUnsignedAt(text, 0);
  const second = text.indexOf(' ');
  const third = second < 0 ? -1 : text.indexOf(' ', second + 1);
  const timeslices = third < 0 ? Number.NaN : readUnsignedAt(text, third + 1);
  if (Number.isNaN(run) || Number.isNaN(timeslices)) return false;
  into.runNanoseconds = run;
  into.timeslices = timeslices;
  return true;
}
