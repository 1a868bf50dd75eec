// The nice value of every thread of a running process, and the time its threads waited for a CPU.
// Linux keeps a nice value per thread (setpriority on a thread id changes that thread only), so a
// process's priority is changed, and restored, thread by thread (thread-setting.ts). A thread born
// while the process runs at the changed value inherits it from the thread that created it.
// run_delay: field 2 of /proc/PID/task/TID/schedstat, nanoseconds spent runnable but not running
// (https://docs.kernel.org/scheduler/sched-stats.html).

import { readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { ThermographError } from '../../../src-shared/api/errors';
import { eachThread, readEachThread, type ThreadSetting, type ThreadValues } from './thread-setting';
import type { WindowMeasure } from './window-measure';

/** The nanoseconds each thread waited for a CPU so far, by thread id. */
export type ThreadRunDelay = Map<number, number>;

/** Every thread's nice value (setpriority on a thread id). */
export const threadNice: ThreadSetting<number> = {
  leftover: 'priority',
  names: ['nice value', 'nice values'],
  read: (pid) => Promise.resolve(readThreadNice(pid)),
  set: (pid, nice, byThread = new Map()) =>
    eachThread(
      pid,
      (tid) => setPriority(tid, byThread.get(tid) ?? nice),
      (tid, error) =>
        new ThermographError(
          'permission-denied',
          `Could not set thread ${tid} of PID ${pid} to nice ${byThread.get(tid) ?? nice}: ${(error as Error).message}. A nice value below the current one needs root (or CAP_SYS_NICE); run Thermograph with that right, or leave the priority as it is.`,
        ),
    ),
  fromJournal: Number,
};

/** Every thread's nice value; null once the process has exited. A thread that ends meanwhile is left out. */
export function readThreadNice(pid: number): ThreadValues<number> | null {
  return readEachThread(pid, getPriority);
}

/** What a window measures for a scheduling change (nice, CPU affinity), lower being better. */
export const waitingOutcome = 'time waiting for a CPU';

/** A window's time waiting for a CPU, in milliseconds per second, to 0.1 (what the UI and CLI show as is). */
export const waitingMeasure: WindowMeasure<ThreadRunDelay> = {
  outcome: waitingOutcome,
  read: readRunDelay,
  value: (before, after, elapsedMs) => ({ value: Math.round(waitingPerSecond(before, after, elapsedMs) * 10) / 10 }),
};

/** Reads every thread's run_delay; null once the process has exited. */
export function readRunDelay(pid: number): ThreadRunDelay | null {
  return readEachThread(pid, (tid) => parseRunDelay(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')));
}

/** Field 2 of a schedstat line ("cpu_ns run_delay_ns timeslices"), in nanoseconds; null when malformed. */
export function parseRunDelay(text: string): number | null {
  const fields = text.trim().split(/\s+/);
  if (fields.length < 3) return null;
  const delay = Number(fields[1]);
  return Number.isSafeInteger(delay) && delay >= 0 ? delay : null;
}

/**
 * A window's outcome: milliseconds its threads waited for a CPU per second of window. Only threads
 * read at both ends count (one born or ended inside the window has no delta), and a counter that went
 * backwards (a tid reused) counts nothing.
 */
export function waitingPerSecond(before: ThreadRunDelay, after: ThreadRunDelay, windowMs: number): number {
  if (!(windowMs > 0)) throw new RangeError(`a window lasts more than 0 ms (got ${windowMs})`);
  let waitedNs = 0;
  for (const [tid, end] of after) {
    const start = before.get(tid);
    if (start !== undefined && end >= start) waitedNs += end - start;
  }
  return waitedNs / 1e6 / (windowMs / 1000);
}
