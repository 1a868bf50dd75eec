// The resource sampler: one synchronous, allocation-light reading of a target (and optionally its
// descendants) from /proc. Fast tier every sample: stat and io of each process. Slow tier at most
// once a second: context switches (status), the fd count, the list of descendants and the system
// files (see system-reader.ts); PSS is a page-table walk whose cost grows with the process (~1 ms
// for a small Node.js process), so its period adapts to its cost: one second after the first
// reading, then max(5 s, 5000 × the cost of the last sample that walked), which keeps it under
// ~0.02% of a core. Values are carried forward between their readings, which keeps
// a 10 Hz recording near the cost of its two fast-tier reads. A sample never spawns a process.
//
// With includeChildren the tree is summed per process, and each process's CPU and I/O include what
// the kernel folds into it when it reaps a child (cutime/cstime, /proc/PID/io): that is how a child
// too short-lived for the once-a-second discovery is still counted. A child that was sampled leaves
// its parent a credit for what it was already counted with (rates.ts, ReapCredit), so nothing is
// counted twice. Without includeChildren the target's CPU is its own (utime/stime) but its I/O is
// the kernel's figure: /proc/PID/io includes the I/O of children the process has reaped, added at
// the reap, so a target that runs a child doing I/O shows it all in the sample of the reap. Record
// with children included to see it attributed over time.
//
// A sample's CPU is at most what the threads read and the CPUs could have done in its interval: tick
// rounding above that is held back and shown by later samples (cpu-bound.ts).
import { existsSync } from 'node:fs';
import { ThermographError } from '../../src-shared/api/errors';
import type { ResourceSample, SamplerLimitation } from '../../src-shared/model/resource';
import type { Bytes, EpochMilliseconds, Pid } from '../../src-shared/units';
import { findDescendants } from './descendants';
import { createFallbackSampler } from './fallback-sampler';
import { bootTicksNow, cpuCount } from './proc/kernel';
import { boundCpu, cpuBoundCores, noCarry, type CpuCarry } from './cpu-bound';
import { parseProcessStatus } from './proc/parse-process-status';
import { errorCode, isVanishedError, readProcText, type ReadingFeed } from './proc/proc-file';
import { isKernelThread, ProcessReader, ProcessVanished, type ProcessReading } from './process-reader';
import { addProcessSample, noRates, processSample } from './process-sample';
import {
  applyReapCredits,
  creditForVanished,
  processRates,
  processRatesWithChildren,
  ratePerSecond,
  reapDeltas,
  zeroCounters,
  type ProcessRates,
  type ReapCredit,
} from './rates';
import { SystemReader } from './system-reader';
import { describeUnreadable, kernelThreadMessage, processExitedMessage, processNotFoundMessage } from './messages';

/** Samples the resource use of one target process. */
export interface ResourceSampler {
  /**
   * Reads every metric now, or as of `monotonicMs` (performance.now() scale) when a feed holds the
   * readings of that moment. Throws ThermographError('process-not-found') once the target has exited.
   */
  sample(time?: EpochMilliseconds, monotonicMs?: number, options?: SampleOptions): ResourceSample;
  /**
   * Takes the fast-tier readings (stat and io of every process followed) from a feed from now on;
   * see ReadingFeed. Without one, every sample reads the files itself.
   */
  useFeed(feed: ReadingFeed): void;
  /** Metrics that cannot be read for this target, each with the reason and the fix. */
  limitations(): SamplerLimitation[];
  /**
   * The program the target switched to with exec since the last call, or null. The recording goes
   * on through an exec (the process is the PID); the recording marks it on the timeline.
   */
  takeExec(): TargetExec | null;
  readonly pid: Pid;
  /** Releases the open files; the sampler cannot be used afterwards. */
  close(): void;
}

/** How one sample is taken. */
export interface SampleOptions {
  /**
   * The last sample of a recording, at its stop: when no sample has had rates yet it measures them
   * over whatever time has passed, even less than the usual minimum, so a recording stopped within
   * its first interval still has its CPU.
   */
  final?: boolean;
}

/** A target that replaced its program with exec. */
export interface TargetExec {
  /** The kernel's command name after the exec. */
  command: string;
  /** Its command line, '' when unreadable. */
  commandLine: string;
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

/** Creates the sampler for this platform: /proc where it exists, pidusage elsewhere. */
export function createResourceSampler(options: ResourceSamplerOptions): ResourceSampler {
  if (!existsSync('/proc/self/stat')) return createFallbackSampler(options);
  return new ProcSampler(options);
}

/** One process being followed, with what the rates and the slow tier carry between samples. */
interface Tracked {
  reader: ProcessReader;
  previous: ProcessReading;
  /** Credits left by this process's vanished children, held against its next reap deltas. */
  credits: ReapCredit[];
  proportionalSetSize: Bytes | null;
  fileDescriptors: number | null;
  /** The last context-switch counters and when they were read (performance.now() ms). */
  switches: { voluntary: number | null; involuntary: number | null; atMs: number } | null;
  switchRates: { voluntary: number | null; involuntary: number | null };
}

/** A tracked process's carried state before its first slow-tier reading: no credits, no values yet. */
function freshCarriedState(): Pick<
  Tracked,
  'credits' | 'proportionalSetSize' | 'fileDescriptors' | 'switches' | 'switchRates'
> {
  return {
    credits: [],
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
  private slowTierReadAt = Number.NEGATIVE_INFINITY;
  /** When the next PSS reading is due (performance.now() ms). */
  private proportionalSetSizeDueAt = Number.NEGATIVE_INFINITY;
  private childrenFoundAt = Number.NEGATIVE_INFINITY;
  /** When descendants were last listed, in ticks since boot; +∞ until the first listing. */
  private childrenFoundAtBootTicks = Number.POSITIVE_INFINITY;
  private closed = false;
  private vanished = false;
  private exec: TargetExec | null = null;
  private feed: ReadingFeed | null = null;
  private readonly cpus = cpuCount();
  /** CPU measured above what was possible, shown by later samples (see cpu-bound.ts). */
  private cpuCarry: CpuCarry = { ...noCarry };
  /** The threads of the last sample with rates, summed over the tree. */
  private previousThreads: number | null = null;
  /** Reaped children's CPU counted in the sample being taken, in ticks. */
  private reapedTicks = 0;
  /** Set once a sample has had rates. */
  private rated = false;

  constructor(options: ResourceSamplerOptions) {
    this.pid = options.pid;
    this.includeChildren = options.includeChildren;
    let reader: ProcessReader;
    try {
      reader = new ProcessReader(options.pid);
    } catch (error) {
      this.system.close();
      // A kernel thread has no address space, so its smaps_rollup answers "no such process".
      if (isVanishedError(error) && isKernelThread(options.pid))
        throw new ThermographError('invalid-argument', kernelThreadMessage(options.pid));
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
    try {
      // The first reading is the baseline, so the first sample already has rates.
      this.root = { reader, previous: reader.read(), ...freshCarriedState() };
      // A kernel thread has no address space (virtual size 0): nothing of it is a program to record.
      if (this.root.previous.virtualBytes === 0)
        throw new ThermographError('invalid-argument', kernelThreadMessage(options.pid));
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

  useFeed(feed: ReadingFeed): void {
    this.feed = feed;
    this.root.reader.useFeed(feed);
    for (const child of this.children.values()) child.reader.useFeed(feed);
  }

  sample(
    time: EpochMilliseconds = Date.now(),
    monotonicMs: number = performance.now(),
    options: SampleOptions = {},
  ): ResourceSample {
    if (this.vanished) throw new ThermographError('process-not-found', processExitedMessage(this.pid));
    if (this.closed) {
      throw new ThermographError(
        'internal',
        `The sampler of PID ${this.pid} was already closed; create a new one to sample again.`,
      );
    }
    const nowMs = monotonicMs;
    const startedAt = performance.now();
    const elapsed = (nowMs - this.previousTimeMs) / 1000;
    const slowTier = nowMs - this.slowTierReadAt >= slowTierIntervalMs;
    const memoryMapTier = nowMs >= this.proportionalSetSizeDueAt;
    if (this.includeChildren && nowMs - this.childrenFoundAt >= slowTierIntervalMs) this.refreshChildren(nowMs);

    let rootReading: ProcessReading;
    try {
      rootReading = this.root.reader.read();
      if (slowTier) this.readSlowTier(this.root, nowMs, memoryMapTier);
      this.noticeExec(nowMs);
    } catch (error) {
      if (!(error instanceof ProcessVanished)) throw error;
      this.vanished = true;
      this.close();
      throw new ThermographError('process-not-found', processExitedMessage(this.pid));
    }
    const readings: [Tracked, ProcessReading][] = [];
    let vanished: Pid[] | null = null;
    for (const [pid, child] of this.children) {
      try {
        const reading = child.reader.read();
        if (slowTier) this.readSlowTier(child, nowMs, memoryMapTier);
        if (child.reader.takeAccessLoss()) this.noteUnreadable(child.reader, 'child');
        readings.push([child, reading]);
      } catch (error) {
        if (!(error instanceof ProcessVanished)) throw error;
        (vanished ??= []).push(pid);
      }
    }
    // Credits are placed before any delta is taken: the parent may have reaped the child already.
    if (vanished !== null) this.forgetVanished(vanished, nowMs);
    const measurable = elapsed >= minimumRateSeconds || (options.final === true && !this.rated && elapsed > 0);
    const rateSpan = measurable ? elapsed : null;
    this.reapedTicks = 0;
    const result = this.accumulate(this.root, rootReading, rateSpan, time, nowMs);
    for (const [child, reading] of readings)
      addProcessSample(result, this.accumulate(child, reading, rateSpan, time, nowMs));
    if (rateSpan !== null) this.boundCpu(result, rateSpan);
    if (slowTier) this.slowTierReadAt = nowMs;
    if (slowTier && memoryMapTier) {
      const costMs = performance.now() - startedAt;
      this.proportionalSetSizeDueAt =
        nowMs + Math.max(proportionalSetSizeMinimumMs, costMs * proportionalSetSizeCostFactor);
    }
    const system = this.system.read(nowMs);
    result.systemCpu = system.systemCpu;
    result.systemMemoryUsed = system.systemMemoryUsed;
    result.systemMemoryTotal = system.systemMemoryTotal;
    result.loadAverage1m = system.loadAverage1m;
    if (rateSpan !== null) this.previousTimeMs = nowMs;
    return result;
  }

  /** Holds back the CPU above what the tree's threads and the CPUs allow, and shows what was held. */
  private boundCpu(result: ResourceSample, rateSpan: number): void {
    const cores = cpuBoundCores(result.threads, this.previousThreads, this.cpus, this.reapedTicks > 0);
    const bounded = boundCpu(result.cpuUser, result.cpuSystem, rateSpan, cores, this.cpuCarry);
    result.cpuUser = bounded.cpuUser;
    result.cpuSystem = bounded.cpuSystem;
    this.cpuCarry = bounded.carry;
    this.previousThreads = result.threads;
    this.rated = true;
  }

  takeExec(): TargetExec | null {
    const exec = this.exec;
    this.exec = null;
    return exec;
  }

  /** Keeps what the root's reader noticed: an exec (with its new command line) or lost access. */
  private noticeExec(nowMs: number): void {
    const reader = this.root.reader;
    if (reader.takeAccessLoss()) this.noteUnreadable(reader, 'root');
    const exec = reader.takeExec();
    if (exec === null) return;
    let commandLine = '';
    try {
      commandLine = readProcText(`/proc/${this.pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    } catch {
      // Unreadable or gone already: the command name alone names the new program.
    }
    this.exec = { command: exec.command, commandLine };
    // A new program is a new address space: read its PSS soon rather than in up to a minute.
    this.proportionalSetSizeDueAt = Math.min(this.proportionalSetSizeDueAt, nowMs + slowTierIntervalMs);
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
    nowMs: number,
  ): ResourceSample {
    const rates = rateSpan === null ? noRates : this.rates(tracked, reading, rateSpan, nowMs);
    if (rateSpan !== null) tracked.previous = reading;
    return processSample(time, rates, reading, tracked);
  }

  /** One process's rates since its previous reading; in a summed tree, with its reaped children's part. */
  private rates(tracked: Tracked, reading: ProcessReading, rateSpan: number, nowMs: number): ProcessRates {
    if (!this.includeChildren) return processRates(tracked.previous, reading, rateSpan);
    let counted = reapDeltas(tracked.previous, reading);
    if (tracked.credits.length > 0) {
      const applied = applyReapCredits(counted, tracked.credits, nowMs);
      counted = applied.counted;
      tracked.credits = applied.pending;
    }
    this.reapedTicks += counted.cpuTicks;
    return processRatesWithChildren(tracked.previous, reading, rateSpan, counted);
  }

  /**
   * Stops following children that have exited (or are zombies), each leaving its parent a credit for
   * what it was already counted with. `pids` is in discovery order, parents before their children, so
   * it is walked backwards: a grandchild's credit reaches its parent before that parent passes its own on.
   */
  private forgetVanished(pids: Pid[], nowMs: number): void {
    for (let index = pids.length - 1; index >= 0; index--) {
      const child = this.children.get(pids[index]!);
      if (child === undefined) continue;
      child.reader.close();
      this.children.delete(child.reader.pid);
      const parentPid = child.previous.parentPid;
      const parent = parentPid === this.pid ? this.root : this.children.get(parentPid);
      // A parent outside the tree (the child was reparented) is not summed: there is nothing to credit.
      parent?.credits.push(creditForVanished(child.previous, child.credits, nowMs));
    }
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

  /**
   * Follows new descendants and stops following those that left the tree: reaped since their last
   * reading (their parent gets their credit) or reparented while alive (no longer ours to sum).
   */
  private refreshChildren(nowMs: number): void {
    const previousListingMs = this.childrenFoundAt;
    const previousListingTicks = this.childrenFoundAtBootTicks;
    this.childrenFoundAt = nowMs;
    this.childrenFoundAtBootTicks = bootTicksNow();
    const current = new Set(findDescendants(this.pid));
    let vanished: Pid[] | null = null;
    for (const [pid, child] of this.children) {
      if (current.has(pid)) continue;
      // Asked of the process now, as the listing is: a feed's tick may be older than the reap.
      if (child.reader.hasExited()) {
        (vanished ??= []).push(pid);
      } else {
        child.reader.close();
        this.children.delete(pid);
      }
    }
    if (vanished !== null) this.forgetVanished(vanished, nowMs);
    for (const pid of current) {
      if (this.children.has(pid)) continue;
      let reader: ProcessReader | null = null;
      try {
        reader = new ProcessReader(pid);
        const reading = reader.read();
        if (this.feed !== null) reader.useFeed(this.feed);
        // A child born since the previous listing cannot have been counted yet (nobody has reaped
        // it), so it is counted from zero: its work so far lands in this sample, at most one listing
        // period late, rather than being lost. One that is older was there before the recording
        // started, or was reparented into the tree, and starts from now.
        const bornSinceListing = reading.startTicks >= Math.floor(previousListingTicks);
        const previous = bornSinceListing ? { ...reading, ...zeroCounters } : reading;
        const tracked: Tracked = { reader, previous, ...freshCarriedState() };
        // Switch counters count from zero too, so a child born this period has a rate at once.
        tracked.switches = bornSinceListing ? { voluntary: 0, involuntary: 0, atMs: previousListingMs } : null;
        this.children.set(pid, tracked);
        this.noteUnreadable(reader, 'child');
      } catch {
        // It exited (or is hidden) before it could be read: its parent's reap will count it.
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
