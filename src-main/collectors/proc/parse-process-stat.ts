// /proc/PID/stat: one line of space-separated fields, documented in proc_pid_stat(5).
// Field 2 (comm) is in parentheses and may itself contain spaces and parentheses, so every field
// after it is located from the LAST ')' in the line.
import type { Bytes, Pid } from '../../../src-shared/units';

/** The fields of /proc/PID/stat the collectors use; times are in clock ticks (USER_HZ). */
export interface ProcessStat {
  pid: Pid;
  /** The kernel's command name (comm), at most 15 bytes, without the parentheses. */
  command: string;
  /** One letter: R running, S sleeping, D disk sleep, Z zombie, T stopped, I idle, … */
  state: string;
  parentPid: Pid;
  minorFaults: number;
  majorFaults: number;
  userTicks: number;
  systemTicks: number;
  /**
   * CPU time of the children this process has waited for (reaped), in user and system mode: the
   * kernel adds each reaped child's utime+cutime and stime+cstime here when it reaps it.
   */
  childUserTicks: number;
  childSystemTicks: number;
  threads: number;
  /** Start time after boot, in clock ticks. */
  startTicks: number;
  virtualBytes: Bytes;
  /** Resident set size in pages. */
  rssPages: number;
  /**
   * Where the program's code and stack begin: 0 without ptrace access. They change at every exec
   * (another program, or the same one at new random addresses), so they tell an exec that kept the
   * command name (a shell exec'ing a shell) from no exec at all.
   */
  startCode: number;
  startStack: number;
}

// Positions counted from the state field (field 3 in proc(5) numbering is index 0 here).
const parentPidIndex = 1;
const minorFaultsIndex = 7;
const majorFaultsIndex = 9;
const userTicksIndex = 11;
const systemTicksIndex = 12;
const childUserTicksIndex = 13;
const childSystemTicksIndex = 14;
const threadsIndex = 17;
const startTicksIndex = 19;
const virtualBytesIndex = 20;
const rssPagesIndex = 21;

/** Where the level fields are, counted as above: for the reading pump's conditions (alert-hand-over.ts). */
export const statFieldIndexes = { threads: threadsIndex, virtualBytes: virtualBytesIndex, rssPages: rssPagesIndex };
const startCodeIndex = 23;
const startStackIndex = 25;
const fieldsNeeded = startStackIndex + 1;

// Reused between calls: parsing runs on every sample and must not allocate an array each time.
const fields = new Float64Array(fieldsNeeded);

/** Parses /proc/PID/stat; null when the text is truncated or not a stat line. */
export function parseProcessStat(text: string): ProcessStat | null {
  const open = text.indexOf(' (');
  const close = text.lastIndexOf(')');
  if (open <= 0 || close < open) return null;
  const state = text.charAt(close + 2);
  if (state === '' || state === ' ') return null;
  // Scan the numeric fields after the state letter in one pass; a field may be negative (-1).
  const length = text.length;
  let field = 1;
  let value = 0;
  let negative = false;
  let digits = 0;
  for (let position = close + 4; position <= length && field < fieldsNeeded; position++) {
    const code = position < length ? text.charCodeAt(position) : 10;
    if (code >= 48 && code <= 57) {
      value = value * 10 + (code - 48);
      digits++;
    } else if (code === 45 && digits === 0) {
      negative = true;
    } else if (code === 32 || code === 10) {
      if (digits === 0) return null;
      fields[field++] = negative ? -value : value;
      value = 0;
      digits = 0;
      negative = false;
    } else {
      return null;
    }
  }
  if (field < fieldsNeeded) return null;
  return {
    pid: readPid(text, open),
    command: text.slice(open + 2, close),
    state,
    parentPid: fields[parentPidIndex]!,
    minorFaults: fields[minorFaultsIndex]!,
    majorFaults: fields[majorFaultsIndex]!,
    userTicks: fields[userTicksIndex]!,
    systemTicks: fields[systemTicksIndex]!,
    childUserTicks: fields[childUserTicksIndex]!,
    childSystemTicks: fields[childSystemTicksIndex]!,
    threads: fields[threadsIndex]!,
    startTicks: fields[startTicksIndex]!,
    virtualBytes: fields[virtualBytesIndex]!,
    rssPages: fields[rssPagesIndex]!,
    startCode: fields[startCodeIndex]!,
    startStack: fields[startStackIndex]!,
  };
}

function readPid(text: string, end: number): Pid {
  let pid = 0;
  for (let position = 0; position < end; position++) pid = pid * 10 + (text.charCodeAt(position) - 48);
  return pid;
}

/** True when a stat reading is of a live process: readable, and neither a zombie nor dead. */
export function isLive(stat: ProcessStat | null): stat is ProcessStat {
  return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
}
