// Trends in words and numbers, once for `thermograph trends` and the Trends view: a metric's label
// and unit, a value, a slope per day with its interval, a change point's before → after, and what a
// forecast rests on. Values follow Compare's formatting (a time as "412 ms", a size as "1.5 MiB").

import type { ComparedUnit } from '../compare/report';
import { runMetricDescriptors, type RunMetricName } from '../compare/run-metrics';
import type { ChangePoint, Forecast, ForecastPoint, TrendSlope } from '../model/trends';
import { formatDuration, formatMetric, significant } from './units';

/** The label of a trend metric: a run metric's ("Wall time"), or a printed metric's own name. */
export function trendMetricLabel(metric: string): string {
  if (metric.startsWith('output:')) return `${metric.slice('output:'.length)} (printed)`;
  return runMetricDescriptors[metric as RunMetricName]?.label ?? metric;
}

/** The unit a trend metric is measured in; a printed metric is a plain number. */
export function trendMetricUnit(metric: string): ComparedUnit {
  return runMetricDescriptors[metric as RunMetricName]?.unit ?? 'number';
}

/** A value of `metric` in its unit ("412 ms", "1.5 MiB", "93.2%", "1,234", "12.35"). */
export function formatTrendValue(value: number, metric: string): string {
  const unit = trendMetricUnit(metric);
  if (!Number.isFinite(value)) return '—';
  // A slope of a fraction of a millisecond a day must not read as "0 ms".
  if (unit === 'milliseconds') return Math.abs(value) < 10 ? `${significant(value)} ms` : formatDuration(value);
  if (unit === 'number') return String(Number(value.toPrecision(4)));
  return formatMetric(value, unit);
}

/** A signed amount of `metric` ("+12 ms", "−1.5 MiB", "0"), for slopes and their bounds. */
export function formatSignedTrendValue(value: number, metric: string): string {
  if (!Number.isFinite(value)) return '—';
  if (significant(value) === '0') return '0';
  return `${value > 0 ? '+' : '−'}${formatTrendValue(Math.abs(value), metric)}`;
}

/** A relative change (0.5 = 50 %) as "+50.0 %", with a true minus sign. */
export function formatTrendPercent(share: number): string {
  if (!Number.isFinite(share)) return '—';
  const percent = Math.abs(share * 100).toFixed(1);
  return percent === '0.0' ? '0.0 %' : `${share > 0 ? '+' : '−'}${percent} %`;
}

/** A p-value as Compare prints it: three decimals, "< 0.001" below. */
export function formatTrendP(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** "+1.2 ms/day [−0.5 ms, +3.1 ms] (95 % confidence, 12 sessions)". */
export function describeSlope(slope: TrendSlope, metric: string): string {
  const interval = `[${formatSignedTrendValue(slope.low, metric)}, ${formatSignedTrendValue(slope.high, metric)}]`;
  const confidence = `${(slope.confidence * 100).toFixed(1).replace(/\.0$/, '')} % confidence`;
  return `${formatSignedTrendValue(slope.perDay, metric)}/day ${interval} (${confidence}, ${slope.points} sessions)`;
}

/** A change point's parts: medians before and after (with their counts), the change with its interval, p. */
export function describeChangePoint(
  point: ChangePoint,
  metric: string,
): { before: string; after: string; change: string; interval: string; p: string } {
  const { baseline, candidate, change, p } = point.comparison;
  return {
    before: `${formatTrendValue(baseline.median, metric)} (n=${baseline.count})`,
    after: `${formatTrendValue(candidate.median, metric)} (n=${candidate.count})`,
    change: change ? formatTrendPercent(change.estimate) : '—',
    interval: change ? `[${formatTrendPercent(change.low)}, ${formatTrendPercent(change.high)}]` : '',
    p: formatTrendP(p),
  };
}

/** Why a history has no change point: too short to look for one (4 sessions a side), or none found. */
export function noChangePoints(sessions: number): string {
  if (sessions < 8)
    return `Not looked for yet: a change point needs at least 4 sessions on each side (${sessions} so far).`;
  return 'None found: the sessions stay at one level (or on one line).';
}

/** What a forecast rests on: "rests on 14 sessions over 12.5 days". */
export function forecastBasis(forecast: Forecast): string {
  const days = Number(forecast.spanDays.toFixed(1));
  return `rests on ${forecast.sessions} session${forecast.sessions === 1 ? '' : 's'} over ${days} day${days === 1 ? '' : 's'}`;
}

/** The forecast horizons people read (0, the line at the last session, is only where a chart's band starts). */
export function shownForecastPoints(forecast: Extract<Forecast, { ok: true }>): ForecastPoint[] {
  return forecast.points.filter((point) => point.horizonDays > 0);
}
