// The pure half of the timeline overlay: which session stands for a side, and its timeline moved
// to start at 0, so two recordings made at different times share one time axis.

import type { RelativeTimeline, RepresentativeChoice } from '../../../src-shared/compare/timeline-overlay';
import type { TimelineView } from '../../../src-shared/timeline/view';
import type { EpochMilliseconds, Milliseconds } from '../../../src-shared/units';

/** What choosing a side's representative needs of each of its sessions. */
export interface RunTiming {
  /** The launched command's wall time; null when there is none (attached, stopped early). */
  wallMs: Milliseconds | null;
  /** From the session's start to its end. */
  durationMs: Milliseconds;
}

/** The session chosen to stand for a side. */
export interface Representative {
  /** Its index in the side's sessions. */
  index: number;
  choice: RepresentativeChoice;
  /** The figure it was chosen by (its wall time, or its duration). */
  wallMs: Milliseconds;
}

/**
 * The run of median wall time: a typical run, not the fastest or the slowest, so the overlay shows
 * what the side usually does. With an even count, the lower of the two middle runs (a real run,
 * rather than an average no run had). When any run lacks a wall time, durations are used for all,
 * so every run is ranked by one measure. `runs` must not be empty.
 */
export function representativeRun(runs: readonly RunTiming[]): Representative {
  if (runs.length === 0) throw new RangeError('a side has at least one session');
  if (runs.length === 1) return { index: 0, choice: 'only-session', wallMs: runs[0]!.wallMs ?? runs[0]!.durationMs };
  const byWall = runs.every((run) => run.wallMs !== null);
  const figure = (run: RunTiming) => (byWall ? run.wallMs! : run.durationMs);
  // Equal figures keep the older run first (Array.prototype.sort is stable).
  const order = runs.map((_, index) => index).sort((left, right) => figure(runs[left]!) - figure(runs[right]!));
  const index = order[Math.floor((order.length - 1) / 2)]!;
  return { index, choice: byWall ? 'median-wall-time' : 'median-duration', wallMs: figure(runs[index]!) };
}

/**
 * A session's timeline with times counted from `origin` (its start): two sessions recorded hours
 * apart then line up at 0. The duration reaches the session's end, past its last sample when the
 * target exited between samples.
 */
export function relativeTimeline(view: TimelineView, origin: EpochMilliseconds): RelativeTimeline {
  const times = view.times.map((time) => time - origin);
  const lastSample = times.length > 0 ? times[times.length - 1]! : 0;
  return {
    times,
    series: view.series,
    duration: Math.max(view.sessionTo - origin, lastSample),
    rawCount: view.rawCount,
    decimated: view.decimated,
  };
}
