// Timeline markers (target exited, recording stopped, notes) and an index that lets a range read
// find its chunks without walking every chunk of a long session.

import type { Migration } from './migration';

/** Schema version 2. */
export const markersAndTimeIndex: Migration = {
  version: 2,
  name: 'markers and sample time index',
  up: `
    CREATE TABLE session_markers (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      time REAL NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('target-exited', 'recording-stopped', 'error', 'child-started', 'note')),
      message TEXT NOT NULL
    ) STRICT;
    CREATE INDEX session_markers_by_time ON session_markers (session_id, time);

    CREATE INDEX sample_chunks_by_end ON sample_chunks (session_id, max_time);
    CREATE INDEX sessions_by_start ON sessions (started_at DESC, id DESC);
  `,
};
