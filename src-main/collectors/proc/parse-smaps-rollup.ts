// /proc/PID/smaps_rollup: the sums of /proc/PID/smaps, documented in proc_pid_smaps_rollup(5).
// Producing it walks the process's page tables, so the sampler reads it on its slow tier.
import type { Bytes } from '../../../src-shared/units';
import { readKeyedKilobytes } from './proc-text';

/** The proportional set size (shared pages divided among their sharers) in bytes, or null. */
export function parseProportionalSetSize(text: string): Bytes | null {
  return readKeyedKilobytes(text, 'Pss:');
}
