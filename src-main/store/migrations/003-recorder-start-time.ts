// The recorder's start time beside its pid. A pid alone cannot tell a paused recorder from a dead
// one whose pid the kernel gave to another program; (pid, start time) names one process for as long
// as the machine runs, so crash recovery needs no guess from how long a session has been silent.

import type { Migration } from './migration';

/** Schema version 3. */
export const recorderStartTime: Migration = {
  version: 3,
  name: 'recorder start time',
  // Clock ticks after boot (/proc/PID/stat field 22). Null where /proc is absent, and for sessions
  // written before this step: recovery then falls back to whether the pid is alive.
  up: `ALTER TABLE sessions ADD COLUMN recorder_started_at INTEGER;`,
};
