// /proc/PID/status: "Key:\tvalue" lines, documented in proc_pid_status(5). World-readable, so it
// stays available for another user's processes.
import type { Bytes } from '../../../src-shared/units';
import { readKeyedKilobytes, readKeyedNumber } from './proc-text';

/** The fields of /proc/PID/status the collectors use; null where the file has no such line. */
export interface ProcessStatus {
  name: string | null;
  /** The real user id (first of the four Uid values). */
  uid: number | null;
  /** Absent for kernel threads, which have no memory of their own. */
  rssBytes: Bytes | null;
  threads: number | null;
  /**
   * Context switches of the main thread only: the kernel prints the leader task's counters here,
   * not the sum over threads.
   */
  voluntarySwitches: number | null;
  involuntarySwitches: number | null;
}

/** Parses /proc/PID/status; missing or truncated lines become null rather than failing. */
export function parseProcessStatus(text: string): ProcessStatus {
  return {
    name: readName(text),
    uid: readKeyedNumber(text, 'Uid:'),
    rssBytes: readKeyedKilobytes(text, 'VmRSS:'),
    threads: readKeyedNumber(text, 'Threads:'),
    voluntarySwitches: readKeyedNumber(text, 'voluntary_ctxt_switches:'),
    involuntarySwitches: readKeyedNumber(text, 'nonvoluntary_ctxt_switches:'),
  };
}

function readName(text: string): string | null {
  if (!text.startsWith('Name:')) return null;
  const end = text.indexOf('\n');
  // A truncated file may end inside the name line; what is there is still the name's beginning.
  return text.slice(5, end < 0 ? text.length : end).trim();
}

/** Reads only the context-switch counters, for the sampler's hot path (no name string is cut). */
export function parseContextSwitches(
  text: string,
  into: { voluntarySwitches: number | null; involuntarySwitches: number | null },
): void {
  into.voluntarySwitches = readKeyedNumber(text, 'voluntary_ctxt_switches:');
  into.involuntarySwitches = readKeyedNumber(text, 'nonvoluntary_ctxt_switches:');
}
