// /proc/PID/task/TID/schedstat: "<time on CPU, ns> <time waiting to run, ns> <timeslices>" of one
// thread (Documentation/scheduler/sched-stats.rst). Nanoseconds where stat counts 10 ms ticks, and
// much cheaper for the kernel to produce than stat or status, so it is the thread sampler's CPU
// source and its test of whether a thread ran at all since the last reading. The sampler reads it for
// every thread every second, so it is parsed from the bytes read, without making a string of them.

/** A thread's schedstat. */
export interface TaskSchedstat {
  /** Time on a CPU, in nanoseconds. */
  runNanoseconds: number;
  /** How many times it was given a CPU. */
  timeslices: number;
}

/** The unsigned decimal number at bytes[start..] up to a non-digit or `end`; NaN when there is none. */
function readUnsigned(bytes: Uint8Array, start: number, end: number): number {
  let position = start;
  let value = 0;
  for (; position < end; position++) {
    const digit = bytes[position]! - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return position === start ? Number.NaN : value;
}

/** Fills `into` from the first `length` bytes of a thread's schedstat; false when they do not hold its three numbers. */
export function parseTaskSchedstat(bytes: Uint8Array, length: number, into: TaskSchedstat): boolean {
  const run = readUnsigned(bytes, 0, length);
  const second = bytes.indexOf(32, 0);
  const third = second < 0 || second >= length ? -1 : bytes.indexOf(32, second + 1);
  const timeslices = third < 0 || third >= length ? Number.NaN : readUnsigned(bytes, third + 1, length);
  if (Number.isNaN(run) || Number.isNaN(timeslices)) return false;
  into.runNanoseconds = run;
  into.timeslices = timeslices;
  return true;
}
