// One baseline per target: which sessions are "the same target", and the side that names a session's
// target's baseline for Compare. Pure, shared by the engine (marking) and the UI (Compare links).

import type { SessionSummary, TargetDescription } from './session';

/**
 * What makes two sessions "the same target": a launched command by its argv and folder, a running
 * process by its command line (its PID changes between runs), an imported profile by its file.
 */
export function baselineTargetKey(target: TargetDescription): string {
  if (target.kind === 'command') return JSON.stringify(['command', target.argv, target.cwd]);
  if (target.kind === 'pid') return JSON.stringify(['process', target.commandLine || target.name]);
  return JSON.stringify(['file', target.path]);
}

/**
 * The Compare side holding `session`'s target's baseline: its id, or the series name when the
 * baseline is a whole series (every ended session of that name is marked); null when the target has
 * no ended baseline or `session` is part of it.
 */
export function targetBaselineSide(session: SessionSummary, sessions: readonly SessionSummary[]): string | null {
  if (session.baseline) return null;
  const key = baselineTargetKey(session.target);
  const marked = sessions.filter(
    (other) => other.baseline && other.status === 'ended' && baselineTargetKey(other.target) === key,
  );
  if (marked.length === 0) return null;
  const name = marked[0]!.name;
  const named = sessions.filter((other) => other.status === 'ended' && other.name === name);
  if (marked.length > 1 && named.length === marked.length && named.every((other) => other.baseline)) return name;
  return String(marked.reduce((newest, other) => (other.startedAt > newest.startedAt ? other : newest)).id);
}
