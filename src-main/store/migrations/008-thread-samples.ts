// Per-thread readings (src-shared/diagnosis/threads.ts), once a second: one row per reading holding
// every thread's state, CPU and switch rates packed in a blob, and one row per thread for its name.
// WITHOUT ROWID: the key is the only index, so a reading's insert writes one B-tree, not two.

import type { Migration } from './migration';

/** Schema version 8. */
export const threadSamples: Migration = {
  version: 8,
  name: 'thread samples',
  up: `
    CREATE TABLE thread_samples (
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      time REAL NOT NULL,
      readings BLOB NOT NULL,
      PRIMARY KEY (session_id, time)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE session_threads (
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      tid INTEGER NOT NULL,
      pid INTEGER NOT NULL,
      name TEXT NOT NULL,
      PRIMARY KEY (session_id, tid)
    ) STRICT, WITHOUT ROWID;
  `,
};
