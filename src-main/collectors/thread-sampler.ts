// The thread sampler: every thread of a target (and of its descendants when the recording includes
// them) read from /proc/PID/task/TID/{status,schedstat,wchan,comm}, with CPU and switch rates since each
// thread's previous reading. The caller paces it (the recording: at most once a second, whatever its
// sample interval), and nothing here spawns a process. Like ProcessReader, each thread's files are
// opened once and re-read with pread, up to a budget of threads: a target with thousands of threads
// would otherwise run the recorder out of file descriptors, so threads past it are read by path.
// status and schedstat rather than stat: on a 50-thread target the kernel takes about twice as long
// to format the threads' stat lines as their status, and schedstat counts nanoseconds, not 10 ms ticks.
// Most threads of a big target sleep most of the time, so schedstat (the cheapest file) is read
// first: a thread that was not running and has had no CPU and no timeslice since its last reading
// cannot have changed state, switched or moved to another wait channel, and its last reading stands
// (with zero rates) without reading status or wchan. Only its name can change without it running
// (another thread may rename it: pthread_setname_np writes its comm), so every tenth sample, which
// reads every thread (below), reads such a thread's comm too (a 16-byte file, far cheaper than
// status) and reads it fully only when that differs from its name.
// Readings are never changed once made, so a thread asleep for several readings shares one.
// Idle threads are not even read every sample: one whose schedstat showed no run for 3 samples in a
// row is read every 2nd sample, past 6 every 4th (and at least every 4 s), its last reading carried
// with zero rates in between. What keeps that true is the process's own CPU, read every sample from
// /proc/PID/stat (utime+stime: every thread's, ended ones too; /proc/PID/schedstat is the main
// thread's only): when it is 2 ticks or more above what its threads' last readings account for
// (against a baseline taken when all its threads were last read together), every thread skipped is
// read in the same sample. A thread cannot change state, switch or move to another wait channel
// without running, so a carried reading can be wrong only after runs of the skipped threads that add
// up to less than 2 ticks since the baseline (up to 4 when utime and stime, each cut to a whole tick,
// are rounded against it: 20 to 40 ms), and for at most 4 samples (or 4 s). Every tenth sample reads
// every thread, and checks the names of those that slept through, as above.
// Listing /proc/PID/task costs more than reading every schedstat, so it is listed only when its
// link count (2 + the threads, kept open) differs from the threads followed, and every tenth sample.
// A same count with another thread set cannot go unseen: the count is taken before the reads, so a
// thread that ended fails its read, and the process is then listed again within the same sample; if
// it ended while skipped (idle), that read comes when it is next due, so within 4 samples, or at once
// when the process's CPU is unexplained (as when the thread that took its place works).
// A thread or process that vanished between two readings is dropped without a word: threads come
// and go all the time (pools grow and shrink), and a tid's open stat fails once its thread is gone.
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import type { ThreadIdentity, ThreadReading, ThreadSample } from '../../src-shared/diagnosis/threads';
import type { EpochMilliseconds, Pid } from '../../src-shared/units';
import { findDescendants } from './descendants';
import { userHz } from './proc/kernel';
import { parseProcessStat } from './proc/parse-process-stat';
import { ProcFile, readProcText } from './proc/proc-file';
import { parseTaskSchedstat, type TaskSchedstat } from './proc/parse-task-schedstat';
import { hasTaskName, parseTaskName, parseTaskStatus, type TaskStatus } from './proc/parse-task-status';
import { parseWaitChannel } from './proc/parse-task-wchan';
import { threadRates, type ThreadCounters } from './thread-rates';

/** Reads the threads of one target. */
export interface ThreadSampler {
  /** Every live thread now, stamped `time`; rates over `monotonicMs` (performance.now() scale) since each one's last reading. */
  sample(time: EpochMilliseconds, monotonicMs?: number): ThreadSample;
  /** Threads first seen or renamed since the last call, with their current names. */
  takeIdentities(): ThreadIdentity[];
  /** Closes every file held; the sampler cannot be used afterwards. */
  close(): void;
}

/** What to read. */
export interface ThreadSamplerOptions {
  pid: Pid;
  /** Read the threads of every descendant too. */
  includeChildren: boolean;
}

/** Samples in a row with no run before a thread is read every 2nd sample; twice as many, every 4th. */
const quietBeforeBackOff = 3;

/** The most samples a backed-off thread goes unread, and the longest time (ms). */
const longestStride = 4;
const longestSkipMs = 4000;

/** Process CPU (ticks) its threads' readings do not account for that makes every thread be read: cutting utime and stime to whole ticks loses up to 2. */
const unexplainedTicks = 2;

/** Threads whose files stay open (4 fds each: status, schedstat, wchan, comm); past it they are read by path. */
const openThreadBudget = 300;

/** Every this many samples each process is listed whatever its thread count, and every thread is read (see the top of the file). */
const listingPeriod = 10;

/** Where schedstat is read: three numbers of at most 20 digits, two spaces and a newline fit. */
const schedstatBytes = Buffer.allocUnsafe(128);

/** A thread's file: kept open (pread at offset 0) or, past the budget, opened for every read. */
class TaskFile {
  private readonly path: string;
  private readonly file: ProcFile | null;

  constructor(path: string, keepOpen: boolean) {
    this.path = path;
    this.file = keepOpen ? new ProcFile(path) : null;
  }

  read(): string {
    return this.file !== null ? this.file.read() : readProcText(this.path);
  }

  close(): void {
    this.file?.close();
  }
}

/** A thread's schedstat, read as bytes into `schedstatBytes`: kept open, or past the budget opened for every read. */
class SchedstatFile {
  private readonly path: string;
  private fd: number;

  constructor(path: string, keepOpen: boolean) {
    this.path = path;
    this.fd = keepOpen ? openSync(path, 'r') : -1;
  }

  /** Reads the file into `schedstatBytes`; returns the byte count. */
  read(): number {
    if (this.fd >= 0) return readSync(this.fd, schedstatBytes, 0, schedstatBytes.length, 0);
    const fd = openSync(this.path, 'r');
    try {
      return readSync(fd, schedstatBytes, 0, schedstatBytes.length, 0);
    } finally {
      closeSync(fd);
    }
  }

  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }
}

/** A process whose threads are followed: its task directory held open for its link count. */
interface ListedProcess {
  directory: number;
  /** How many of its threads are followed. */
  threads: number;
  /** The sample that last listed it (or found its count unchanged): one not listed by the current sample is let go. */
  listing: number;
  /** The last sample that found its count unchanged and skipped listing it. */
  unchanged: number;
  /** Its /proc/PID/stat, for the CPU of all its threads; null when it cannot be read. */
  stat: ProcFile | null;
  /** Its CPU (every thread, ended ones too) read by the current sample, ns; NaN when unknown. */
  cpuNanoseconds: number;
  /** Its threads' CPU at their last readings, ns (NaN where one is unknown). */
  accounted: number;
  /** Its CPU less its threads' CPU when all were last read together, ns; NaN before (or when unknown). */
  unaccounted: number;
  /** Its threads the current sample has not read yet (backed off). */
  skipped: TrackedThread[];
}

/** One thread followed, with its counters at its last reading. */
interface TrackedThread {
  tid: number;
  pid: Pid;
  /** As the status file reads (latin1); null until the first reading. */
  name: string | null;
  status: TaskFile;
  /** Null where the kernel keeps no schedstat (built without CONFIG_SCHED_INFO): CPU is then unknown. */
  schedstat: SchedstatFile | null;
  wchan: TaskFile;
  comm: TaskFile;
  kept: boolean;
  counters: ThreadCounters | null;
  /** Its last reading and schedstat. */
  last: ThreadReading | null;
  timeslices: number;
  /** Samples in a row whose schedstat (read or skipped) showed no run. */
  quiet: number;
  /** The sample and time (performance.now() ms) of its last read. */
  readAt: number;
  readAtMs: number;
  /** The listing that last saw it: a thread missing from the current one has ended. */
  seen: number;
  process: ListedProcess;
}

/** A thread sampler for this platform; null where there is no /proc (no thread data, no error). */
export function createThreadSampler(options: ThreadSamplerOptions): ThreadSampler | null {
  return existsSync('/proc/self/task') ? new ProcThreadSampler(options) : null;
}

class ProcThreadSampler implements ThreadSampler {
  private readonly pid: Pid;
  private readonly includeChildren: boolean;
  private readonly threads = new Map<number, TrackedThread>();
  private readonly processes = new Map<Pid, ListedProcess>();
  /** Threads first followed by the current listing, read at once when a process is listed again mid-sample. */
  private followed: TrackedThread[] = [];
  private identities: ThreadIdentity[] = [];
  private listing = 0;
  private openThreads = 0;
  // Reused for every thread: parsing must not allocate per thread.
  private readonly status: TaskStatus = { state: 'other', voluntarySwitches: null, involuntarySwitches: null };
  private readonly schedstat: TaskSchedstat = { runNanoseconds: 0, timeslices: 0 };

  constructor(options: ThreadSamplerOptions) {
    this.pid = options.pid;
    this.includeChildren = options.includeChildren;
  }

  sample(time: EpochMilliseconds, monotonicMs = performance.now()): ThreadSample {
    this.listing++;
    const full = this.listing % listingPeriod === 0;
    this.list(this.pid, full);
    if (this.includeChildren) for (const child of findDescendants(this.pid)) this.list(child, full);
    this.letGoOfUnlisted();
    const readings: ThreadReading[] = [];
    let relist: Set<ListedProcess> | null = null;
    for (const [tid, thread] of this.threads) {
      const { process } = thread;
      const listed = thread.seen === this.listing || process.unchanged === this.listing;
      if (listed && !full && this.mayBeSkipped(thread, monotonicMs)) {
        process.skipped.push(thread);
        continue;
      }
      const reading = listed ? this.read(thread, monotonicMs, full) : null;
      if (reading !== null) {
        readings.push(reading);
        continue;
      }
      if (process.unchanged === this.listing) (relist ??= new Set()).add(process);
      this.forget(thread);
      this.threads.delete(tid);
    }
    if (relist !== null) this.readReplacements(relist, readings, monotonicMs);
    this.settleSkipped(readings, monotonicMs);
    return { time, threads: readings };
  }

  takeIdentities(): ThreadIdentity[] {
    const taken = this.identities;
    this.identities = [];
    return taken;
  }

  close(): void {
    for (const thread of this.threads.values()) this.forget(thread);
    this.threads.clear();
    for (const process of this.processes.values()) {
      closeSync(process.directory);
      process.stat?.close();
    }
    this.processes.clear();
  }

  /**
   * Lists a process's threads, following the new ones, unless (`full` false) its thread count is the
   * number followed: then they all count as listed. A vanished process lists none.
   */
  private list(pid: Pid, full: boolean): void {
    let process = this.processes.get(pid);
    if (process === undefined) {
      try {
        process = {
          directory: openSync(`/proc/${pid}/task`, 'r'),
          threads: 0,
          listing: 0,
          unchanged: 0,
          stat: openStat(pid),
          cpuNanoseconds: Number.NaN,
          accounted: 0,
          unaccounted: Number.NaN,
          skipped: [],
        };
      } catch {
        return;
      }
      this.processes.set(pid, process);
    }
    process.listing = this.listing;
    process.cpuNanoseconds = processCpu(process.stat);
    if (!full && threadCount(process.directory) === process.threads) {
      process.unchanged = this.listing;
      return;
    }
    let entries: string[];
    try {
      entries = readdirSync(`/proc/${pid}/task`);
    } catch {
      return;
    }
    for (const entry of entries) {
      const tid = Number(entry);
      const known = this.threads.get(tid);
      if (known !== undefined) {
        known.seen = this.listing;
        continue;
      }
      const thread = this.follow(pid, tid, process);
      if (thread === null) continue;
      this.threads.set(tid, thread);
      this.followed.push(thread);
    }
  }

  /** Closes the task directories of processes the current sample did not list (ended, or no longer descendants). */
  private letGoOfUnlisted(): void {
    this.followed = [];
    for (const [pid, process] of this.processes) {
      if (process.listing === this.listing) continue;
      closeSync(process.directory);
      process.stat?.close();
      this.processes.delete(pid);
    }
  }

  /**
   * Lists again the processes where a thread ended while their count looked unchanged (another took
   * its place), and adds the readings of the threads that listing finds.
   */
  private readReplacements(processes: Set<ListedProcess>, readings: ThreadReading[], monotonicMs: number): void {
    for (const [pid, process] of this.processes) if (processes.has(process)) this.list(pid, true);
    for (const thread of this.followed) {
      const reading = this.read(thread, monotonicMs);
      if (reading !== null) {
        readings.push(reading);
        continue;
      }
      this.forget(thread);
      this.threads.delete(thread.tid);
    }
    this.followed = [];
  }

  /** Opens a new thread's files; null when it ended before they could be opened. */
  private follow(pid: Pid, tid: number, process: ListedProcess): TrackedThread | null {
    const base = `/proc/${pid}/task/${tid}/`;
    const kept = this.openThreads < openThreadBudget;
    let status: TaskFile | null = null;
    try {
      status = new TaskFile(base + 'status', kept);
      const wchan = new TaskFile(base + 'wchan', kept);
      const comm = new TaskFile(base + 'comm', kept);
      let schedstat: SchedstatFile | null = null;
      try {
        schedstat = new SchedstatFile(base + 'schedstat', kept);
      } catch {
        // No schedstat in this kernel (or the thread just ended, which the next read of status tells).
      }
      if (kept) this.openThreads++;
      process.threads++;
      return {
        tid,
        pid,
        name: null,
        status,
        schedstat,
        wchan,
        comm,
        kept,
        counters: null,
        last: null,
        timeslices: -1,
        quiet: 0,
        readAt: this.listing,
        readAtMs: 0,
        seen: this.listing,
        process,
      };
    } catch {
      status?.close();
      return null;
    }
  }

  private forget(thread: TrackedThread): void {
    thread.status.close();
    thread.schedstat?.close();
    thread.wchan.close();
    thread.comm.close();
    if (thread.kept) this.openThreads--;
    thread.process.threads--;
  }

  /**
   * One thread's reading; null when it has ended (its files fail or read as no status). With
   * `checkName`, one that slept through is read fully when its comm no longer reads as its name.
   */
  private read(thread: TrackedThread, monotonicMs: number, checkName = false): ThreadReading | null {
    let runNanoseconds: number | null = null;
    const schedstat = this.schedstat;
    thread.readAt = this.listing;
    thread.readAtMs = monotonicMs;
    try {
      if (thread.schedstat !== null && parseTaskSchedstat(schedstatBytes, thread.schedstat.read(), schedstat)) {
        runNanoseconds = schedstat.runNanoseconds;
        const ran = thread.counters?.cpuNanoseconds !== runNanoseconds || thread.timeslices !== schedstat.timeslices;
        thread.quiet = ran ? 0 : thread.quiet + 1;
        if (this.sleptThrough(thread, schedstat) && (!checkName || this.sameName(thread)))
          return this.carryOver(thread, monotonicMs);
      } else thread.quiet = 0;
    } catch {
      return null;
    }
    let text: string;
    try {
      text = thread.status.read();
    } catch {
      return null;
    }
    const status = this.status;
    if (!parseTaskStatus(text, status)) return null;
    if (thread.name === null || !hasTaskName(text, thread.name)) this.rename(thread, parseTaskName(text));
    let waitChannel: string | null = null;
    if (status.state !== 'running') {
      try {
        waitChannel = parseWaitChannel(thread.wchan.read());
      } catch {
        // Ended since its status was read: this reading still stands, the next listing drops it.
      }
    }
    const counters: ThreadCounters = {
      cpuNanoseconds: runNanoseconds,
      voluntarySwitches: status.voluntarySwitches,
      involuntarySwitches: status.involuntarySwitches,
      atMs: monotonicMs,
    };
    const rates = threadRates(thread.counters, counters);
    thread.counters = counters;
    thread.timeslices = runNanoseconds === null ? -1 : schedstat.timeslices;
    thread.last = { tid: thread.tid, pid: thread.pid, state: status.state, ...rates, waitChannel };
    return thread.last;
  }

  /** True when the thread was not running at its last reading and has not been given a CPU since. */
  private sleptThrough(thread: TrackedThread, schedstat: TaskSchedstat): boolean {
    const { last, counters } = thread;
    return (
      last !== null &&
      last.state !== 'running' &&
      counters?.cpuNanoseconds === schedstat.runNanoseconds &&
      thread.timeslices === schedstat.timeslices
    );
  }

  /**
   * True when the thread's comm still reads as its name. A comm that cannot be read says nothing here:
   * the full reading that follows finds out whether the thread has ended.
   */
  private sameName(thread: TrackedThread): boolean {
    let comm: string;
    try {
      comm = thread.comm.read();
    } catch {
      return false;
    }
    // comm ends with a newline; status escapes a few characters in the name, which then reads as
    // another name here and costs a full reading every tenth, no more.
    return comm.length === thread.name!.length + 1 && comm.startsWith(thread.name!);
  }

  /** True when the thread has been quiet long enough that this sample need not read it (see the top of the file). */
  private mayBeSkipped(thread: TrackedThread, monotonicMs: number): boolean {
    if (thread.quiet < quietBeforeBackOff || thread.last === null || thread.last.state === 'running') return false;
    if (Number.isNaN(thread.process.cpuNanoseconds)) return false;
    const stride = thread.quiet < 2 * quietBeforeBackOff ? 2 : longestStride;
    return this.listing - thread.readAt < stride && monotonicMs - thread.readAtMs < longestSkipMs;
  }

  /**
   * For each process, reads now the threads this sample skipped when its CPU is not accounted for by
   * its threads' readings, else carries their last readings; where every thread was read, takes the
   * baseline (its CPU less its threads').
   */
  private settleSkipped(readings: ThreadReading[], monotonicMs: number): void {
    this.addUpThreads();
    for (const process of this.processes.values()) {
      const { skipped } = process;
      if (skipped.length === 0) continue;
      process.skipped = [];
      const unexplained = process.cpuNanoseconds - process.accounted - process.unaccounted;
      if (unexplained < unexplainedTicks * tickNanoseconds) {
        for (const thread of skipped) {
          thread.quiet++;
          readings.push(this.carryOver(thread, monotonicMs));
        }
        process.accounted = Number.NaN;
        continue;
      }
      for (const thread of skipped) {
        const reading = this.read(thread, monotonicMs);
        if (reading !== null) readings.push(reading);
        else {
          this.forget(thread);
          this.threads.delete(thread.tid);
        }
      }
      process.accounted = 0;
      for (const thread of this.threads.values())
        if (thread.process === process) process.accounted += thread.counters?.cpuNanoseconds ?? Number.NaN;
    }
    // A process with a skipped thread kept NaN: its baseline holds until all its threads are read together.
    for (const process of this.processes.values())
      if (!Number.isNaN(process.accounted)) process.unaccounted = process.cpuNanoseconds - process.accounted;
  }

  /** Sets each process's `accounted` to the sum of its threads' CPU at their last readings. */
  private addUpThreads(): void {
    for (const process of this.processes.values()) process.accounted = 0;
    for (const thread of this.threads.values())
      thread.process.accounted += thread.counters?.cpuNanoseconds ?? Number.NaN;
  }

  /** The last reading again, with no CPU and no switches over the time since. */
  private carryOver(thread: TrackedThread, monotonicMs: number): ThreadReading {
    thread.counters!.atMs = monotonicMs;
    let last = thread.last!;
    if (last.cpu !== 0 || last.voluntarySwitchRate !== 0 || last.involuntarySwitchRate !== 0)
      last = { ...last, cpu: 0, voluntarySwitchRate: 0, involuntarySwitchRate: 0 };
    thread.last = last;
    return last;
  }

  /** Keeps a thread's new name (first seen or renamed with prctl) and notes it for the store. */
  private rename(thread: TrackedThread, latin1Name: string): void {
    // The file was decoded one char per byte; a name is UTF-8 (cut at 15 bytes, maybe mid-character).
    const name = Buffer.from(latin1Name, 'latin1').toString('utf8');
    thread.name = latin1Name;
    this.identities.push({ tid: thread.tid, pid: thread.pid, name });
  }
}

/** Nanoseconds in one clock tick. */
const tickNanoseconds = 1e9 / userHz;

/** A process's /proc/PID/stat kept open; null when it cannot be opened (the sampler then reads every thread). */
function openStat(pid: Pid): ProcFile | null {
  try {
    return new ProcFile(`/proc/${pid}/stat`);
  } catch {
    return null;
  }
}

/** The CPU of every thread of a process (ended ones too), ns, from its stat; NaN when unknown. */
function processCpu(stat: ProcFile | null): number {
  if (stat === null) return Number.NaN;
  let parsed;
  try {
    parsed = parseProcessStat(stat.read(true));
  } catch {
    return Number.NaN;
  }
  return parsed === null ? Number.NaN : (parsed.userTicks + parsed.systemTicks) * tickNanoseconds;
}

/** The threads of the process whose task directory is open at `directory` (its link count less . and ..); -1 when unknown. */
function threadCount(directory: number): number {
  try {
    return fstatSync(directory).nlink - 2;
  } catch {
    return -1;
  }
}
