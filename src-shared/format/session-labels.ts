// How a session's target, runtime and end read for people: one wording for the CLI, the UI and the report.

import type { SessionSummary, TargetDescription } from '../model/session';
import { joinCommandLine } from './command-line';

/** The target as one line of text, pid first so it survives truncation: "pid 4242 · node server.js". */
export function targetLabel(target: TargetDescription): string {
  if (target.kind === 'pid') return `pid ${target.pid} · ${target.commandLine || target.name}`;
  if (target.kind === 'file') return `imported ${target.format} · ${target.path}`;
  const command = joinCommandLine(target.argv);
  return target.pid === null ? command : `pid ${target.pid} · ${command}`;
}

/** The runtime's display name ("Node.js", "Python", "Native"; "Profile file" for an import). */
export function runtimeLabel(runtime: TargetDescription['runtime']): string {
  switch (runtime) {
    case null:
      return 'Profile file';
    case 'node':
      return 'Node.js';
    case 'python':
      return 'Python';
    case 'native':
      return 'Native';
  }
}

/** A short phrase for how the session ended ("Target exited (code 1)"), or "Recording" while live. */
export function endLabel(session: SessionSummary): string {
  if (session.status === 'recording') return 'Recording';
  if (session.target.kind === 'file') return 'Imported';
  switch (session.endReason) {
    case 'user-stopped':
      return 'Stopped';
    case 'duration-elapsed':
      return 'Duration reached';
    case 'target-exited':
      if (session.exitCode !== null) return `Target exited (code ${session.exitCode})`;
      if (session.exitSignal !== null) return `Target killed (${session.exitSignal})`;
      return 'Target exited';
    case 'error':
      return 'Failed';
    case 'recovered-after-crash':
      return 'Recovered after crash';
    default:
      return 'Ended';
  }
}

/** endLabel followed by the stored sentence saying why, for one line of text (the UI shows it on hover). */
export function endDetail(session: SessionSummary): string {
  const label = endLabel(session);
  const message = session.status === 'recording' ? null : session.endMessage;
  if (!message) return label;
  // An import's message ("Imported from a.folded (folded).") already says what the label says.
  return message.startsWith(label) ? message : `${label} — ${message}`;
}

/** How alarming an end is: the tone of its badge. */
export type EndTone = 'live' | 'ok' | 'warning' | 'error';

/** The tone of a session's end: a failure is an error; a crash, a non-zero exit or a signal is a warning. */
export function endTone(session: SessionSummary): EndTone {
  if (session.status === 'recording') return 'live';
  if (session.endReason === 'error') return 'error';
  if (session.endReason === 'recovered-after-crash') return 'warning';
  if (session.endReason === 'target-exited' && ((session.exitCode ?? 0) !== 0 || session.exitSignal !== null))
    return 'warning';
  return 'ok';
}
