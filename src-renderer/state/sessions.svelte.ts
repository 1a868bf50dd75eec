// The session list shared by the sidebar (count, recordings in progress) and the sessions screen,
// kept current by the engine's sessionDidChange / sessionDidDelete events. A session another
// Thermograph process records sends no events here, so while one is listed the list is reread.

import type { SessionSummary } from '../../src-shared/model/session';
import type { SessionId } from '../../src-shared/units';
import type { ApiClient } from '../api/client';

/** How often a list showing a recording of another Thermograph process is reread. */
export const elsewherePollMs = 2_500;

/** True while another Thermograph process records the session: no live events come for it. */
export function isRecordedElsewhere(session: SessionSummary): boolean {
  return session.status === 'recording' && session.recordedElsewhere !== undefined;
}

/** All sessions, newest first. */
export class SessionsState {
  sessions = $state<SessionSummary[]>([]);
  loaded = $state(false);
  /** The last load's error message, shown in place of the list. */
  error = $state<string | null>(null);
  readonly recording = $derived(this.sessions.filter((session) => session.status === 'recording'));
  #client: ApiClient;
  #poll: ReturnType<typeof setTimeout> | null = null;

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
    this.#watchElsewhere();
  }

  /** Adds or replaces one session, keeping the newest-first order. */
  upsert(session: SessionSummary): void {
    const index = this.sessions.findIndex((existing) => existing.id === session.id);
    if (index >= 0) this.sessions[index] = session;
    else this.sessions = [session, ...this.sessions].sort((left, right) => right.startedAt - left.startedAt);
    this.#watchElsewhere();
  }

  /** Rereads the list soon when a listed recording belongs to another process (its end comes no other way). */
  #watchElsewhere(): void {
    if (this.#poll || !this.sessions.some(isRecordedElsewhere)) return;
    this.#poll = setTimeout(() => {
      this.#poll = null;
      void this.load();
    }, elsewherePollMs);
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
