// The thread sampler: every thread of a target (and of its descendants when the recording includes
// them) read from /proc/PID/task/TID/{status,schedstat,wchan}, with CPU and switch rates since each
// thread's previous reading. The caller paces it (the recording: at most once a second, whatever its
// sample interval), and nothing here spawns a process. Like ProcessReader, each thread's files are
// opened once and re-read with pread, up to a budget of threads: a target with thousands of threads
// would otherwise run the recorder out of file descriptors, so threads past it are read by path.
// status and schedstat rather than stat: on a 50-thread target the kernel takes about twice as long
// to format the threads' stat lines as their status, and schedstat counts nanoseconds, not 10 ms ticks.
// Most threads of a big target sleep most of the time, so schedstat (the cheapest file) is read
// first: a thread that was not running and has had no CPU and no timeslice since its last reading
// cannot have changed state, switched or moved to another wait channel, and its last reading stands
// (with zero rates) without reading status or wchan. Every tenth reading of a thread is full anyway,
// since another thread may rename it (pthread_setname_np writes its comm) without it running.
// A thread or process that vanished between two readings is dropped without a word: threads come
// and go all the time (pools grow and shrink), and a tid's open stat fails once its thread is gone.
import { existsSync, readdirSync } from 'node:fs';
import type { ThreadIdentity, ThreadReading, ThreadSample } from '../../src-shared/diagnosis/threads';
import type { EpochMilliseconds, Pid } from '../../src-shared/units';
import { findDescendants } from './descendants';
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

/** A thread's readings past a full one that may be carried over before the next full one. */
const carriedReadings = 9;

/** Threads whose files stay open (3 fds each: status, schedstat, wchan); past it they are read by path. */
const openThreadBudget = 400;

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

/** One thread followed, with its counters at its last reading. */
interface TrackedThread {
  tid: number;
  pid: Pid;
  /** As the status file reads (latin1); null until the first reading. */
  name: string | null;
  status: TaskFile;
  /** Null where the kernel keeps no schedstat (built without CONFIG_SCHED_INFO): CPU is then unknown. */
  schedstat: TaskFile | null;
  wchan: TaskFile;
  kept: boolean;
  counters: ThreadCounters | null;
  /** Its last reading and schedstat, and how many readings were carried over since the last full one. */
  last: ThreadReading | null;
  timeslices: number;
  carried: number;
  /** The listing that last saw it: a thread missing from the current one has ended. */
  seen: number;
}

/** A thread sampler for this platform; null where there is no /proc (no thread data, no error). */
export function createThreadSampler(options: ThreadSamplerOptions): ThreadSampler | null {
  return existsSync('/proc/self/task') ? new ProcThreadSampler(options) : null;
}

class ProcThreadSampler implements ThreadSampler {
  private readonly pid: Pid;
  private readonly includeChildren: boolean;
  private readonly threads = new Map<number, TrackedThread>();
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
    this.list(this.pid);
    if (this.includeChildren) for (const child of findDescendants(this.pid)) this.list(child);
    const readings: ThreadReading[] = [];
    for (const [tid, thread] of this.threads) {
      const reading = thread.seen === this.listing ? this.read(thread, monotonicMs) : null;
      if (reading !== null) {
        readings.push(reading);
        continue;
      }
      this.forget(thread);
      this.threads.delete(tid);
    }
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
  }

  /** Lists a process's threads, following the new ones; a vanished process lists none. */
  private list(pid: Pid): void {
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
      const thread = this.follow(pid, tid);
      if (thread !== null) this.threads.set(tid, thread);
    }
  }

  /** Opens a new thread's files; null when it ended before they could be opened. */
  private follow(pid: Pid, tid: number): TrackedThread | null {
    const base = `/proc/${pid}/task/${tid}/`;
    const kept = this.openThreads < openThreadBudget;
    let status: TaskFile | null = null;
    try {
      status = new TaskFile(base + 'status', kept);
      const wchan = new TaskFile(base + 'wchan', kept);
      let schedstat: TaskFile | null = null;
      try {
        schedstat = new TaskFile(base + 'schedstat', kept);
      } catch {
        // No schedstat in this kernel (or the thread just ended, which the next read of status tells).
      }
      if (kept) this.openThreads++;
      return {
        tid,
        pid,
        name: null,
        status,
        schedstat,
        wchan,
        kept,
        counters: null,
        last: null,
        timeslices: -1,
        carried: 0,
        seen: this.listing,
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
    if (thread.kept) this.openThreads--;
  }

  /** One thread's reading; null when it has ended (its files fail or read as no status). */
  private read(thread: TrackedThread, monotonicMs: number): ThreadReading | null {
    let runNanoseconds: number | null = null;
    const schedstat = this.schedstat;
    try {
      if (thread.schedstat !== null && parseTaskSchedstat(thread.schedstat.read(), schedstat)) {
        runNanoseconds = schedstat.runNanoseconds;
        if (this.sleptThrough(thread, schedstat)) return this.carryOver(thread, monotonicMs);
      }
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
    thread.carried = 0;
    thread.last = { tid: thread.tid, pid: thread.pid, state: status.state, ...rates, waitChannel };
    return thread.last;
  }

  /** True when the thread was not running at its last reading and has not been given a CPU since. */
  private sleptThrough(thread: TrackedThread, schedstat: TaskSchedstat): boolean {
    const { last, counters } = thread;
    return (
      last !== null &&
      last.state !== 'running' &&
      thread.carried < carriedReadings &&
      counters?.cpuNanoseconds === schedstat.runNanoseconds &&
      thread.timeslices === schedstat.timeslices
    );
  }

  /** The last reading again, with no CPU and no switches over the time since. */
  private carryOver(thread: TrackedThread, monotonicMs: number): ThreadReading {
    thread.carried++;
    thread.counters!.atMs = monotonicMs;
    const { last } = thread;
    thread.last = { ...last!, cpu: 0, voluntarySwitchRate: 0, involuntarySwitchRate: 0 };
    return thread.last;
  }

  /** Keeps a thread's new name (first seen or renamed with prctl) and notes it for the store. */
  private rename(thread: TrackedThread, latin1Name: string): void {
    // The file was decoded one char per byte; a name is UTF-8 (cut at 15 bytes, maybe mid-character).
    const name = Buffer.from(latin1Name, 'latin1').toString('utf8');
    thread.name = latin1Name;
    this.identities.push({ tid: thread.tid, pid: thread.pid, name });
  }
}
