// Retention (src-shared/model/retention.ts): the downsampled tier, pinned ranges and each session's
// retention settings.
//
// The tier is laid out like sample_chunks/sample_columns: a `bucket_chunks` row says which buckets a
// chunk holds, and a `bucket_columns` row holds one column of it as packed little-endian Float64.
// Column -1 holds (first sample time, last sample time, sample count) per bucket; column i (metric
// metricKeys[i]) holds (minimum, mean, maximum) per bucket, NaN when the metric had no value there.
// A metric with no value in a whole chunk has no row.

import type { Migration } from './migration';

/** Schema version 11. */
export const retention: Migration = {
  version: 11,
  name: 'retention tiers',
  up: `
    CREATE TABLE bucket_chunks (
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      chunk INTEGER NOT NULL,
      min_time REAL NOT NULL,
      max_time REAL NOT NULL,
      count INTEGER NOT NULL CHECK (count > 0), -- buckets
      samples INTEGER NOT NULL CHECK (samples > 0), -- samples the buckets stand for
      PRIMARY KEY (session_id, chunk)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE bucket_columns (
      session_id INTEGER NOT NULL,
      chunk INTEGER NOT NULL,
      column_index INTEGER NOT NULL,
      data BLOB NOT NULL,
      UNIQUE (session_id, chunk, column_index),
      FOREIGN KEY (session_id, chunk) REFERENCES bucket_chunks (session_id, chunk) ON DELETE CASCADE
    ) STRICT;

    CREATE TABLE pinned_ranges (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      from_time REAL NOT NULL,
      to_time REAL NOT NULL CHECK (to_time >= from_time),
      reason TEXT NOT NULL CHECK (reason IN ('alert', 'anomaly', 'user')),
      label TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX pinned_ranges_by_session ON pinned_ranges (session_id, from_time);

    -- One row per session whose retention was set or that was compacted. downsampled_before is where
    -- the last compaction stopped: samples before it (outside pins) are buckets, so the next one
    -- starts there.
    CREATE TABLE session_retention (
      session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
      full_detail_ms REAL,
      bucket_ms REAL,
      downsampled_before REAL
    ) STRICT;
  `,
};
