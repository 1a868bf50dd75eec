// A py-spy an earlier engine left running (it crashed mid-recording) would sample its target until
// the target exits and leave its output folder behind. The journal entry names py-spy's pid, its
// start time (so a pid the kernel has since reused is never signalled) and the folder; the clean-up
// is the perf profiler's.

import { endLeftoverProcess, processIdentity } from '../perf/perf-leftover';
import type { LeftoverEntry } from '../profiler';

/** The prefix of the temporary folders py-spy writes its output into. */
export const pySpyFolderPrefix = 'thermograph-py-spy-';

/** The journal entry for a running py-spy, or null when it is already gone. */
export function pySpyLeftoverEntry(pid: number, directory: string): LeftoverEntry | null {
  const identity = processIdentity(pid);
  return identity && { kind: 'process', pid, startTicks: identity.startTicks, detail: { tool: 'py-spy', directory } };
}

/** True for a journal entry written by pySpyLeftoverEntry. */
export function isPySpyLeftover(entry: LeftoverEntry): boolean {
  return entry.kind === 'process' && entry.detail['tool'] === 'py-spy';
}

/** Ends a py-spy left by a crashed engine (if it is still that py-spy) and removes its folder. Never throws. */
export function cleanUpPySpyLeftover(entry: LeftoverEntry): Promise<void> {
  return endLeftoverProcess(entry, 'py-spy', pySpyFolderPrefix);
}
