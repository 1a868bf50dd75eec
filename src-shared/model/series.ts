// A series: one launched command recorded several times in a row under one name, so a comparison has
// several runs a side. The engine runs it (src-main/sessions/series-runner.ts); each run is an
// ordinary session, and this is what the UI and the CLI are told about its progress.

import type { EpochMilliseconds, SessionId } from '../units';

/** Where a series stands: a run is being recorded, or the series is over (and how it ended). */
export type SeriesState = 'recording' | 'finished' | 'stopped' | 'failed';

/** A series' progress, sent when a run starts and once when the series is over. */
export interface SeriesProgress {
  /** Numbers the series within the engine that runs it (not stored: the runs are grouped by name). */
  seriesId: number;
  /** The name every run is recorded under; `thermograph compare` and the Compare view take it as a side. */
  seriesName: string;
  /** The current (or last) run, counted from 1 among the warm-up runs or among the measured runs. */
  run: number;
  /** How many runs of that kind there are: the warm-up runs, or the measured runs. */
  of: number;
  /** True while a warm-up run is recorded: it is deleted once it has ended. */
  warmUp: boolean;
  /** The current (or last) run's session; a warm-up's is deleted once it has ended. */
  sessionId: SessionId | null;
  /** When the current run started, for its elapsed time. */
  runStartedAt: EpochMilliseconds | null;
  /** Runs done so far, warm-ups included (not a run Stop cut short); `totalRuns` is warm-ups plus measured runs. */
  completedRuns: number;
  totalRuns: number;
  state: SeriesState;
  /** The runs kept so far, oldest first: the measured runs, and a failed run (warm-up or not) to show what went wrong. */
  sessionIds: SessionId[];
  /** Why a stopped or failed series ended early, in a sentence; null otherwise. */
  message: string | null;
}
