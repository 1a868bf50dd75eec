// Experiments (src-shared/diagnosis/experiment.ts) and the launch presets they keep. An experiment
// outlives its session (SET NULL), so what a rule achieved on a target still ranks it after the
// session that suggested it is deleted. A preset entry is keyed by the launched command it applies to.

import type { Migration } from './migration';

/** Schema version 9. */
export const experiments: Migration = {
  version: 9,
  name: 'experiments and launch presets',
  up: `
    CREATE TABLE experiments (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
      recommendation_id TEXT NOT NULL,
      rule TEXT NOT NULL,
      diagnosis TEXT NOT NULL,
      title TEXT NOT NULL,
      action TEXT NOT NULL,           -- JSON Action
      target_key TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('running', 'kept', 'rolled-back', 'cancelled', 'failed', 'interrupted')),
      outcome TEXT NOT NULL,
      started_at REAL NOT NULL,
      ended_at REAL,
      planned_runs INTEGER NOT NULL,
      maximum_runs INTEGER NOT NULL,
      runs TEXT NOT NULL DEFAULT '[]', -- JSON ExperimentRun[]
      comparison TEXT,                 -- JSON RunsComparison
      verdict TEXT,
      -- The engine that runs it (pid and start time, as a session's recorder), so recovery at start-up
      -- leaves alone one that another live process runs.
      runner_pid INTEGER NOT NULL,
      runner_started_at INTEGER,
      -- The process group of the run in progress (its leader's pid and start time), so recovery can
      -- end it should the guardian have failed to; null between runs.
      run_group INTEGER,
      run_group_started_at INTEGER
    ) STRICT;
    CREATE INDEX experiments_by_target ON experiments (target_key);
    CREATE INDEX experiments_by_session ON experiments (session_id);

    CREATE TABLE launch_presets (
      target_key TEXT NOT NULL,
      action_key TEXT NOT NULL,        -- what the action changes: 'env:NAME', 'node-option:--flag', 'priority'
      action TEXT NOT NULL,            -- JSON Action
      experiment_id INTEGER REFERENCES experiments (id) ON DELETE SET NULL,
      added_at REAL NOT NULL,
      PRIMARY KEY (target_key, action_key)
    ) STRICT, WITHOUT ROWID;
  `,
};
