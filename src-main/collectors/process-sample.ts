// One process's part of a ResourceSample, and the sum of the parts of a process tree.
import type { ResourceSample } from '../../src-shared/model/resource';
import type { Bytes, EpochMilliseconds } from '../../src-shared/units';
import type { ProcessReading } from './process-reader';
import { addNullable, type ProcessRates } from './rates';

/** The rates of a sample taken too soon after the previous one to measure any. */
export const noRates: Readonly<ProcessRates> = {
  cpuUser: null,
  cpuSystem: null,
  minorFaultRate: null,
  majorFaultRate: null,
  voluntarySwitchRate: null,
  involuntarySwitchRate: null,
  readBytesRate: null,
  writeBytesRate: null,
  readSyscallRate: null,
  writeSyscallRate: null,
};

/** What the slow tier carries forward for one process between its readings. */
export interface CarriedReadings {
  proportionalSetSize: Bytes | null;
  fileDescriptors: number | null;
  switchRates: { voluntary: number | null; involuntary: number | null };
}

/** One process's metrics as a sample of one process; the system fields are left null. */
export function processSample(
  time: EpochMilliseconds,
  rates: Readonly<ProcessRates>,
  reading: ProcessReading,
  carried: CarriedReadings,
): ResourceSample {
  return {
    time,
    cpuUser: rates.cpuUser,
    cpuSystem: rates.cpuSystem,
    rss: reading.rssBytes,
    pss: carried.proportionalSetSize,
    virtual: reading.virtualBytes,
    threads: reading.threads,
    fileDescriptors: carried.fileDescriptors,
    readBytesRate: rates.readBytesRate,
    writeBytesRate: rates.writeBytesRate,
    readSyscallRate: rates.readSyscallRate,
    writeSyscallRate: rates.writeSyscallRate,
    voluntarySwitchRate: carried.switchRates.voluntary,
    involuntarySwitchRate: carried.switchRates.involuntary,
    minorFaultRate: rates.minorFaultRate,
    majorFaultRate: rates.majorFaultRate,
    processCount: 1,
    systemCpu: null,
    systemMemoryUsed: null,
    systemMemoryTotal: null,
    loadAverage1m: null,
    // Filled in by the recording from the runtime profiler, when it reports heap usage.
    jsHeapUsed: null,
    jsHeapTotal: null,
  };
}

/** Adds one process's sample into a tree's sum; a null part leaves the sum as it is. */
export function addProcessSample(sum: ResourceSample, part: ResourceSample): void {
  sum.cpuUser = addNullable(sum.cpuUser, part.cpuUser);
  sum.cpuSystem = addNullable(sum.cpuSystem, part.cpuSystem);
  sum.rss = addNullable(sum.rss, part.rss);
  sum.pss = addNullable(sum.pss, part.pss);
  sum.virtual = addNullable(sum.virtual, part.virtual);
  sum.threads = addNullable(sum.threads, part.threads);
  sum.fileDescriptors = addNullable(sum.fileDescriptors, part.fileDescriptors);
  sum.readBytesRate = addNullable(sum.readBytesRate, part.readBytesRate);
  sum.writeBytesRate = addNullable(sum.writeBytesRate, part.writeBytesRate);
  sum.readSyscallRate = addNullable(sum.readSyscallRate, part.readSyscallRate);
  sum.writeSyscallRate = addNullable(sum.writeSyscallRate, part.writeSyscallRate);
  sum.voluntarySwitchRate = addNullable(sum.voluntarySwitchRate, part.voluntarySwitchRate);
  sum.involuntarySwitchRate = addNullable(sum.involuntarySwitchRate, part.involuntarySwitchRate);
  sum.minorFaultRate = addNullable(sum.minorFaultRate, part.minorFaultRate);
  sum.majorFaultRate = addNullable(sum.majorFaultRate, part.majorFaultRate);
  sum.processCount = (sum.processCount ?? 0) + 1;
}
