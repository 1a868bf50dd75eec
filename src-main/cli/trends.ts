// `thermograph trends [TARGET]`: without TARGET the targets with their sessions, with it one target's
// history of a run metric, its trend per day, its change points and the 7/30-day forecast (or why
// there is none), as text or as JSON (schemaVersion 1). The statistics are analysis/trends'.

import type { ApiValue, ThermographInProcessApi } from '../../src-shared/api/contract';
import {
  describeChangePoint,
  describeSlope,
  forecastBasis,
  formatTrendValue,
  noChangePoints,
  shownForecastPoints,
  trendMetricLabel,
} from '../../src-shared/format/trend';
import { formatDateTime } from '../../src-shared/format/units';
import type { TrendTarget } from '../../src-shared/model/trend-target';
import type { Command } from './arguments';

/** The history rows printed in text; --json has them all. */
const shownHistoryRows = 40;

/** Runs `trends`; returns the exit code. */
export async function runTrends(
  api: ThermographInProcessApi,
  command: Extract<Command, { name: 'trends' }>,
): Promise<number> {
  if (command.target === null) {
    const targets = await api.listTrendTargets({});
    process.stdout.write(
      command.json ? `${JSON.stringify({ schemaVersion: 1, targets })}\n` : `${targetsText(targets)}\n`,
    );
    return 0;
  }
  const trend = await api.getTrend({
    target: command.target,
    metric: command.metric,
    ...(command.pattern === null ? {} : { pattern: command.pattern }),
  });
  process.stdout.write(command.json ? `${JSON.stringify({ schemaVersion: 1, trend })}\n` : `${trendText(trend)}\n`);
  return 0;
}

/** Aligned columns. */
function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
}

/** The list of targets. */
export function targetsText(targets: readonly TrendTarget[]): string {
  if (targets.length === 0)
    return 'No ended sessions yet. Record the same command several times, e.g. `thermograph record -- node bench.js`, then run `thermograph trends`.';
  const rows = [['SESSION', 'NAME', 'SESSIONS', 'FIRST', 'LAST', 'TARGET']];
  for (const target of targets)
    rows.push([
      String(target.newestSessionId),
      target.name,
      String(target.sessions),
      formatDateTime(target.first),
      formatDateTime(target.last),
      target.label,
    ]);
  return [
    ...columns(rows),
    '',
    "One target's trend: `thermograph trends SESSION` (any session of it), or its name or command line.",
  ].join('\n');
}

/** One target's trend. */
export function trendText(trend: ApiValue<'getTrend'>): string {
  const { target, metric, history } = trend;
  const label = trendMetricLabel(metric);
  const lines = [
    `${label} of "${target.name}": ${history.length} session${history.length === 1 ? '' : 's'} with a value`,
    `  target  ${target.label}`,
  ];
  if (history.length === 0) {
    const measured = target.metrics.length > 0 ? target.metrics.join(', ') : 'none';
    lines.push(
      `No session of this target has a value of ${metric}. Metrics its sessions measured: ${measured}; pick one with --metric.`,
    );
    return lines.join('\n');
  }
  if (trend.leftOut > 0) lines.push(`(${trend.leftOut} older sessions left out: a trend uses the newest 1,000.)`);
  const starts = new Set(trend.changePoints.map((point) => point.index));
  const first = Math.max(0, history.length - shownHistoryRows);
  const rows = [['', 'TIME', 'SESSION', 'VALUE']];
  history.slice(first).forEach((point, offset) => {
    rows.push([
      starts.has(first + offset) ? '▶' : '',
      formatDateTime(point.time),
      String(point.sessionId),
      formatTrendValue(point.value, metric),
    ]);
  });
  lines.push('');
  if (first > 0) lines.push(`… ${first} earlier session${first === 1 ? '' : 's'} (--json lists them all)`);
  lines.push(...columns(rows));
  if (starts.size > 0) lines.push('▶ the first session after a change point');
  lines.push('');
  const since = trend.changePoints.length > 0 ? ' since the last change point' : '';
  lines.push(
    trend.slope ? `Trend${since}: ${describeSlope(trend.slope, metric)}` : `Trend: none — ${trend.slopeReason}`,
  );
  if (trend.changePoints.length === 0) lines.push(`Change points: ${noChangePoints(history.length)}`);
  else {
    lines.push('Change points:');
    for (const point of trend.changePoints) {
      const parts = describeChangePoint(point, metric);
      lines.push(
        `  at session ${point.sessionId} (${formatDateTime(point.time)}): median ${parts.before} → ${parts.after}, ${parts.change} ${parts.interval}, p ${parts.p}`,
      );
    }
  }
  const forecast = trend.forecast;
  if (!forecast.ok) lines.push(`Forecast: none — ${forecast.reason}`);
  else {
    lines.push(`Forecast (a line through the sessions${since}; ${forecastBasis(forecast)}):`);
    for (const point of shownForecastPoints(forecast))
      lines.push(
        `  in ${point.horizonDays} days (${formatDateTime(point.time)}): ${formatTrendValue(point.estimate, metric)}  [${formatTrendValue(point.low, metric)}, ${formatTrendValue(point.high, metric)}] (${Math.round(point.level * 100)} % prediction interval for one session)`,
      );
  }
  return lines.join('\n');
}
