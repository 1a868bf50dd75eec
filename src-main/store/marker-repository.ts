// Points of note on a session's timeline (target exited, recording stopped, errors, notes).

import type { Database, Statement } from 'better-sqlite3';
import type { SessionMarker } from '../../src-shared/model/session';

/** Adds and lists a session's markers. */
export class MarkerRepository {
  private readonly insert: Statement<[number, number, string, string]>;
  private readonly ofSession: Statement<[number]>;
  private readonly deleteMatching: Statement<[number, number, string, string]>;

  constructor(database: Database) {
    this.insert = database.prepare('INSERT INTO session_markers (session_id, time, kind, message) VALUES (?, ?, ?, ?)');
    this.ofSession = database.prepare(
      'SELECT time, kind, message FROM session_markers WHERE session_id = ? ORDER BY time, id',
    );
    this.deleteMatching = database.prepare(
      'DELETE FROM session_markers WHERE session_id = ? AND time = ? AND kind = ? AND message = ?',
    );
  }

  /** Adds a marker. */
  add(sessionId: number, marker: SessionMarker): void {
    this.insert.run(sessionId, marker.time, marker.kind, marker.message);
  }

  /** Removes the session's markers equal to `marker` (time, kind and message). */
  remove(sessionId: number, marker: SessionMarker): void {
    this.deleteMatching.run(sessionId, marker.time, marker.kind, marker.message);
  }

  /** The session's markers in time order. */
  list(sessionId: number): SessionMarker[] {
    return this.ofSession.all(sessionId) as SessionMarker[];
  }
}
