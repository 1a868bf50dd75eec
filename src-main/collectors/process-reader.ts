// Reads one process's counters from /proc through fds opened once (see proc/proc-file.ts).
// stat and status are world-readable; io, smaps_rollup and fd/ are only readable by the owner or
// root, so they are optional and their absence is remembered instead of retried every sample.
//
// A process is its PID, not its program: after exec, the files bound to the old address space
// (smaps_rollup) fail with ESRCH although the process lives on. A failing read is therefore only
// "vanished" once stat (bound to the PID) says so too; otherwise the files are reopened and the exec
// is reported (takeExec). stat shows an exec by the program's code and stack addresses moving; a new
// command name alone is a rename (prctl), not an exec.
import { readdirSync, statSync } from 'node:fs';
import type { Bytes, Pid } from '../../src-shared/units';
import { errorCode, isVanishedError, ProcFile, readProcText, type ReadingFeed } from './proc/proc-file';
import { isLive, parseProcessStat, type ProcessStat } from './proc/parse-process-stat';
import { readKeyedNumber } from './proc/proc-text';
import { parseProportionalSetSize } from './proc/parse-smaps-rollup';
import { pageSize } from './proc/kernel';
import type { ProcessCounters } from './rates';

/** One process's reading: its cumulative counters plus its current sizes. */
export interface ProcessReading extends ProcessCounters {
  rssBytes: Bytes;
  virtualBytes: Bytes;
  threads: number;
  /** Start time after boot in clock ticks; tells a new child from one seen late. */
  startTicks: number;
  /** The parent now: the process a vanished child's credit goes to (see rates.ts, ReapCredit). */
  parentPid: Pid;
}

/** Thrown by ProcessReader.read when the process has exited (or is a zombie). */
export class ProcessVanished extends Error {
  constructor(pid: Pid) {
    super(`Process ${pid} has exited.`);
    this.name = 'ProcessVanished';
  }
}

/** What of a process's /proc entry the current user cannot read. */
export interface ReaderAccess {
  io: boolean;
  memoryMap: boolean;
  fileDescriptors: boolean;
}

/** What the reader noticed when its process replaced its program. */
export interface ProcessExec {
  /** The kernel's command name after the exec. */
  command: string;
}

/** True for a live kernel thread: its stat reads, with no address space (virtual size 0). */
export function isKernelThread(pid: Pid): boolean {
  try {
    const stat = parseProcessStat(readProcText(`/proc/${pid}/stat`));
    return isLive(stat) && stat.virtualBytes === 0;
  } catch {
    return false;
  }
}

/** Opens a /proc file that only the owner may read; null on EACCES/EPERM, rethrows anything else. */
function openPrivate(path: string): ProcFile | null {
  try {
    return new ProcFile(path);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EACCES' || code === 'EPERM') return null;
    throw error;
  }
}

/** Keeps the /proc files of one process open and reads them on demand. */
export class ProcessReader {
  readonly pid: Pid;
  /** What could be read; a file that stops being readable is given up and its flag cleared. */
  readonly access: ReaderAccess;
  private readonly stat: ProcFile;
  private readonly status: ProcFile;
  private io: ProcFile | null;
  private smapsRollup: ProcFile | null;
  private readonly fdPath: string;
  private readonly base: string;
  /** The command name of the last stat reading, named in the exec it reports. */
  private command: string | null = null;
  /** Where the last stat reading put the program's code and stack (see ProcessStat). */
  private startCode = 0;
  private startStack = 0;
  /** The start time of the process, from its first stat: a PID that starts anew is another process. */
  private startTicks: number | null = null;
  private pendingExec: ProcessExec | null = null;
  private accessLost = false;
  private feed: ReadingFeed | null = null;

  /** Opens the process's files; throws ENOENT (no such process) or EACCES (hidden by hidepid). */
  constructor(pid: Pid) {
    this.pid = pid;
    const base = `/proc/${pid}/`;
    this.base = base;
    this.stat = new ProcFile(base + 'stat');
    this.fdPath = base + 'fd';
    let status: ProcFile | null = null;
    let io: ProcFile | null = null;
    let smapsRollup: ProcFile | null = null;
    try {
      status = new ProcFile(base + 'status');
      io = openPrivate(base + 'io');
      smapsRollup = openPrivate(base + 'smaps_rollup');
      this.status = status;
      this.io = io;
      this.smapsRollup = smapsRollup;
      this.access = {
        io: io !== null,
        memoryMap: smapsRollup !== null,
        fileDescriptors: this.countFileDescriptors() !== null,
      };
    } catch (error) {
      for (const file of [this.stat, status, io, smapsRollup]) file?.close();
      throw error;
    }
  }

  /**
   * Reads stat and io; throws ProcessVanished when the process is gone or a zombie. Context
   * switches (status) are left null here: see readContextSwitches, read on the slow tier.
   */
  read(): ProcessReading {
    try {
      return this.readFiles();
    } catch (error) {
      if (error instanceof ProcessVanished || isVanishedError(error)) throw new ProcessVanished(this.pid);
      throw error;
    }
  }

  /**
   * Takes stat and io from a feed of earlier readings (see ReadingFeed), also for files reopened
   * after an exec. Status, smaps_rollup and fd/ are read once a second and stay read here.
   */
  useFeed(feed: ReadingFeed): void {
    this.feed = feed;
    this.stat.useFeed(feed);
    this.io?.useFeed(feed);
  }

  /**
   * True when the process has exited (or is a zombie) now. Read from the file itself, never from a
   * feed's reading of an earlier tick: the caller compares it with a listing of descendants taken now.
   */
  hasExited(): boolean {
    try {
      const stat = parseProcessStat(this.stat.read(true));
      if (!isLive(stat)) return true;
      return this.startTicks !== null && stat.startTicks !== this.startTicks;
    } catch (error) {
      if (isVanishedError(error)) return true;
      throw error;
    }
  }

  /** The exec noticed since the last call, if any (the last one when there were several). */
  takeExec(): ProcessExec | null {
    const exec = this.pendingExec;
    this.pendingExec = null;
    return exec;
  }

  /** True once after a file that opened could no longer be read (see `access` for which). */
  takeAccessLoss(): boolean {
    const lost = this.accessLost;
    this.accessLost = false;
    return lost;
  }

  /** Parsed stat; throws ProcessVanished when the process is gone or a zombie. Notes an exec. */
  private readStat(): ProcessStat {
    const stat = parseProcessStat(this.stat.read());
    // A zombie has exited and only waits to be reaped: its counters are final and it uses nothing.
    if (!isLive(stat)) throw new ProcessVanished(this.pid);
    // A feed opens the path anew, so it could meet a successor that took the PID: not this process.
    if (this.startTicks !== null && stat.startTicks !== this.startTicks) throw new ProcessVanished(this.pid);
    this.startTicks = stat.startTicks;
    // An exec maps a new program: its code and stack move (ASLR moves them even for the same binary).
    // A name change alone is a rename (Node.js 24 renames its main thread "MainThread" as it starts).
    const replaced =
      this.command !== null && (stat.startCode !== this.startCode || stat.startStack !== this.startStack);
    this.command = stat.command;
    this.startCode = stat.startCode;
    this.startStack = stat.startStack;
    if (replaced) this.programReplaced();
    return stat;
  }

  /**
   * After an exec: notes it, and reopens the owner-only files, which were bound to the old program.
   * With a feed, io is kept unless `reopenIo`: its counters are the task's and go on through an exec
   * (its old fd still reads them), and the feed holds that fd's readings of every tick taken since,
   * while a new file has none and would read now for a tick up to a second old (a burst of the
   * batch's I/O, then zeros). A failing read of the old fd reopens it (readPrivate).
   */
  private programReplaced(reopenIo = this.feed === null): void {
    this.pendingExec = { command: this.command ?? '' };
    for (const [name, file] of [
      ['io', 'io'],
      ['smapsRollup', 'smaps_rollup'],
    ] as const) {
      if (this[name] === null || (name === 'io' && !reopenIo)) continue;
      this[name].close();
      // The new program may be one this user cannot read (a setuid binary): then it is given up.
      this[name] = openPrivate(this.base + file);
      if (this[name] === null) this.loseAccess(name);
      else if (name === 'io' && this.feed !== null) this[name].useFeed(this.feed);
    }
  }

  private loseAccess(name: 'io' | 'smapsRollup'): void {
    this.access[name === 'io' ? 'io' : 'memoryMap'] = false;
    this.accessLost = true;
  }

  /**
   * Reads one of the owner-only files. ESRCH/ENOENT while stat still reads means an exec replaced
   * the address space the fd was bound to: the file is reopened and read again, and the exec noted
   * even when the command name stayed the same. EACCES/EPERM at read time (the kernel checks ptrace
   * access on every read of io, so PID 1 of a container opens but does not read) degrades like a
   * failed open: the metric is given up and reported. Returns null for an unreadable file.
   */
  private readPrivate(name: 'io' | 'smapsRollup'): string | null {
    const file = this[name];
    if (file === null) return null;
    try {
      return file.read();
    } catch (error) {
      if (isVanishedError(error)) {
        // Throws ProcessVanished when the process is gone; reopens the files when its addresses moved.
        this.readStat();
        // stat saw the same addresses (no ASLR, the same binary): the failed read is the only sign of the exec.
        if (this[name] === file) this.programReplaced(true);
        return this[name]?.read() ?? null;
      }
      const code = errorCode(error);
      if (code !== 'EACCES' && code !== 'EPERM') throw error;
      file.close();
      this[name] = null;
      this.loseAccess(name);
      return null;
    }
  }

  private readFiles(): ProcessReading {
    const stat = this.readStat();
    let readBytes = null;
    let writeBytes = null;
    let readSyscalls = null;
    let writeSyscalls = null;
    const io = this.readPrivate('io');
    if (io !== null) {
      // rchar/wchar (bytes through read/write syscalls) rather than read_bytes/write_bytes
      // (storage only): they show what the program does even when the page cache or a pipe serves it.
      readBytes = readKeyedNumber(io, 'rchar:');
      writeBytes = readKeyedNumber(io, 'wchar:');
      readSyscalls = readKeyedNumber(io, 'syscr:');
      writeSyscalls = readKeyedNumber(io, 'syscw:');
    }
    return {
      userTicks: stat.userTicks,
      systemTicks: stat.systemTicks,
      childUserTicks: stat.childUserTicks,
      childSystemTicks: stat.childSystemTicks,
      minorFaults: stat.minorFaults,
      majorFaults: stat.majorFaults,
      voluntarySwitches: null,
      involuntarySwitches: null,
      readBytes,
      writeBytes,
      readSyscalls,
      writeSyscalls,
      rssBytes: stat.rssPages * pageSize(),
      virtualBytes: stat.virtualBytes,
      threads: stat.threads,
      startTicks: stat.startTicks,
      parentPid: stat.parentPid,
    };
  }

  /**
   * The cumulative context switches from status. The kernel formats all of status (~55 lines) to
   * answer, so the sampler reads it once a second rather than every sample.
   */
  readContextSwitches(): { voluntary: number | null; involuntary: number | null } {
    try {
      const status = this.status.read();
      return {
        voluntary: readKeyedNumber(status, 'voluntary_ctxt_switches:'),
        involuntary: readKeyedNumber(status, 'nonvoluntary_ctxt_switches:'),
      };
    } catch (error) {
      if (isVanishedError(error)) throw new ProcessVanished(this.pid);
      throw error;
    }
  }

  /** The proportional set size; null when unreadable. Costly (a page-table walk): call rarely. */
  readProportionalSetSize(): Bytes | null {
    try {
      const text = this.readPrivate('smapsRollup');
      return text === null ? null : parseProportionalSetSize(text);
    } catch (error) {
      if (error instanceof ProcessVanished || isVanishedError(error)) throw new ProcessVanished(this.pid);
      return null;
    }
  }

  /**
   * The number of open file descriptors; null when unreadable. Since Linux 6.2 stat() of
   * /proc/PID/fd reports the count as its size, which avoids listing the directory.
   */
  countFileDescriptors(): number | null {
    try {
      const size = statSync(this.fdPath).size;
      return size > 0 ? size : readdirSync(this.fdPath).length;
    } catch (error) {
      if (isVanishedError(error)) throw new ProcessVanished(this.pid);
      return null;
    }
  }

  /** Closes every fd this reader holds. */
  close(): void {
    this.stat.close();
    this.status.close();
    this.io?.close();
    this.smapsRollup?.close();
  }
}
