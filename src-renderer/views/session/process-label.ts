// What the session header calls the recorded process: its program's name and PID ("node · PID
// 4242"), so a header read later, or beside another recording, says which program it was.

import type { TargetDescription } from '../../../src-shared/model/session';

/** The program's short name: a process's name, or the launched executable's file name. */
function programName(target: TargetDescription): string {
  if (target.kind === 'pid') return target.name || (target.commandLine.split(/\s+/)[0] ?? '').split('/').pop() || '?';
  if (target.kind === 'command') return target.argv[0]?.split('/').pop() || '?';
  return target.path.split(/[/\\]/).pop() || target.path;
}

/** The header's process chip, and its tooltip (the whole command line); null for an imported file. */
export function processLabel(target: TargetDescription): { text: string; title: string } | null {
  if (target.kind === 'file') return null;
  const pid = target.pid;
  const name = programName(target);
  const commandLine = target.kind === 'pid' ? target.commandLine || target.name : target.argv.join(' ');
  return {
    text: pid === null ? name : `${name} · PID ${pid}`,
    title: pid === null ? `${commandLine} (not started)` : `PID ${pid}: ${commandLine}`,
  };
}
