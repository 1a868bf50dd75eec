// The disk I/O a running process does, for experiments on its I/O priority: read_bytes + write_bytes
// of /proc/PID/io (bytes it caused to be read from, or sent to, the storage layer; its threads and
// reaped children included; https://docs.kernel.org/filesystems/proc.html). A window's outcome is the
// milliseconds of window per MiB it did — inverse throughput, lower being better.

import { readFileSync } from 'node:fs';
import { parseProcessIo } from '../../collectors/proc/parse-process-io';
import type { WindowMeasure } from './window-measure';

const mebibyte = 1024 * 1024;

/** What a window measures for an I/O priority change. */
export const diskOutcome = 'milliseconds per MiB of disk I/O';

/** A window's milliseconds per MiB of disk I/O, to 0.01. A window without disk I/O has no value. */
export const diskMeasure: WindowMeasure<number> = {
  outcome: diskOutcome,
  read: readDiskBytes,
  value: (before, after, elapsedMs) => {
    const perMebibyte = millisecondsPerMebibyte(before, after, elapsedMs);
    return perMebibyte === null
      ? {
          none: 'it did no disk I/O in that window, so an I/O priority has nothing to order and no throughput to measure. Apply it while the program reads or writes',
        }
      : { value: Math.round(perMebibyte * 100) / 100 };
  },
};

/** The bytes a process has read from and written to storage so far; null once it is gone (or unreadable). */
export function readDiskBytes(pid: number): number | null {
  try {
    const io = parseProcessIo(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return io.readBytes === null || io.writeBytes === null ? null : io.readBytes + io.writeBytes;
  } catch {
    return null;
  }
}

/** Milliseconds of window per MiB of disk I/O; null when the window did none (or the counter went back). */
export function millisecondsPerMebibyte(before: number, after: number, elapsedMs: number): number | null {
  if (!(elapsedMs > 0)) throw new RangeError(`a window lasts more than 0 ms (got ${elapsedMs})`);
  const bytes = after - before;
  return bytes > 0 ? elapsedMs / (bytes / mebibyte) : null;
}
