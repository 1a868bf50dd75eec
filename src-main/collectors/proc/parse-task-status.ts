// /proc/PID/task/TID/status (proc_pid_status(5)) of one thread: its name, its scheduler state and its
// own context switches. The thread sampler reads it once a second for every thread of a target, so
// the parser fills a caller's object and the name is only cut out when it changed. It is cheaper for
// the kernel to produce than the thread's stat line, which is why the state is taken from here.
import type { ThreadState } from '../../../src-shared/diagnosis/threads';
import { readKeyedNumber } from './proc-text';

/** The fields of a thread's status the thread sampler uses. */
export interface TaskStatus {
  state: ThreadState;
  voluntarySwitches: number | null;
  involuntarySwitches: number | null;
}

/** The scheduler state letter as a ThreadState: R running, S sleeping, D disk wait, anything else other. */
export function threadState(letter: number): ThreadState {
  if (letter === 82) return 'running'; // R
  if (letter === 83) return 'sleeping'; // S
  if (letter === 68) return 'disk-wait'; // D
  return 'other';
}

/** Fills `into` from a thread's status; false when the text has no State line (truncated, not a status file). */
export function parseTaskStatus(text: string, into: TaskStatus): boolean {
  const state = text.indexOf('\nState:');
  if (state < 0) return false;
  let position = state + 7;
  while (text.charCodeAt(position) === 9 || text.charCodeAt(position) === 32) position++;
  if (position >= text.length) return false;
  into.state = threadState(text.charCodeAt(position));
  into.voluntarySwitches = readKeyedNumber(text, 'voluntary_ctxt_switches:');
  into.involuntarySwitches = readKeyedNumber(text, 'nonvoluntary_ctxt_switches:');
  return true;
}

/** Where the name starts and ends on the first line ("Name:\t…"); null when there is no such line. */
function nameBounds(text: string): [number, number] | null {
  if (!text.startsWith('Name:')) return null;
  let start = 5;
  while (text.charCodeAt(start) === 9) start++;
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}

/** The thread's name (comm, with the kernel's escapes of newline and backslash), '' when absent. */
export function parseTaskName(text: string): string {
  const bounds = nameBounds(text);
  return bounds === null ? '' : text.slice(bounds[0], bounds[1]);
}

/** True when the status names the thread `name`: compared in place, so an unchanged name costs no string. */
export function hasTaskName(text: string, name: string): boolean {
  const bounds = nameBounds(text);
  return bounds !== null && bounds[1] - bounds[0] === name.length && text.startsWith(name, bounds[0]);
}
