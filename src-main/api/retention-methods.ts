// The retention half of the API: how long a session keeps full detail, its pinned ranges, and
// changing them. An ended session is compacted to new settings at once (counted back from its end);
// a recording's next compaction (at most a minute away) applies them.

import type { ApiImplementation } from '../../src-shared/api/contract';
import type { SessionSummary } from '../../src-shared/model/session';
import type { SessionId } from '../../src-shared/units';
import type { SessionStore } from '../store/session-store';

/** What the retention methods need from the engine. */
export interface RetentionMethodServices {
  store: SessionStore;
  /** The session, or a not-found error. */
  existing: (sessionId: SessionId) => SessionSummary;
}

/** getRetention, setRetention and pinRange. */
export function createRetentionMethods(
  services: RetentionMethodServices,
): Pick<ApiImplementation, 'getRetention' | 'setRetention' | 'pinRange'> {
  const { store, existing } = services;
  return {
    getRetention: ({ sessionId }) => {
      existing(sessionId);
      return store.getRetention(sessionId);
    },
    setRetention: ({ sessionId, fullDetailMs, bucketMs }) => {
      const session = existing(sessionId);
      store.setRetention(sessionId, { fullDetailMs, bucketMs });
      if (session.status === 'ended' && session.endedAt !== null) downsampleFully(store, sessionId, session.endedAt);
      return store.getRetention(sessionId);
    },
    pinRange: ({ sessionId, from, to, reason, label }) => {
      existing(sessionId);
      store.pinRange(sessionId, { from, to, reason, label });
      return store.getRetention(sessionId);
    },
  };
}

/** Compacts the session up to `now` however many bounded calls it takes. */
export function downsampleFully(store: SessionStore, sessionId: SessionId, now: number): void {
  while (store.downsampleSession(sessionId, now).more);
}
