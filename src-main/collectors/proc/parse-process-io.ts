// /proc/PID/io: "key: value" lines, documented in proc_pid_io(5). Readable only by the process's
// owner (or root): for another user's process the open fails with EACCES.
import type { Bytes } from '../../../src-shared/units';
import { readKeyedNumber } from './proc-text';

/** Cumulative I/O counters of one process; null where a line is missing (truncated file). */
export interface ProcessIo {
  /** Bytes passed to read-like syscalls, whether served from the page cache, a pipe or a disk. */
  readChars: Bytes | null;
  writeChars: Bytes | null;
  readSyscalls: number | null;
  writeSyscalls: number | null;
  /** Bytes fetched from the storage layer. */
  readBytes: Bytes | null;
  /** Bytes sent to the storage layer (counted when pages are dirtied). */
  writeBytes: Bytes | null;
}

/** Parses /proc/PID/io. */
export function parseProcessIo(text: string): ProcessIo {
  return {
    readChars: readKeyedNumber(text, 'rchar:'),
    writeChars: readKeyedNumber(text, 'wchar:'),
    readSyscalls: readKeyedNumber(text, 'syscr:'),
    writeSyscalls: readKeyedNumber(text, 'syscw:'),
    readBytes: readKeyedNumber(text, 'read_bytes:'),
    writeBytes: readKeyedNumber(text, 'write_bytes:'),
  };
}
