// A marker for a target that replaced its program with exec (a shell wrapper running its command,
// `npm run`, `env`): the recording follows the PID through it and marks where it happened. SQLite
// cannot alter a CHECK constraint, so the markers table is rebuilt with the wider list of kinds.

import type { Migration } from './migration';

/** Schema version 5. */
export const execMarkers: Migration = {
  version: 5,
  name: 'exec markers',
  up: `
    CREATE TABLE session_markers_with_exec (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      time REAL NOT NULL,
      kind TEXT NOT NULL
        CHECK (kind IN ('target-exited', 'target-exec', 'recording-stopped', 'error', 'child-started', 'note')),
      message TEXT NOT NULL
    ) STRICT;
    INSERT INTO session_markers_with_exec (id, session_id, time, kind, message)
      SELECT id, session_id, time, kind, message FROM session_markers;
    DROP TABLE session_markers;
    ALTER TABLE session_markers_with_exec RENAME TO session_markers;
    CREATE INDEX session_markers_by_time ON session_markers (session_id, time);
  `,
};
