// What recording a session cost Thermograph itself (RecordingOverhead, as JSON), stored when the
// recording ends; null for sessions recorded before, imported, or closed by crash recovery.

import type { Migration } from './migration';

/** Schema version 6. */
export const recordingOverhead: Migration = {
  version: 6,
  name: 'recording overhead',
  up: `ALTER TABLE sessions ADD COLUMN overhead TEXT;`,
};
