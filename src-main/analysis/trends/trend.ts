// A target's trend in one metric, put together: the change points of its history, the robust slope
// (Theil–Sen per day with Sen's interval, exact for few sessions) and the forecast over the sessions
// after the last change point, since the level before it no longer describes the target.

import type { HistoryPoint, TrendReport, TrendSlope } from '../../../src-shared/model/trends';
import { theilSen } from '../statistics/theil-sen';
import { changePoints, type ChangePointOptions } from './change-points';
import { dayMs, forecast, type ForecastOptions } from './forecast';

/** The fewest sessions a slope is given for: with 4, even Kendall's extremes hold it only 92 % of the time. */
const minimumSlopeSessions = 5;

/**
 * The Theil–Sen slope per day of `history` with its `level` interval (Kendall's exact law below 50
 * sessions without ties); null when fewer than 5 sessions or all at one time.
 */
export function trendSlope(history: readonly HistoryPoint[], level = 0.95): TrendSlope | null {
  if (history.length < minimumSlopeSessions) return null;
  const origin = history[0]!.time;
  const slope = theilSen(
    history.map((point) => (point.time - origin) / dayMs),
    history.map((point) => point.value),
    level,
    'auto',
  );
  if (!slope) return null;
  return {
    perDay: slope.perSecond,
    low: slope.low,
    high: slope.high,
    confidence: slope.confidence,
    method: slope.method,
    points: slope.points,
  };
}

/** The trend report of `history` (one metric of one target, oldest first). */
export function trendReport(
  metric: string,
  history: readonly HistoryPoint[],
  options: { changePoints?: ChangePointOptions; forecast?: ForecastOptions; level?: number } = {},
): TrendReport {
  const changes = changePoints(history, options.changePoints);
  const recent = history.slice(changes.at(-1)?.index ?? 0);
  const slope = trendSlope(recent, options.level);
  const since = changes.length > 0 ? ' since the last change point' : '';
  return {
    metric,
    history: [...history],
    slope,
    slopeReason: slope
      ? null
      : `${recent.length} session${recent.length === 1 ? '' : 's'}${since}; a trend needs ≥ ${minimumSlopeSessions} at different times.`,
    changePoints: changes,
    forecast: forecast(recent, { qualifier: since.trim() || undefined, ...options.forecast }),
  };
}
