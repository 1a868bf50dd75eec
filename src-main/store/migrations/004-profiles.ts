// Profiles stored beside their session, the profiler's status, and a journal of what profilers
// opened in targets (so a restart after a crash can close it).
//
// A profile is one encoded blob (see store/profile-encoding.ts) plus its summary as JSON, so lists
// and headers never read the samples.

import type { Migration } from './migration';

/** Schema version 4. */
export const profiles: Migration = {
  version: 4,
  name: 'profiles',
  up: `
    ALTER TABLE sessions ADD COLUMN profiler_status TEXT;  -- JSON ProfilerStatus, null without a profiler

    CREATE TABLE profiles (
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('cpu', 'allocation')),
      summary TEXT NOT NULL,        -- JSON ProfileSummary
      encoding INTEGER NOT NULL,    -- version of the blob's layout
      data BLOB NOT NULL,
      PRIMARY KEY (session_id, kind)
    ) STRICT;

    CREATE TABLE profiler_leftovers (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,           -- 'inspector' | 'process'
      pid INTEGER NOT NULL,
      start_ticks INTEGER NOT NULL, -- /proc/PID/stat field 22: guards against pid reuse
      detail TEXT NOT NULL,         -- JSON, profiler-specific
      recorder_pid INTEGER NOT NULL,
      recorder_started_at INTEGER
    ) STRICT;
  `,
};
