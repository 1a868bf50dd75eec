// The sampler's rate math as pure functions of two readings, so it can be tested without /proc.
// Counters only grow for one process; a smaller value would mean a different process behind the
// same PID, so deltas are clamped at zero rather than ever producing a negative rate.
import type { BytesPerSecond, CorePercent, Percent, PerSecond, Seconds } from '../../src-shared/units';
import { userHz } from './proc/kernel';

/** The cumulative counters of one process at one instant; null where a file was unreadable. */
export interface ProcessCounters {
  userTicks: number;
  systemTicks: number;
  /** cutime and cstime: CPU of the children this process has reaped (see ReapCredit). */
  childUserTicks: number;
  childSystemTicks: number;
  minorFaults: number;
  majorFaults: number;
  voluntarySwitches: number | null;
  involuntarySwitches: number | null;
  readBytes: number | null;
  writeBytes: number | null;
  readSyscalls: number | null;
  writeSyscalls: number | null;
}

/** Per-second rates of one process between two readings. */
export interface ProcessRates {
  cpuUser: CorePercent | null;
  cpuSystem: CorePercent | null;
  minorFaultRate: PerSecond | null;
  majorFaultRate: PerSecond | null;
  voluntarySwitchRate: PerSecond | null;
  involuntarySwitchRate: PerSecond | null;
  readBytesRate: BytesPerSecond | null;
  writeBytesRate: BytesPerSecond | null;
  readSyscallRate: PerSecond | null;
  writeSyscallRate: PerSecond | null;
}

/** Counters that are all zero: the baseline of a process that started after the previous reading. */
export const zeroCounters: Readonly<ProcessCounters> = {
  userTicks: 0,
  systemTicks: 0,
  childUserTicks: 0,
  childSystemTicks: 0,
  minorFaults: 0,
  majorFaults: 0,
  voluntarySwitches: 0,
  involuntarySwitches: 0,
  readBytes: 0,
  writeBytes: 0,
  readSyscalls: 0,
  writeSyscalls: 0,
};

/** The increase of a counter per second; null when either reading is missing or no time passed. */
export function ratePerSecond(previous: number | null, current: number | null, elapsed: Seconds): number | null {
  if (previous === null || current === null || !(elapsed > 0)) return null;
  return current > previous ? (current - previous) / elapsed : 0;
}

/** CPU use in percent of one core from a tick delta: ticks / USER_HZ / seconds × 100. */
export function ticksToCorePercent(previousTicks: number, currentTicks: number, elapsed: Seconds): CorePercent {
  if (!(elapsed > 0) || currentTicks <= previousTicks) return 0;
  return ((currentTicks - previousTicks) / userHz / elapsed) * 100;
}

/**
 * The rates of one process between two readings taken `elapsed` seconds apart: its own CPU
 * (utime/stime, not the cutime/cstime of reaped children), and its I/O counters as the kernel keeps
 * them, which include the I/O of every child it has reaped.
 */
export function processRates(previous: ProcessCounters, current: ProcessCounters, elapsed: Seconds): ProcessRates {
  return {
    cpuUser: ticksToCorePercent(previous.userTicks, current.userTicks, elapsed),
    cpuSystem: ticksToCorePercent(previous.systemTicks, current.systemTicks, elapsed),
    minorFaultRate: ratePerSecond(previous.minorFaults, current.minorFaults, elapsed) ?? 0,
    majorFaultRate: ratePerSecond(previous.majorFaults, current.majorFaults, elapsed) ?? 0,
    voluntarySwitchRate: ratePerSecond(previous.voluntarySwitches, current.voluntarySwitches, elapsed),
    involuntarySwitchRate: ratePerSecond(previous.involuntarySwitches, current.involuntarySwitches, elapsed),
    readBytesRate: ratePerSecond(previous.readBytes, current.readBytes, elapsed),
    writeBytesRate: ratePerSecond(previous.writeBytes, current.writeBytes, elapsed),
    readSyscallRate: ratePerSecond(previous.readSyscalls, current.readSyscalls, elapsed),
    writeSyscallRate: ratePerSecond(previous.writeSyscalls, current.writeSyscalls, elapsed),
  };
}

/** Percent of all cores busy between two /proc/stat readings; null without a usable delta. */
export function systemCpuPercent(
  previous: { busyTicks: number; totalTicks: number } | null,
  current: { busyTicks: number; totalTicks: number } | null,
): Percent | null {
  if (previous === null || current === null) return null;
  const total = current.totalTicks - previous.totalTicks;
  if (total <= 0) return null;
  const busy = Math.max(0, current.busyTicks - previous.busyTicks);
  return Math.min(100, (busy / total) * 100);
}

/** Adds a nullable value into a nullable sum: null only while every part is null. */
export function addNullable(sum: number | null, value: number | null): number | null {
  if (value === null) return sum;
  return sum === null ? value : sum + value;
}

// When a process reaps a child, the kernel folds the child's totals into the parent's: its
// utime+cutime into the parent's cutime, stime+cstime into cstime, and its I/O counters into the
// parent's /proc/PID/io. Summing a process tree therefore counts the parent's cutime/cstime and I/O
// increases, which holds the work of children too short-lived to be seen, minus a credit for each
// child that was sampled while it lived: that much of it is already in the sum.

/** The counters a reap adds to, as the increase between two readings of one process (never negative). */
export interface ReapDeltas {
  /** The increase of cutime + cstime, in ticks. */
  cpuTicks: number;
  readBytes: number | null;
  writeBytes: number | null;
  readSyscalls: number | null;
  writeSyscalls: number | null;
}

/**
 * What a vanished child was already counted with while it was sampled, held against its parent's
 * next ReapDeltas, since the reap folds these amounts into the parent's counters a second time.
 */
export interface ReapCredit {
  /** utime + stime + cutime + cstime at the child's last counted reading, in ticks. */
  cpuTicks: number;
  readBytes: number;
  writeBytes: number;
  readSyscalls: number;
  writeSyscalls: number;
  /** When an unused remainder lapses (performance.now() ms): another process reaped the child. */
  expiresAtMs: number;
}

/**
 * How long a credit waits for its reap. A parent may reap a child (a zombie counts as vanished) well
 * after the sampler noticed its exit; a credit still unused after this long belongs to a child that
 * was reparented and reaped elsewhere, and would otherwise hide the parent's real work.
 */
export const reapCreditLifetimeMs = 3000;

const reapCounters = ['cpuTicks', 'readBytes', 'writeBytes', 'readSyscalls', 'writeSyscalls'] as const;

/** The increase of a counter, clamped at zero; null when either reading is missing. */
function increase(previous: number | null, current: number | null): number | null {
  if (previous === null || current === null) return null;
  return current > previous ? current - previous : 0;
}

/** The increases of the counters a reap adds to, between two readings of one process. */
export function reapDeltas(previous: ProcessCounters, current: ProcessCounters): ReapDeltas {
  return {
    cpuTicks:
      Math.max(0, current.childUserTicks - previous.childUserTicks) +
      Math.max(0, current.childSystemTicks - previous.childSystemTicks),
    readBytes: increase(previous.readBytes, current.readBytes),
    writeBytes: increase(previous.writeBytes, current.writeBytes),
    readSyscalls: increase(previous.readSyscalls, current.readSyscalls),
    writeSyscalls: increase(previous.writeSyscalls, current.writeSyscalls),
  };
}

/**
 * The credit a vanished child leaves its parent: its totals at its last counted reading, plus the
 * credits it still held for its own children (the parent's reap folds those in too).
 */
export function creditForVanished(last: ProcessCounters, pending: readonly ReapCredit[], nowMs: number): ReapCredit {
  const credit: ReapCredit = {
    cpuTicks: last.userTicks + last.systemTicks + last.childUserTicks + last.childSystemTicks,
    readBytes: last.readBytes ?? 0,
    writeBytes: last.writeBytes ?? 0,
    readSyscalls: last.readSyscalls ?? 0,
    writeSyscalls: last.writeSyscalls ?? 0,
    expiresAtMs: nowMs + reapCreditLifetimeMs,
  };
  for (const inherited of pending) for (const key of reapCounters) credit[key] += inherited[key];
  return credit;
}

/**
 * Subtracts credits, oldest first, from a process's reap deltas. Returns the part to count and the
 * credits still pending: a remainder carries forward (the reap may come samples later) until it
 * lapses at its expiry, which is checked after use so a reap in the same sample still consumes it.
 */
export function applyReapCredits(
  deltas: ReapDeltas,
  credits: readonly ReapCredit[],
  nowMs: number,
): { counted: ReapDeltas; pending: ReapCredit[] } {
  const remaining = credits.map((credit) => ({ ...credit }));
  const counted: ReapDeltas = { ...deltas };
  for (const key of reapCounters) {
    let left = deltas[key];
    if (left === null) continue; // unreadable here: the credit waits (and lapses) untouched
    for (const credit of remaining) {
      if (left <= 0) break;
      const used = Math.min(left, credit[key]);
      credit[key] -= used;
      left -= used;
    }
    counted[key] = left;
  }
  const pending = remaining.filter(
    (credit) => credit.expiresAtMs > nowMs && reapCounters.some((key) => credit[key] > 0),
  );
  return { counted, pending };
}

/**
 * The rates of one process in a summed tree: its own CPU plus the counted part of its reaped
 * children's (cutime/cstime after credits), and its I/O after credits.
 */
export function processRatesWithChildren(
  previous: ProcessCounters,
  current: ProcessCounters,
  elapsed: Seconds,
  counted: ReapDeltas,
): ProcessRates {
  const own = processRates(previous, current, elapsed);
  const childUser = Math.max(0, current.childUserTicks - previous.childUserTicks);
  const childSystem = Math.max(0, current.childSystemTicks - previous.childSystemTicks);
  // Credits are one pool of user + system time (the kernel may rescale a child's split by the time
  // it reaps it); what is left keeps this interval's split.
  const userShare = childUser + childSystem > 0 ? childUser / (childUser + childSystem) : 0;
  return {
    ...own,
    cpuUser: (own.cpuUser ?? 0) + ticksToCorePercent(0, counted.cpuTicks * userShare, elapsed),
    cpuSystem: (own.cpuSystem ?? 0) + ticksToCorePercent(0, counted.cpuTicks * (1 - userShare), elapsed),
    readBytesRate: ratePerSecond(0, counted.readBytes, elapsed),
    writeBytesRate: ratePerSecond(0, counted.writeBytes, elapsed),
    readSyscallRate: ratePerSecond(0, counted.readSyscalls, elapsed),
    writeSyscallRate: ratePerSecond(0, counted.writeSyscalls, elapsed),
  };
}
