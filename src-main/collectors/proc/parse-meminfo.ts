// /proc/meminfo: "Key:   value kB" lines, documented in proc_meminfo(5).
import type { Bytes } from '../../../src-shared/units';
import { readKeyedKilobytes } from './proc-text';

/** The machine's memory: total, and available for new work without swapping. */
export interface MemoryInfo {
  totalBytes: Bytes | null;
  availableBytes: Bytes | null;
}

/** Parses /proc/meminfo. */
export function parseMemoryInfo(text: string): MemoryInfo {
  return {
    totalBytes: readKeyedKilobytes(text, 'MemTotal:'),
    availableBytes: readKeyedKilobytes(text, 'MemAvailable:'),
  };
}
