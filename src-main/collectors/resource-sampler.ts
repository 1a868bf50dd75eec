// The resource sampler: one synchronous, allocation-light reading of a target (and optionally its
// descendants) from /proc. Fast tier every sample: stat and io of each process. Slow tier at most
// once a second: context switches (status), the fd count, the list of descendants and the system
// files (see system-reader.ts); PSS is a page-table walk whose cost grows with the process (~1 ms
// for a small Node.js process), so its period adapts to its cost: one second after the first
// reading, then max(5 s, 5000 × the cost of the last sample that walked), which keeps it under
// ~0.02% of a core. Values are carried forward between their readings, which keeps
// a 10 Hz recording near the cost of its two fast-tier reads. A sample never spawns a process.
import { existsSync } from 'node:fs';
import { ThermographError } from '../../src-shared/api/errors';
import type { ResourceSample, SamplerLimitation } from '../../src-shared/model/resource';
import type { Bytes, EpochMilliseconds, Pid } from '../../src-shared/units';
import { findDescendants } from './descendants';
import { createFallbackSampler } from './fallback-sampler';
import { bootTicksNow } from './proc/kernel';
import { parseProcessStatus } from './proc/parse-process-status';
import { errorCode, isVanishedError, readProcText } from './proc/proc-file';
import { ProcessReader, ProcessVanished, type ProcessReading } from './process-reader';
import { addNullable, processRates, ratePerSecond, zeroCounters, type ProcessRates } from './rates';
import { SystemReader } from './system-reader';
import { describeUnreadable, processExitedMessage, processNotFoundMessage } from './messages';

/** Samples the resource use of one target process. */
export interface ResourceSampler {
  /** Reads every metric now. Throws ThermographError('process-not-found') once the target has exited. */
  sample(time?: EpochMilliseconds): ResourceSample;
  /** Metrics that cannot be read for this target, each with the reason and the fix. */
  limitations(): SamplerLimitation[];
  readonly pid: Pid;
  /** Releases the open files; the sampler cannot be used afterwards. */
  close(): void;
}

/** What to sample. */
export interface ResourceSamplerOptions {
  pid: Pid;
  /** Sum the target and all its descendants. */
  includeChildren: boolean;
}

const slowTierIntervalMs = 1000;
/**
 * The shortest interval a rate is computed over. CPU time advances in 10 ms ticks, so a rate over a
 * few milliseconds (a first sample taken right after the baseline) is mostly rounding: such a sample
 * reports its rates as null and keeps the baseline, and the next sample measures the longer span.
 */
const minimumRateSeconds = 0.05;
/** The shortest period of PSS readings after the first two, and its cost multiplier. */
const proportionalSetSizeMinimumMs = 5000;
const proportionalSetSizeCostFactor = 5000;

/** The rates of a sample taken too soon after the previous one to measure any. */
const noRates: ProcessRates = {
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

/** Creates the sampler for this platform: /proc where it exists, pidusage elsewhere. */
export function createResourceSampler(options: ResourceSamplerOptions): ResourceSampler {
  if (!existsSync('/proc/self/stat')) return createFallbackSampler(options);
  return new ProcSampler(options);
}

/** One process being followed, with what the rates and the slow tier carry between samples. */
interface Tracked {
  reader: ProcessReader;
  previous: ProcessReading;
  proportionalSetSize: Bytes | null;
  fileDescriptors: number | null;
  /** The last context-switch counters and when they were read (performance.now() ms). */
  switches: { voluntary: number | null; involuntary: number | null; atMs: number } | null;
  switchRates: { voluntary: number | null; involuntary: number | null };
}

/** A tracked process's slow-tier state before its first slow-tier reading. */
function freshSlowTier(): Pick<Tracked, 'proportionalSetSize' | 'fileDescriptors' | 'switches' | 'switchRates'> {
  return {
    proportionalSetSize: null,
    fileDescriptors: null,
    switches: null,
    switchRates: { voluntary: null, involuntary: null },
  };
}

class ProcSampler implements ResourceSampler {
  readonly pid: Pid;
  private readonly includeChildren: boolean;
  private readonly root: Tracked;
  private readonly children = new Map<Pid, Tracked>();
  private readonly system = new SystemReader();
  private readonly found: SamplerLimitation[] = [];
  private previousTimeMs: number;
  private previousBootTicks: number;
  private slowTierReadAt = Number.NEGATIVE_INFINITY;
  /** When the next PSS reading is due (performance.now() ms). */
  private proportionalSetSizeDueAt = Number.NEGATIVE_INFINITY;
  private childrenFoundAt = Number.NEGATIVE_INFINITY;
  private closed = false;
  private vanished = false;

  constructor(options: ResourceSamplerOptions) {
    this.pid = options.pid;
    this.includeChildren = options.includeChildren;
    let reader: ProcessReader;
    try {
      reader = new ProcessReader(options.pid);
    } catch (error) {
      this.system.close();
      if (isVanishedError(error)) throw new ThermographError('process-not-found', processNotFoundMessage(options.pid));
      const code = errorCode(error);
      if (code === 'EACCES' || code === 'EPERM') {
        throw new ThermographError(
          'permission-denied',
          `The /proc entry of PID ${options.pid} is hidden from this user. Run Thermograph as the process's owner or as root.`,
        );
      }
      throw error;
    }
    this.previousTimeMs = performance.now();
    this.previousBootTicks = bootTicksNow();
    try {
      // The first reading is the baseline, so the first sample already has rates.
      this.root = { reader, previous: reader.read(), ...freshSlowTier() };
      // The slow tier too, so the first sample has PSS and fds; switch rates follow a second later.
      this.readSlowTier(this.root, this.previousTimeMs, true);
      this.slowTierReadAt = this.previousTimeMs;
      // A launched command is read moments after exec, so the second PSS reading comes soon.
      this.proportionalSetSizeDueAt = this.previousTimeMs + slowTierIntervalMs;
    } catch (error) {
      reader.close();
      this.system.close();
      if (error instanceof ProcessVanished)
        throw new ThermographError('process-not-found', processNotFoundMessage(options.pid));
      throw error;
    }
    this.noteUnreadable(reader, 'root');
    if (this.includeChildren) this.refreshChildren(this.previousTimeMs);
    this.system.read(this.previousTimeMs);
  }

  limitations(): SamplerLimitation[] {
    return this.found.slice();
  }

  sample(time: EpochMilliseconds = Date.now()): ResourceSample {
    if (this.vanished) throw new ThermographError('process-not-found', processExitedMessage(this.pid));
    if (this.closed) {
      throw new ThermographError(
        'internal',
        `The sampler of PID ${this.pid} was already closed; create a new one to sample again.`,
      );
    }
    const nowMs = performance.now();
    const elapsed = (nowMs - this.previousTimeMs) / 1000;
    const slowTier = nowMs - this.slowTierReadAt >= slowTierIntervalMs;
    const memoryMapTier = nowMs >= this.proportionalSetSizeDueAt;
    if (this.includeChildren && nowMs - this.childrenFoundAt >= slowTierIntervalMs) this.refreshChildren(nowMs);

    let rootReading: ProcessReading;
    try {
      rootReading = this.root.reader.read();
      if (slowTier) this.readSlowTier(this.root, nowMs, memoryMapTier);
    } catch (error) {
      if (!(error instanceof ProcessVanished)) throw error;
      this.vanished = true;
      this.close();
      throw new ThermographError('process-not-found', processExitedMessage(this.pid));
    }
    const rateSpan = elapsed >= minimumRateSeconds ? elapsed : null;
    const result = this.accumulate(this.root, rootReading, rateSpan, time);
    for (const [pid, child] of this.children) {
      try {
        const reading = child.reader.read();
        if (slowTier) this.readSlowTier(child, nowMs, memoryMapTier);
        this.add(result, this.accumulate(child, reading, rateSpan, time));
      } catch (error) {
        if (!(error instanceof ProcessVanished)) throw error;
        // A child that exited between readings simply stops contributing.
        child.reader.close();
        this.children.delete(pid);
      }
    }
    if (slowTier) this.slowTierReadAt = nowMs;
    if (slowTier && memoryMapTier) {
      const costMs = performance.now() - nowMs;
      this.proportionalSetSizeDueAt =
        nowMs + Math.max(proportionalSetSizeMinimumMs, costMs * proportionalSetSizeCostFactor);
    }
    const system = this.system.read(nowMs);
    result.systemCpu = system.systemCpu;
    result.systemMemoryUsed = system.systemMemoryUsed;
    result.systemMemoryTotal = system.systemMemoryTotal;
    result.loadAverage1m = system.loadAverage1m;
    if (rateSpan !== null) {
      this.previousTimeMs = nowMs;
      this.previousBootTicks = bootTicksNow();
    }
    return result;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.root.reader.close();
    for (const child of this.children.values()) child.reader.close();
    this.children.clear();
    this.system.close();
  }

  /** Turns one process's reading into a sample (system fields left null) and advances its baseline. */
  private accumulate(
    tracked: Tracked,
    reading: ProcessReading,
    rateSpan: number | null,
    time: EpochMilliseconds,
  ): ResourceSample {
    const rates = rateSpan === null ? noRates : processRates(tracked.previous, reading, rateSpan);
    if (rateSpan !== null) tracked.previous = reading;
    return {
      time,
      cpuUser: rates.cpuUser,
      cpuSystem: rates.cpuSystem,
      rss: reading.rssBytes,
      pss: tracked.proportionalSetSize,
      virtual: reading.virtualBytes,
      threads: reading.threads,
      fileDescriptors: tracked.fileDescriptors,
      readBytesRate: rates.readBytesRate,
      writeBytesRate: rates.writeBytesRate,
      readSyscallRate: rates.readSyscallRate,
      writeSyscallRate: rates.writeSyscallRate,
      voluntarySwitchRate: tracked.switchRates.voluntary,
      involuntarySwitchRate: tracked.switchRates.involuntary,
      minorFaultRate: rates.minorFaultRate,
      majorFaultRate: rates.majorFaultRate,
      processCount: 1,
      systemCpu: null,
      systemMemoryUsed: null,
      systemMemoryTotal: null,
      loadAverage1m: null,
    };
  }

  /** Adds a child's per-process metrics into the sum; a null part leaves the sum as it is. */
  private add(sum: ResourceSample, part: ResourceSample): void {
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

  private readSlowTier(tracked: Tracked, nowMs: number, includeMemoryMap: boolean): void {
    if (includeMemoryMap) tracked.proportionalSetSize = tracked.reader.readProportionalSetSize();
    tracked.fileDescriptors = tracked.reader.countFileDescriptors();
    const switches = { ...tracked.reader.readContextSwitches(), atMs: nowMs };
    if (tracked.switches !== null) {
      const elapsed = (nowMs - tracked.switches.atMs) / 1000;
      tracked.switchRates = {
        voluntary: ratePerSecond(tracked.switches.voluntary, switches.voluntary, elapsed),
        involuntary: ratePerSecond(tracked.switches.involuntary, switches.involuntary, elapsed),
      };
    }
    tracked.switches = switches;
  }

  /** Follows new descendants and forgets those that are gone. */
  private refreshChildren(nowMs: number): void {
    this.childrenFoundAt = nowMs;
    const current = new Set(findDescendants(this.pid));
    for (const [pid, child] of this.children) {
      if (current.has(pid)) continue;
      child.reader.close();
      this.children.delete(pid);
    }
    for (const pid of current) {
      if (this.children.has(pid)) continue;
      let reader: ProcessReader | null = null;
      try {
        reader = new ProcessReader(pid);
        const reading = reader.read();
        // A child born since the previous sample did all its work inside this interval, so it is
        // counted from zero; one that is older was merely discovered late and starts from now.
        const bornSincePrevious = reading.startTicks >= this.previousBootTicks;
        const previous = bornSincePrevious ? { ...reading, ...zeroCounters } : reading;
        const tracked: Tracked = { reader, previous, ...freshSlowTier() };
        // Switch counters count from zero too, so a child born this interval has a rate at once.
        tracked.switches = bornSincePrevious ? { voluntary: 0, involuntary: 0, atMs: this.previousTimeMs } : null;
        this.children.set(pid, tracked);
        this.noteUnreadable(reader, 'child');
      } catch {
        // It exited (or is hidden) before it could be read: there is nothing to sum.
        reader?.close();
      }
    }
  }

  /** Records, once per distinct message, which metrics of a process cannot be read and why. */
  private noteUnreadable(reader: ProcessReader, role: 'root' | 'child'): void {
    let uid: number | null = null;
    try {
      uid = parseProcessStatus(readProcText(`/proc/${reader.pid}/status`)).uid;
    } catch {
      // The owner is only used in the message; the limitation stands without it.
    }
    const limitation = describeUnreadable(reader.pid, uid, reader.access, role);
    if (limitation !== null && !this.found.some((known) => known.message === limitation.message))
      this.found.push(limitation);
  }
}
