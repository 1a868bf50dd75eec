// The Trends chart as an ECharts option, built purely from a trend report and the theme's palette so
// unit tests read it without a browser: each session a point (the first after a change point a
// larger diamond, with a dashed rule and its change), each segment between change points a line at
// its median, and the forecast a dashed line with its prediction band to +30 days.

import type { EChartsCoreOption } from 'echarts/core';
import type { ChangePoint, Forecast, HistoryPoint, TrendReport } from '../../../src-shared/model/trends';

/** Data colours: mid-tone hues that read on both themes, as the timeline's are. */
export const trendColors = {
  points: '#5b9cff',
  segment: '#44c27a',
  change: '#f0a24b',
  forecast: '#b387ff',
} as const;

/** The chrome colours the chart uses: a ChartPalette (charts/theme-palette.ts) of the theme shown. */
export interface TrendChrome {
  axis: string;
  grid: string;
  label: string;
  title: string;
  labelPlate: string;
}

/** A history point as the chart carries it: its session, to open on click. */
export interface TrendDatum {
  value: [number, number];
  sessionId: number;
}

/** The median of some values (their middle, or the mean of the middle two). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One segment between change points: its first and last time and its median. */
export interface TrendSegment {
  from: number;
  to: number;
  median: number;
}

/**
 * The segments the change points cut the history into, each at its median: the medians Compare
 * judged on either side of each change point (a segment reaches from one change point to the next).
 */
export function trendSegments(history: readonly HistoryPoint[], changes: readonly ChangePoint[]): TrendSegment[] {
  if (history.length === 0) return [];
  const starts = [0, ...changes.map((change) => change.index), history.length];
  const segments: TrendSegment[] = [];
  for (let segment = 0; segment + 1 < starts.length; segment++) {
    const points = history.slice(starts[segment], starts[segment + 1]);
    if (points.length === 0) continue;
    const judged =
      segment === 0 ? changes[0]?.comparison.baseline.median : changes[segment - 1]?.comparison.candidate.median;
    segments.push({
      from: points[0]!.time,
      to: points.at(-1)!.time,
      median: judged ?? median(points.map((point) => point.value)),
    });
  }
  return segments;
}

/** The forecast's line and band points, oldest first; none when the forecast was refused. */
function forecastSeries(forecast: Forecast): {
  line: [number, number][];
  low: [number, number][];
  width: [number, number][];
} {
  if (!forecast.ok) return { line: [], low: [], width: [] };
  const points = [...forecast.points].sort((left, right) => left.time - right.time);
  return {
    line: points.map((point) => [point.time, point.estimate]),
    low: points.map((point) => [point.time, point.low]),
    // Stacked on the low bound, the band's height is high − low.
    width: points.map((point) => [point.time, point.high - point.low]),
  };
}

/** One of the two stacked series of the prediction band; only the upper one is filled. */
function bandSeries(data: [number, number][], filled: boolean): Record<string, unknown> {
  return {
    name: 'Prediction band',
    type: 'line',
    data,
    stack: 'band',
    showSymbol: false,
    silent: true,
    lineStyle: { opacity: 0 },
    ...(filled ? { areaStyle: { color: trendColors.forecast, opacity: 0.18 } } : {}),
    itemStyle: { color: trendColors.forecast },
    z: 1,
  };
}

/** The chart's option for `trend`, its values written with `format` and its chrome in `palette`. */
export function trendChartOption(
  trend: TrendReport,
  palette: TrendChrome,
  format: (value: number) => string,
): EChartsCoreOption {
  const changeStarts = new Set(trend.changePoints.map((change) => change.index));
  const data: TrendDatum[] = trend.history.map((point) => ({
    value: [point.time, point.value],
    sessionId: point.sessionId,
  }));
  const forecast = forecastSeries(trend.forecast);
  const segments = trendSegments(trend.history, trend.changePoints);
  const axisLabel = { color: palette.label, fontSize: 11 };
  return {
    animation: false,
    aria: { enabled: true },
    grid: { left: 12, right: 24, top: 28, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      backgroundColor: palette.labelPlate,
      borderColor: palette.axis,
      textStyle: { color: palette.title, fontSize: 12 },
    },
    legend: {
      top: 0,
      left: 0,
      textStyle: { color: palette.label, fontSize: 11 },
      data: ['Sessions', 'Segment median', ...(trend.forecast.ok ? ['Forecast', 'Prediction band'] : [])],
    },
    xAxis: {
      type: 'time',
      axisLine: { lineStyle: { color: palette.axis } },
      axisLabel,
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      scale: false,
      axisLabel: { ...axisLabel, formatter: (value: number) => format(value) },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [
      {
        name: 'Sessions',
        type: 'scatter',
        data,
        symbolSize: (_: unknown, params: { dataIndex: number }) => (changeStarts.has(params.dataIndex) ? 12 : 7),
        symbol: (_: unknown, params: { dataIndex: number }) =>
          changeStarts.has(params.dataIndex) ? 'diamond' : 'circle',
        itemStyle: {
          color: (params: { dataIndex: number }) =>
            changeStarts.has(params.dataIndex) ? trendColors.change : trendColors.points,
        },
        cursor: 'pointer',
        z: 4,
        tooltip: {
          formatter: (params: { data: TrendDatum }) =>
            `Session ${params.data.sessionId}<br/>${new Date(params.data.value[0]).toLocaleString()}<br/>${format(params.data.value[1])}`,
        },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: trendColors.change, type: 'dashed', width: 1 },
          label: {
            color: palette.title,
            formatter: (params: { name: string }) => params.name,
            position: 'insideEndTop',
          },
          data: trend.changePoints.map((change) => ({
            name: change.comparison.change
              ? `${change.comparison.change.estimate >= 0 ? '+' : '−'}${Math.abs(change.comparison.change.estimate * 100).toFixed(0)} %`
              : 'change',
            xAxis: change.time,
          })),
        },
      },
      ...segments.map((segment) => ({
        name: 'Segment median',
        type: 'line',
        data: [
          [segment.from, segment.median],
          [segment.to, segment.median],
        ],
        showSymbol: false,
        silent: true,
        lineStyle: { color: trendColors.segment, width: 2 },
        itemStyle: { color: trendColors.segment },
        z: 3,
      })),
      // The band: its low bound drawn invisibly, and its height stacked on it and filled.
      bandSeries(forecast.low, false),
      bandSeries(forecast.width, true),
      {
        name: 'Forecast',
        type: 'line',
        data: forecast.line,
        showSymbol: true,
        symbolSize: 5,
        lineStyle: { color: trendColors.forecast, type: 'dashed', width: 2 },
        itemStyle: { color: trendColors.forecast },
        tooltip: {
          formatter: (params: { value: [number, number] }) =>
            `Forecast ${new Date(params.value[0]).toLocaleDateString()}<br/>${format(params.value[1])}`,
        },
        z: 2,
      },
    ],
  };
}
