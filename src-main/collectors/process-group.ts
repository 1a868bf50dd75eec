// Whether a process group still has running members. Zombies do not count: an orphan that has
// exited waits for PID 1 to reap it, which some containers' init does late, and a zombie holds no
// pipes and uses nothing.

import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** True when a process of this group is alive (not a zombie); uses /proc where it exists. */
export function processGroupAlive(group: number): boolean {
  if (!existsSync('/proc/self/stat')) return signalsReach(group);
  for (const entry of readdirSync('/proc')) {
    const first = entry.charCodeAt(0);
    if (first < 48 || first > 57) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
    } catch {
      continue; // exited while we looked
    }
    // After the command name's closing parenthesis: state, parent pid, process group.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ', 3);
    if (Number(fields[2]) === group && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

function signalsReach(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}
