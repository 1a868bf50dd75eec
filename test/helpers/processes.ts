// Live processes found in /proc by their command line: what tests check to show nothing was left running.

import { readdirSync, readFileSync } from 'node:fs';

/** PIDs of live processes (other than this one) whose command line mentions `part`. */
export function processesWith(part: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(part);
      } catch {
        return false;
      }
    })
    .map(Number);
}
