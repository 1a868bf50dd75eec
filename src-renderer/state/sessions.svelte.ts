// The session list shared by the sidebar (count, recordings in progress) and the sessions screen,
// kept current by the engine's sessionDidChange / sessionDidDelete events.

import type { SessionSummary } from '../../src-shared/model/session';
import type { SessionId } from '../../src-shared/units';
import type { ApiClient } from '../api/client';

/** All sessions, newest first. */
export class SessionsState {
  sessions = $state<SessionSummary[]>([]);
  loaded = $state(false);
  /** The last load's error message, shown in place of the list. */
  error = $state<string | null>(null);
  readonly recording = $derived(this.sessions.filter((session) => session.status === 'recording'));
  #client: ApiClient;

  constructor(client: ApiClient) {
    this.#client = client;
    client.on('sessionDidChange', (session) => this.upsert(session));
    client.on('sessionDidDelete', ({ sessionId }) => this.remove(sessionId));
  }

  /** Reads the list from the engine (at start and after a reconnect). */
  async load(): Promise<void> {
    const result = await this.#client.api.listSessions({});
    if (result.ok) {
      this.sessions = [...result.value].sort((left, right) => right.startedAt - left.startedAt);
      this.error = null;
    } else {
      this.error = result.error.message;
    }
    this.loaded = true;
  }

  /** Adds or replaces one session, keeping the newest-first order. */
  upsert(session: SessionSummary): void {
    const index = this.sessions.findIndex((existing) => existing.id === session.id);
    if (index >= 0) this.sessions[index] = session;
    else this.sessions = [session, ...this.sessions].sort((left, right) => right.startedAt - left.startedAt);
  }

  /** Forgets a deleted session. */
  remove(sessionId: SessionId): void {
    this.sessions = this.sessions.filter((session) => session.id !== sessionId);
  }

  /** One session by id, when listed. */
  find(sessionId: SessionId): SessionSummary | undefined {
    return this.sessions.find((session) => session.id === sessionId);
  }
}
