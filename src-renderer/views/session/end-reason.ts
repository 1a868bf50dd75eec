// How a session's end reads for people.

import type { SessionSummary } from '../../../src-shared/model/session';

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

/** The tone a badge for the end uses. */
export function endTone(session: SessionSummary): 'live' | 'ok' | 'warning' | 'error' {
  if (session.status === 'recording') return 'live';
  if (session.endReason === 'error') return 'error';
  if (session.endReason === 'recovered-after-crash') return 'warning';
  if (session.endReason === 'target-exited' && ((session.exitCode ?? 0) !== 0 || session.exitSignal !== null))
    return 'warning';
  return 'ok';
}
