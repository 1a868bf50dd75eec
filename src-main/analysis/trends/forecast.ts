// The forecast of a run metric 7 and 30 days ahead: a least-squares line through the sessions after
// the last change point (the level before it no longer describes the target), with the PREDICTION
// interval of one future session, ŷ ± t(n−2) · s · √(1 + 1/n + (x − x̄)² / Sxx) — not the narrower
// interval of the line's mean. It assumes independent noise of one spread around a straight line;
// the coverage this gives on synthetic histories is measured in test/unit/analysis/trends. It is
// only made when the history supports it: enough sessions over enough days, otherwise a reason.

import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { Forecast, ForecastPoint, HistoryPoint } from '../../../src-shared/model/trends';
import type { EpochMilliseconds } from '../../../src-shared/units';

/** One day in milliseconds. */
export const dayMs = 86_400_000;

/** What a forecast needs and what it forecasts. */
export interface ForecastOptions {
  /** Days ahead of `from` (default 7 and 30). */
  horizonsDays?: readonly number[];
  /** The fewest sessions (default 8). */
  minimumSessions?: number;
  /** The fewest days between the first and last session used (default 3). */
  minimumSpanDays?: number;
  /** The prediction interval's level (default 0.95). */
  level?: number;
  /** Where horizons count from (default the last session's time); the caller passes "now" if it wants. */
  from?: EpochMilliseconds;
  /** Clamp forecasts at 0 (default: when every value is ≥ 0, as times, sizes and counts are). */
  nonNegative?: boolean;
  /** Words after the session count in the reason, e.g. "since the last change point". */
  qualifier?: string;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function days(value: number): string {
  return `${Number(value.toFixed(1))} day${value === 1 ? '' : 's'}`;
}

/** The forecast from `history` (already cut after the last change point), or why there is none. */
export function forecast(history: readonly HistoryPoint[], options: ForecastOptions = {}): Forecast {
  // A line through two points leaves no residual to judge its spread by.
  const minimumSessions = Math.max(3, options.minimumSessions ?? 8);
  const minimumSpanDays = options.minimumSpanDays ?? 3;
  const level = options.level ?? 0.95;
  const count = history.length;
  const spanDays = count === 0 ? 0 : (history[count - 1]!.time - history[0]!.time) / dayMs;
  if (count < minimumSessions || spanDays < minimumSpanDays)
    return {
      ok: false,
      reason: `${plural(count, 'session')}${options.qualifier ? ` ${options.qualifier}` : ''} over ${days(spanDays)}; a forecast needs ≥ ${minimumSessions} over ≥ ${days(minimumSpanDays)}.`,
      sessions: count,
      spanDays,
    };
  const origin = history[0]!.time;
  const x = history.map((point) => (point.time - origin) / dayMs);
  const y = history.map((point) => point.value);
  const meanX = x.reduce((sum, value) => sum + value, 0) / count;
  const meanY = y.reduce((sum, value) => sum + value, 0) / count;
  let sxx = 0;
  let sxy = 0;
  for (let index = 0; index < count; index++) {
    sxx += (x[index]! - meanX) ** 2;
    sxy += (x[index]! - meanX) * (y[index]! - meanY);
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let squares = 0;
  for (let index = 0; index < count; index++) squares += (y[index]! - intercept - slope * x[index]!) ** 2;
  const spread = Math.sqrt(squares / (count - 2));
  const t = tQuantile((1 + level) / 2, count - 2);
  const from = options.from ?? history[count - 1]!.time;
  const floor = (options.nonNegative ?? y.every((value) => value >= 0)) ? 0 : -Infinity;
  const points: ForecastPoint[] = (options.horizonsDays ?? [7, 30]).map((horizonDays) => {
    const time = from + horizonDays * dayMs;
    const at = (time - origin) / dayMs;
    const estimate = intercept + slope * at;
    const half = t * spread * Math.sqrt(1 + 1 / count + (at - meanX) ** 2 / sxx);
    return {
      horizonDays,
      time,
      estimate: Math.max(floor, estimate),
      low: Math.max(floor, estimate - half),
      high: Math.max(floor, estimate + half),
      level,
    };
  });
  return { ok: true, slopePerDay: slope, points, sessions: count, spanDays, since: origin };
}
