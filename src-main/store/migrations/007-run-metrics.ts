// A run's figures for comparisons (RunMetrics, as JSON), computed and stored when its recording
// ends, so comparing series reads no samples; null for older, imported or crashed sessions, which a
// comparison computes from their samples instead.

import type { Migration } from './migration';

/** Schema version 7. */
export const runMetrics: Migration = {
  version: 7,
  name: 'run metrics',
  up: `ALTER TABLE sessions ADD COLUMN run_metrics TEXT;`,
};
