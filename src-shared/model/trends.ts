// What the trends across sessions answer (analysis/trends computes them; the CLI, the Trends view and
// the report show them): a target's history of one run metric, its robust trend, the change points
// where it moved, and a forecast with a prediction interval; and, inside one session, when memory
// reaches a limit. Every answer that the data cannot support is a reason, never a number.

import type { Interval, RunsComparison } from '../compare/report';
import type { EpochMilliseconds, Milliseconds, SessionId } from '../units';

/** One session's value of the metric: a point of the target's history. */
export interface HistoryPoint {
  sessionId: SessionId;
  /** When the session started. */
  time: EpochMilliseconds;
  value: number;
}

/** A Theil–Sen slope per day with its interval. */
export interface TrendSlope {
  /** Metric units per day. */
  perDay: number;
  low: number;
  high: number;
  /** The interval's attained confidence. */
  confidence: number;
  /** 'exact': Kendall's exact law (few sessions, no ties); 'normal': its normal approximation with ties. */
  method: 'normal' | 'exact';
  /** Sessions it rests on. */
  points: number;
}

/** Where the metric moved: the first session of the new level, with both sides compared. */
export interface ChangePoint {
  /** Index in the history of the first point after the change. */
  index: number;
  sessionId: SessionId;
  time: EpochMilliseconds;
  /** The segments on each side (from the previous change point to the next), as Compare judges them. */
  comparison: RunsComparison;
}

/** A forecast's value at one horizon, with its prediction interval (where one more session would fall). */
export interface ForecastPoint {
  horizonDays: number;
  time: EpochMilliseconds;
  estimate: number;
  /** The prediction interval for one future session, not the interval of the line's mean. */
  low: number;
  high: number;
  level: number;
}

/** A forecast, or why there is none. */
export type Forecast =
  | {
      ok: true;
      /** The fitted line's slope (least squares) per day. */
      slopePerDay: number;
      points: ForecastPoint[];
      /** The history it rests on: sessions after the last change point, and the days they span. */
      sessions: number;
      spanDays: number;
      /** The first session it uses (after the last change point). */
      since: EpochMilliseconds;
    }
  | { ok: false; reason: string; sessions: number; spanDays: number };

/** A target's trend in one metric. */
export interface TrendReport {
  metric: string;
  history: HistoryPoint[];
  /** The trend over the segment after the last change point; null (with `slopeReason`) when too short. */
  slope: TrendSlope | null;
  slopeReason: string | null;
  changePoints: ChangePoint[];
  forecast: Forecast;
}

/** When a growing memory series reaches a limit, or why that cannot be told. */
export type TimeToLimit =
  | {
      status: 'growing';
      /** Bytes per second with its interval (Theil–Sen over the recent window). */
      slope: Interval;
      /** The level now, on the fitted line at the last reading. */
      currentBytes: number;
      limitBytes: number;
      /** From the last reading until the line reaches the limit; low and high from the slope's bounds. */
      remainingMs: Milliseconds;
      remainingLowMs: Milliseconds;
      remainingHighMs: Milliseconds;
      windowMs: Milliseconds;
      readings: number;
    }
  | {
      status: 'not-growing' | 'not-enough-data' | 'at-limit';
      reason: string;
      windowMs: Milliseconds;
      readings: number;
    };

/** The memory limit a process runs under: its cgroup's tightest, or the machine's memory. */
export interface MemoryLimit {
  bytes: number;
  source: 'cgroup' | 'system';
  /** The cgroup whose limit it is; null for the machine's memory. */
  cgroup: string | null;
}

/** A session's memory forecast: RSS against its limit at the recent slope. */
export interface MemoryForecast {
  limit: MemoryLimit;
  forecast: TimeToLimit;
}
