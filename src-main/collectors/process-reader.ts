// Reads one process's counters from /proc through fds opened once (see proc/proc-file.ts).
// stat and status are world-readable; io, smaps_rollup and fd/ are only readable by the owner or
// root, so they are optional and their absence is remembered instead of retried every sample.
import { readdirSync, statSync } from 'node:fs';
import type { Bytes, Pid } from '../../src-shared/units';
import { errorCode, isVanishedError, ProcFile } from './proc/proc-file';
import { parseProcessStat } from './proc/parse-process-stat';
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
  readonly access: ReaderAccess;
  private readonly stat: ProcFile;
  private readonly status: ProcFile;
  private readonly io: ProcFile | null;
  private readonly smapsRollup: ProcFile | null;
  private readonly fdPath: string;

  /** Opens the process's files; throws ENOENT (no such process) or EACCES (hidden by hidepid). */
  constructor(pid: Pid) {
    this.pid = pid;
    const base = `/proc/${pid}/`;
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

  private readFiles(): ProcessReading {
    const stat = parseProcessStat(this.stat.read());
    // A zombie has exited and only waits to be reaped: its counters are final and it uses nothing.
    if (stat === null || stat.state === 'Z' || stat.state === 'X') throw new ProcessVanished(this.pid);
    let readBytes = null;
    let writeBytes = null;
    let readSyscalls = null;
    let writeSyscalls = null;
    if (this.io !== null) {
      const io = this.io.read();
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
    if (this.smapsRollup === null) return null;
    try {
      return parseProportionalSetSize(this.smapsRollup.read());
    } catch (error) {
      if (isVanishedError(error)) throw new ProcessVanished(this.pid);
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
