// Which process records a session. The kernel reuses pids, so a pid alone cannot tell a recorder
// that is merely paused (Ctrl-Z, a debugger, a suspended laptop) from one that died and whose pid
// went to another program. A pid and the process's start time in clock ticks after boot
// (/proc/PID/stat field 22, see proc_pid_stat(5)) name one process for as long as the machine
// runs, so crash recovery can decide without guessing from how long a session has been silent.

import { readFileSync } from 'node:fs';
import { processExists } from '../collectors/process-exists';
import { parseProcessStat } from '../collectors/proc/parse-process-stat';
import type { ProcessStat } from '../collectors/proc/parse-process-stat';
import type { Pid } from '../../src-shared/units';

/** A time in clock ticks (USER_HZ) after the machine booted, as /proc/PID/stat gives it. */
export type TicksAfterBoot = number;

/** The process that records a session. */
export interface RecorderIdentity {
  pid: Pid;
  /** When the process started; null where /proc is absent, and for sessions stored before schema 3. */
  startTicks: TicksAfterBoot | null;
}

/** /proc/PID/stat of `pid`, or null when it cannot be read (no /proc, process gone, hidden by hidepid). */
function readStat(pid: Pid): ProcessStat | null {
  try {
    const stat = parseProcessStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    // A /proc mounted from another pid namespace names other processes: trust only a matching pid.
    return stat !== null && stat.pid === pid ? stat : null;
  } catch {
    return null;
  }
}

let current: RecorderIdentity | undefined;

/** This process as a recorder (read once: a process's start time never changes). */
export function currentRecorder(): RecorderIdentity {
  current ??= { pid: process.pid, startTicks: readStat(process.pid)?.startTicks ?? null };
  return current;
}

/** True when both name the same process: same pid and same start time (or both unknown). */
export function isSameRecorder(first: RecorderIdentity, second: RecorderIdentity): boolean {
  return first.pid === second.pid && first.startTicks === second.startTicks;
}

/**
 * True when the recorder still runs, however long it has been silent: its pid is alive and not a
 * zombie, and, when the start time is known and /proc can show it, the process started when the
 * recorder did (a different start time is another program that was given the recorder's pid).
 * This process counts only when its start time proves the session is its own: a match on the pid
 * alone is an earlier process whose pid we were given, since nothing here records before recovery.
 */
export function isRecorderRunning(recorder: RecorderIdentity): boolean {
  const self = currentRecorder();
  if (recorder.pid === self.pid) return self.startTicks !== null && recorder.startTicks === self.startTicks;
  const stat = readStat(recorder.pid);
  // Without /proc, or when it hides other users' processes, whether the pid is alive is all we can
  // know; erring towards "running" never closes a live recording.
  if (stat === null) return processExists(recorder.pid);
  // A zombie has exited and only waits for its parent to read its status.
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return recorder.startTicks === null || stat.startTicks === recorder.startTicks;
}
