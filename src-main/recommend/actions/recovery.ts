// After a crash: the run an experiment was in when its engine died. The guardian ends it in the
// normal case; this is the second line, for when the guardian could not run (it failed to start).
// And what an experiment on a running process had changed (nice values, I/O priorities, CPU lists):
// its threads get their originals back.

import { processGroupAlive } from '../../collectors/process-group';
import type { LeftoverEntry } from '../../../src-shared/model/leftover';
import type { RunGroup } from '../../store/session-store';
import { journaledSetting } from './process-changes';
import { processStartTicks } from './process-threads';
import { restoreThreads } from './thread-setting';

/**
 * Ends what is left of a run's process group. Its leader is trusted only with its stored start time;
 * a group whose leader has exited is ended while it has members, since the kernel never gives a new
 * process a pid still in use as a group id.
 */
export function endAbandonedRunGroup(group: RunGroup | null): void {
  if (group === null || group.pid <= 1) return;
  const leader = processStartTicks(group.pid);
  const sameLeader = leader !== null && (group.startTicks === null || leader === group.startTicks);
  const orphaned = leader === null && processGroupAlive(group.pid);
  if (!sameLeader && !orphaned) return;
  try {
    process.kill(-group.pid, 'SIGKILL');
  } catch {
    // Gone meanwhile.
  }
}

/** True for a journal entry an experiment on a running process wrote (its threads' originals). */
export function isExperimentLeftover(entry: LeftoverEntry): boolean {
  return journaledSetting(entry.kind) !== null;
}

/**
 * Gives a running process's threads back the originals journaled before an experiment changed them,
 * when the pid is still the same process (its start time); another program that took the pid, or a
 * process that has exited, is left alone. Rejects, saying why, when a thread cannot be set.
 */
export async function restoreJournaledChange(entry: LeftoverEntry): Promise<void> {
  const setting = journaledSetting(entry.kind);
  if (setting === null || processStartTicks(entry.pid) !== entry.startTicks) return;
  const original = new Map(
    Object.entries(entry.detail).map(([tid, value]) => [Number(tid), setting.fromJournal(value)]),
  );
  await restoreThreads(setting, entry.pid, original);
}
