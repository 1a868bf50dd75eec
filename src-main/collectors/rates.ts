// The sampler's rate math as pure functions of two readings, so it can be tested without /proc.
// Counters only grow for one process; a smaller value would mean a different process behind the
// same PID, so deltas are clamped at zero rather than ever producing a negative rate.
import type { BytesPerSecond, CorePercent, Percent, PerSecond, Seconds } from '../../src-shared/units';
import { userHz } from './proc/kernel';

/** The cumulative counters of one process at one instant; null where a file was unreadable. */
export interface ProcessCounters {
  userTicks: number;
  systemTicks: number;
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

/** The rates of one process between two readings taken `elapsed` seconds apart. */
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
