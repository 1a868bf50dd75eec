// A running process's identity and threads, from /proc: what every per-thread change walks.

import { readdirSync, readFileSync } from 'node:fs';
import { parseProcessStat } from '../../collectors/proc/parse-process-stat';

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
