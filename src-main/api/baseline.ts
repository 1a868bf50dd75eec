// One baseline per target: marking a session as the baseline unmarks the other sessions of the same
// target, so `compare baseline X` and the sessions list name one run to compare against, not several.

import { baselineTargetKey } from '../../src-shared/model/baseline-target';
import type { SessionSummary } from '../../src-shared/model/session';
import type { SessionId } from '../../src-shared/units';
import type { SessionStore } from '../store/session-store';

export { baselineTargetKey };

/**
 * Marks or unmarks a session as its target's baseline; marking unmarks the target's previous baseline,
 * unless `alongside` (the second and later runs of a series, which together are one baseline).
 * `changed` is called for every session that changed (the others first), so listeners see each edit.
 */
export function markBaseline(
  store: SessionStore,
  sessionId: SessionId,
  baseline: boolean,
  changed: (session: SessionSummary) => SessionSummary,
  alongside = false,
): SessionSummary {
  const session = store.getSession(sessionId);
  if (baseline && !alongside && session) {
    const key = baselineTargetKey(session.target);
    for (const other of store.listSessions())
      if (other.baseline && other.id !== sessionId && baselineTargetKey(other.target) === key)
        changed(store.setBaseline(other.id, false));
  }
  return changed(store.setBaseline(sessionId, baseline));
}
