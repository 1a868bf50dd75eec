// After a crash: the run an experiment was in when its engine died. The guardian ends it in the
// normal case; this is the second line, for when the guardian could not run (it failed to start).

import { readFileSync } from 'node:fs';
import { processGroupAlive } from '../../collectors/process-group';
import { parseProcessStat } from '../../collectors/proc/parse-process-stat';
import type { RunGroup } from '../../store/session-store';

/**
 * Ends what is left of a run's process group. Its leader is trusted only with its stored start time;
 * a group whose leader has exited is ended while it has members, since the kernel never gives a new
 * process a pid still in use as a group id.
 */
export function endAbandonedRunGroup(group: RunGroup | null): void {
  if (group === null || group.pid <= 1) return;
  const leader = leaderStartTicks(group.pid);
  const sameLeader = leader !== null && (group.startTicks === null || leader === group.startTicks);
  const orphaned = leader === null && processGroupAlive(group.pid);
  if (!sameLeader && !orphaned) return;
  try {
    process.kill(-group.pid, 'SIGKILL');
  } catch {
    // Gone meanwhile.
  }
}

function leaderStartTicks(pid: number): number | null {
  try {
    return parseProcessStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.startTicks ?? null;
  } catch {
    return null;
  }
}
