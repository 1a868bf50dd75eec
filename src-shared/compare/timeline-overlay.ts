// The two timelines of a comparison, ready to overlay: for each side one representative session's
// timeline (a series is shown by its run of median wall time), with times counted from that
// session's start so both sides begin at 0. The Compare view draws it, the HTML report embeds it.

import type { MetricKey } from '../model/resource';
import type { Milliseconds, SessionId } from '../units';

/** A timeline whose times are milliseconds since its session started. */
export interface RelativeTimeline {
  /** Sample times since the session's start, increasing (about 0 for the first sample). */
  times: Float64Array;
  /** One series per metric with at least one value; NaN where a sample could not read it. */
  series: Partial<Record<MetricKey, Float64Array>>;
  /** From the session's start to its end (or its last sample, when that is later). */
  duration: Milliseconds;
  /** How many samples the session held before decimation. */
  rawCount: number;
  decimated: boolean;
}

/** How a side's representative session was chosen. */
export type RepresentativeChoice =
  /** The side is one session. */
  | 'only-session'
  /** The run whose wall time is the median of the side's runs (the lower one of two middle runs). */
  | 'median-wall-time'
  /** Some run has no wall time (attached, or stopped early): the median of the sessions' durations. */
  | 'median-duration';

/** One side of the overlay: which session is drawn, why, and its timeline. */
export interface OverlaySide {
  /** What the user named the side (an id, a name, a tag, "baseline"). */
  label: string;
  session: { id: SessionId; name: string };
  /** The drawn session's place among the side's sessions, oldest first (1-based), and their count. */
  run: number;
  runs: number;
  choice: RepresentativeChoice;
  /** The drawn session's wall time (or duration, per `choice`). */
  wallMs: Milliseconds;
  timeline: RelativeTimeline;
}

/** Both sides' timelines, aligned at their starts. */
export interface TimelineOverlay {
  baseline: OverlaySide;
  candidate: OverlaySide;
}
