// Reading /proc without reopening: a /proc file opened once can be re-read with pread at offset 0
// (the kernel regenerates it), which skips the open/fstat/close that readFileSync pays each time.
// An fd of /proc/PID/... stays bound to that process: once it exits, reads fail with ESRCH even
// if the PID has been reused, so a vanished process can never be mistaken for its successor.
import { closeSync, openSync, readSync } from 'node:fs';
import { constants } from 'node:os';

/**
 * Readings of files taken earlier by someone else (the reading pump, sessions/reading-pump.ts): a
 * file that has one for the moment being sampled returns it instead of reading now.
 */
export interface ReadingFeed {
  /** Starts taking readings of this file (from its next tick on). */
  watch(file: ProcFile): void;
  /** Stops taking readings of this file. */
  forget(file: ProcFile): void;
  /** The file's reading for the moment being sampled: its text, an errno, or undefined for none. */
  readingOf(file: ProcFile): string | number | undefined;
}

/** An fs-style error for an errno the feed reported, so callers handle it like their own read's. */
function feedError(errno: number, path: string): Error {
  const code = Object.entries(constants.errno).find(([, value]) => value === errno)?.[0] ?? 'EIO';
  return Object.assign(new Error(`${code}: reading ${path} failed`), { code, errno: -errno });
}

// One buffer for every read on this thread; sized for the largest file usually read (/proc/stat
// on a many-core machine) and grown when a file does not fit.
let shared = Buffer.allocUnsafe(64 * 1024);

/** Reads the file behind an open fd from offset 0 into the shared buffer; returns the byte count. */
function readWhole(fd: number): number {
  let length = readSync(fd, shared, 0, shared.length, 0);
  while (length === shared.length) {
    const larger = Buffer.allocUnsafe(shared.length * 2);
    shared.copy(larger, 0, 0, length);
    shared = larger;
    length += readSync(fd, shared, length, shared.length - length, length);
  }
  return length;
}

/** A /proc file kept open and re-read from its start on every `read()`. */
export class ProcFile {
  readonly path: string;
  private fd: number;
  private feed: ReadingFeed | null = null;

  /** Opens the file; throws the fs error (ENOENT, EACCES, …) when it cannot. */
  constructor(path: string) {
    this.path = path;
    this.fd = openSync(path, 'r');
  }

  /**
   * The file's contents, decoded as latin1 (one char per byte, which is cheapest): the feed's reading
   * for the moment being sampled where it has one, else (or when `now`) read from the file now.
   */
  read(now = false): string {
    const reading = now ? undefined : this.feed?.readingOf(this);
    if (typeof reading === 'string') return reading;
    if (typeof reading === 'number') throw feedError(reading, this.path);
    const length = readWhole(this.fd);
    return shared.toString('latin1', 0, length);
  }

  /** Takes readings from a feed from now on, reading itself only when the feed has none. */
  useFeed(feed: ReadingFeed): void {
    if (this.fd < 0 || this.feed === feed) return;
    this.feed = feed;
    feed.watch(this);
  }

  /** Closes the fd; further reads throw. */
  close(): void {
    if (this.fd < 0) return;
    this.feed?.forget(this);
    this.feed = null;
    closeSync(this.fd);
    this.fd = -1;
  }
}

/** Reads a /proc file once (open, read, close) without the fstat of readFileSync. */
export function readProcText(path: string, encoding: 'latin1' | 'utf8' = 'latin1'): string {
  const fd = openSync(path, 'r');
  try {
    const length = readWhole(fd);
    return shared.toString(encoding, 0, length);
  } finally {
    closeSync(fd);
  }
}

/** The error code of a thrown fs error, or undefined. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/** True for the errors that mean "this process no longer exists". */
export function isVanishedError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ESRCH' || code === 'ENOENT';
}
