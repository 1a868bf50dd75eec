// Ending a perf process an earlier engine left running (it crashed mid-recording). The journal
// entry names the pid and its start time (field 22 of /proc/PID/stat), so a pid the kernel has
// since given to another program is never signalled.

import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseProcessStat } from '../../collectors/proc/parse-process-stat';
import type { LeftoverEntry } from '../profiler';

/** The prefix of the temporary folders perf recordings write into. */
export const temporaryPrefix = 'thermograph-perf-';

/** The start time (clock ticks after boot) and command name of a live process, or null. */
export function processIdentity(pid: number): { startTicks: number; command: string } | null {
  try {
    const stat = parseProcessStat(readFileSync(`/proc/${pid}/stat`, 'latin1'));
    return stat && stat.state !== 'Z' ? { startTicks: stat.startTicks, command: stat.command } : null;
  } catch {
    return null;
  }
}

/** The journal entry for a running perf (or austin) process, or null when it is already gone. */
export function perfLeftoverEntry(
  pid: number,
  directory: string | null,
  tool: 'perf' | 'austin' = 'perf',
): LeftoverEntry | null {
  const identity = processIdentity(pid);
  if (identity === null) return null;
  return { kind: 'process', pid, startTicks: identity.startTicks, detail: directory ? { tool, directory } : { tool } };
}

/**
 * Ends a perf (or austin) process left by a crashed engine, if pid and start time still match a
 * process of that tool, and removes its temporary folder. Never throws.
 */
export function cleanUpPerfLeftover(entry: LeftoverEntry): Promise<void> {
  return endLeftoverProcess(entry, entry.detail['tool'] === 'austin' ? 'austin' : 'perf', temporaryPrefix);
}

/**
 * Ends a profiler process (`tool`: its command name) left by a crashed engine, if pid and start
 * time still match, and removes its folder when it is a temporary folder named `folderPrefix…`.
 * Never throws. Shared with the py-spy profiler.
 */
export async function endLeftoverProcess(entry: LeftoverEntry, tool: string, folderPrefix: string): Promise<void> {
  const matches = (): boolean => {
    const identity = processIdentity(entry.pid);
    return identity !== null && identity.startTicks === entry.startTicks && identity.command.startsWith(tool);
  };
  if (entry.kind === 'process' && matches()) {
    try {
      // SIGINT first: perf then detaches from its target cleanly.
      process.kill(entry.pid, 'SIGINT');
      for (let attempt = 0; attempt < 50 && matches(); attempt++) await delay(20);
      if (matches()) {
        process.kill(entry.pid, 'SIGKILL');
        // A killed process lingers while the kernel tears it down (longer when it was writing its
        // file): the clean-up is done when it is gone, not when the signal is sent.
        for (let attempt = 0; attempt < 100 && matches(); attempt++) await delay(20);
      }
    } catch {
      // it exited meanwhile
    }
  }
  const directory = entry.detail['directory'];
  // Only ever remove a folder this module made: never trust a path read back from disk blindly.
  if (
    typeof directory === 'string' &&
    path.dirname(directory) === tmpdir() &&
    path.basename(directory).startsWith(folderPrefix)
  ) {
    rmSync(directory, { recursive: true, force: true });
  }
}
