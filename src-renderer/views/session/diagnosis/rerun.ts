// The recording of a session's launched command again, with the same settings: what "Verify a fix"
// starts once the user changed the code, to compare the new run against this one.

import type { StartRecordingInput } from '../../../../src-shared/api/params';
import type { SessionSummary } from '../../../../src-shared/model/session';
import { recordedSettings } from '../record-again';

/** Params that record the session's command again under a name of its own; null when it was not launched. */
export function rerunInput(session: SessionSummary): StartRecordingInput | null {
  const target = session.target;
  if (target.kind !== 'command') return null;
  return {
    target: { kind: 'command', argv: target.argv, cwd: target.cwd, env: target.env },
    ...recordedSettings(session),
    // Not the session's own name: a shared name would make the two runs one series.
    name: `${session.name} — fix`,
  };
}
