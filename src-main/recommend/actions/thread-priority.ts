// The nice value of every thread of a running process, and the time its threads waited for a CPU.
// Linux keeps a nice value per thread (setpriority on a thread id changes that thread only), so a
// process's priority is changed, and restored, thread by thread from /proc/PID/task. A thread born
// while the process runs at the changed value inherits it from the thread that created it.
// run_delay: field 2 of /proc/PID/task/TID/schedstat, nanoseconds spent runnable but not running
// (https://docs.kernel.org/scheduler/sched-stats.html).

import { readdirSync, readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { ThermographError } from '../../../src-shared/api/errors';
import { parseProcessStat } from '../../collectors/proc/parse-process-stat';

/** Nice values by thread id. */
export type ThreadNice = Map<number, number>;

/** The nanoseconds each thread waited for a CPU so far, by thread id. */
export type ThreadRunDelay = Map<number, number>;

/** The start time of a process in clock ticks after boot (its identity beside its pid), or null once it is gone. */
export function processStartTicks(pid: number): number | null {
  try {
    return parseProcessStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.startTicks ?? null;
  } catch {
    return null;
  }
}

/** The thread ids of a process; null once it has exited. */
export function threadIds(pid: number): number[] | null {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return null;
  }
}

/** Every thread's nice value; null once the process has exited. A thread that ends meanwhile is left out. */
export function readThreadNice(pid: number): ThreadNice | null {
  const tids = threadIds(pid);
  if (tids === null) return null;
  const nice: ThreadNice = new Map();
  for (const tid of tids) {
    try {
      nice.set(tid, getPriority(tid));
    } catch {
      // Ended meanwhile.
    }
  }
  return nice;
}

/**
 * Sets every thread to `nice` (or to its value in `byThread`, else `nice`), or throws permission-denied
 * saying what to do. A thread that ended meanwhile is skipped; false when the whole process is gone.
 */
export function setThreadNice(pid: number, nice: number, byThread: ThreadNice = new Map()): boolean {
  const tids = threadIds(pid);
  if (tids === null) return false;
  for (const tid of tids) {
    const value = byThread.get(tid) ?? nice;
    try {
      setPriority(tid, value);
    } catch (error) {
      // A thread (or the whole process) that ended meanwhile has nothing left to set.
      if (!threadIds(pid)?.includes(tid)) continue;
      throw new ThermographError(
        'permission-denied',
        `Could not set thread ${tid} of PID ${pid} to nice ${value}: ${(error as Error).message}. A nice value below the current one needs root (or CAP_SYS_NICE); run Thermograph with that right, or leave the priority as it is.`,
      );
    }
  }
  return true;
}

/**
 * Gives every thread back its own original value; a thread born since then gets the main thread's.
 * False when the process is gone (nothing to restore).
 */
export function restoreThreadNice(pid: number, original: ThreadNice): boolean {
  return setThreadNice(pid, original.get(pid) ?? 0, original);
}

/** Reads every thread's run_delay; null once the process has exited. */
export function readRunDelay(pid: number): ThreadRunDelay | null {
  const tids = threadIds(pid);
  if (tids === null) return null;
  const delays: ThreadRunDelay = new Map();
  for (const tid of tids) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8');
    } catch {
      continue;
    }
    const delay = parseRunDelay(text);
    if (delay !== null) delays.set(tid, delay);
  }
  return delays;
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
