// How a session's target reads in one line: "pid 4242 · node server.js".

import type { TargetDescription } from '../../../src-shared/model/session';
import { joinCommandLine } from '../new-recording/command-line';

/** The target as one line of text, pid first so it survives truncation: "pid 4242 · node server.js". */
export function targetLabel(target: TargetDescription): string {
  if (target.kind === 'pid') return `pid ${target.pid} · ${target.commandLine || target.name}`;
  if (target.kind === 'file') return `imported ${target.format} · ${target.path}`;
  const command = joinCommandLine(target.argv);
  return target.pid === null ? command : `pid ${target.pid} · ${command}`;
}

/** The runtime's display name. */
export function runtimeLabel(runtime: TargetDescription['runtime']): string {
  if (runtime === null) return 'Profile file';
  return runtime === 'node' ? 'Node.js' : runtime === 'python' ? 'Python' : 'Native';
}
