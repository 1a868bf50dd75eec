// After a crash: the run an experiment was in when its engine died. The guardian ends it in the
// normal case; this is the second line, for when the guardian could not run (it failed to start).
// And the priority an experiment on a running process had changed: its threads get their nice back.

import { processGroupAlive } from '../../collectors/process-group';
import type { LeftoverEntry } from '../../../src-shared/model/leftover';
import type { RunGroup } from '../../store/session-store';
import { processStartTicks, restoreThreadNice } from './thread-priority';

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

/**
 * Gives a running process's threads back the nice values journaled before an experiment changed them,
 * when the pid is still the same process (its start time); another program that took the pid, or a
 * process that has exited, is left alone.
 */
export function restoreJournaledPriority(entry: LeftoverEntry): void {
  if (entry.kind !== 'priority' || processStartTicks(entry.pid) !== entry.startTicks) return;
  const original = new Map(Object.entries(entry.detail).map(([tid, nice]) => [Number(tid), Number(nice)]));
  restoreThreadNice(entry.pid, original);
}
