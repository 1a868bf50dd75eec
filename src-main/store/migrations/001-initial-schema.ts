// Sessions, their tags, columnar sample chunks and captured output.
//
// Samples are stored column by column: a `sample_chunks` row says which samples a chunk holds and a
// `sample_columns` row holds one column of it ('time' is column -1, a metric is its index in
// metricKeys) as packed little-endian Float64 values, NaN standing for null. Reading 4 metrics of a
// million samples then reads 5 runs of blobs instead of a million rows.

import type { Migration } from './migration';

/** Schema version 1. */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up: `
    CREATE TABLE sessions (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      target TEXT NOT NULL,        -- JSON TargetDescription
      host TEXT NOT NULL,          -- JSON HostInfo
      settings TEXT NOT NULL,      -- JSON RecordingSettings
      status TEXT NOT NULL CHECK (status IN ('recording', 'ended')),
      started_at REAL NOT NULL,
      ended_at REAL,
      end_reason TEXT CHECK (end_reason IN ('user-stopped', 'target-exited', 'duration-elapsed', 'error', 'recovered-after-crash')),
      end_message TEXT,
      exit_code INTEGER,
      exit_signal TEXT,
      baseline INTEGER NOT NULL DEFAULT 0 CHECK (baseline IN (0, 1)),
      limitations TEXT NOT NULL DEFAULT '[]',  -- JSON SamplerLimitation[]
      -- The process that records this session, so crash recovery at start-up leaves alone a
      -- recording another live Thermograph (say, the CLI) is still writing.
      recorder_pid INTEGER
    ) STRICT;

    CREATE TABLE session_tags (
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      tag TEXT NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (session_id, tag)
    ) STRICT, WITHOUT ROWID;

    -- min_time/max_time rather than first/last: a wall clock may step back during a recording, and
    -- range reads stay correct as long as each chunk knows the span it covers.
    CREATE TABLE sample_chunks (
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      chunk INTEGER NOT NULL,
      min_time REAL NOT NULL,
      max_time REAL NOT NULL,
      count INTEGER NOT NULL CHECK (count > 0),
      PRIMARY KEY (session_id, chunk)
    ) STRICT, WITHOUT ROWID;

    -- A rowid table: blobs are kilobytes, which WITHOUT ROWID b-trees handle poorly. The unique key
    -- leads with (session_id, chunk) so the cascade from sample_chunks is an index lookup.
    -- A column that is null in every sample of a chunk has no row at all.
    CREATE TABLE sample_columns (
      session_id INTEGER NOT NULL,
      chunk INTEGER NOT NULL,
      column_index INTEGER NOT NULL,
      data BLOB NOT NULL,
      UNIQUE (session_id, chunk, column_index),
      FOREIGN KEY (session_id, chunk) REFERENCES sample_chunks (session_id, chunk) ON DELETE CASCADE
    ) STRICT;

    CREATE TABLE output_chunks (
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      sequence INTEGER NOT NULL,
      time REAL NOT NULL,
      stream TEXT NOT NULL CHECK (stream IN ('stdout', 'stderr')),
      text TEXT NOT NULL,
      PRIMARY KEY (session_id, sequence)
    ) STRICT;
  `,
};
