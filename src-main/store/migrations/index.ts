// The ordered list of schema steps. Add a step as the next numbered file and append it here; never
// edit or reorder a step that has shipped, because databases out there already ran it.

import { initialSchema } from './001-initial-schema';
import { markersAndTimeIndex } from './002-markers-and-time-index';
import { recorderStartTime } from './003-recorder-start-time';
import { profiles } from './004-profiles';
import { execMarkers } from './005-exec-markers';
import { recordingOverhead } from './006-recording-overhead';
import { runMetrics } from './007-run-metrics';
import { threadSamples } from './008-thread-samples';
import { experiments } from './009-experiments';
import { watchEvents } from './010-watch-events';
import { retention } from './011-retention';
import type { Migration } from './migration';

/** Every migration, in version order (version n is at index n - 1). */
export const migrations: readonly Migration[] = [
  initialSchema,
  markersAndTimeIndex,
  recorderStartTime,
  profiles,
  execMarkers,
  recordingOverhead,
  runMetrics,
  threadSamples,
  experiments,
  watchEvents,
  retention,
];

/** The schema version this build writes. */
export const latestSchemaVersion = migrations.length;
