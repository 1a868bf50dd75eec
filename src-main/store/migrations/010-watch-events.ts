// Watching a recording (src-shared/model/watch.ts): the alerts it fired and cleared and the anomalies
// it found, one row each with the event as JSON, and the alert rules saved as a target's defaults
// (keyed like a baseline, by baselineTargetKey). A session's own rules live in its settings JSON.

import type { Migration } from './migration';

/** Schema version 10. */
export const watchEvents: Migration = {
  version: 10,
  name: 'watch events and alert defaults',
  up: `
    CREATE TABLE watch_events (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      time REAL NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('alert', 'anomaly')),
      event TEXT NOT NULL -- JSON AlertEvent or Anomaly
    ) STRICT;
    CREATE INDEX watch_events_by_time ON watch_events (session_id, time);
    CREATE TABLE target_alert_rules (
      target_key TEXT PRIMARY KEY,
      rules TEXT NOT NULL -- JSON AlertRule[]
    ) STRICT;
  `,
};
