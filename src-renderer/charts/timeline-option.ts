// Builds the ECharts option of the timeline: one chart holding a grid per panel, all on one shared
// time axis, so hover, zoom and brush line up across panels by construction and one render draws
// everything. Data comes from a dataset (columns), never copied into per-series arrays; only the
// metrics that have values get a series.

import type { MetricUnit } from '../../src-shared/model/resource';
import type { Milliseconds } from '../../src-shared/units';
import {
  formatBytes,
  formatBytesRate,
  formatClock,
  formatCount,
  formatPercent,
  formatPerSecond,
} from '../../src-shared/format/units';
import type { ChartKey } from '../views/session/timeline-data';
import type { ChartOption } from './echarts';
import { timelineAxes, timelinePanels } from './timeline-panels';

/** A vertical line across every panel (the target exited, the recording stopped). */
export interface MarkerLine {
  /** Time since the session started. */
  x: Milliseconds;
  label: string;
  tone: 'exit' | 'exec' | 'stop' | 'error';
}

/** Everything the option depends on besides the data. */
export interface TimelineOptionInput {
  height: number;
  /** The axis length: time from the session's start to its end (or the latest sample). */
  xMax: Milliseconds;
  /** Series the user turned off in a legend. */
  hidden: ReadonlySet<ChartKey>;
  /**
   * Series with at least one value. Only these get a line and a legend entry: a metric that was never
   * read (another user's I/O, a heap without a runtime profiler) has nothing to draw or toggle, and
   * leaving it out makes every chart update cheaper.
   */
  present: ReadonlySet<ChartKey>;
  markers: MarkerLine[];
  /** The brushed range, drawn as a band across every panel. */
  selection: { from: Milliseconds; to: Milliseconds } | null;
  /** True when so few samples are drawn that each gets a dot. */
  fewPoints: boolean;
  /** The hover readout for a time since start, as escaped HTML. */
  readout: (x: Milliseconds) => string;
}

const chartLeft = 64;
const chartRight = 64;
const topPadding = 6;
const panelHeader = 24;
const panelGap = 14;
const axisLabels = 22;
const sliderHeight = 18;
const sliderBottom = 6;

const axisColor = '#343b48';
const gridLineColor = 'rgba(255, 255, 255, 0.05)';
const labelColor = '#8b94a5';
const markerColors: Record<MarkerLine['tone'], string> = {
  exit: '#f0a24b',
  exec: '#b48cff',
  stop: '#8b94a5',
  error: '#f06464',
};

/** The range selection: dragging across the panels brushes a time range. */
export const timelineBrush: ChartOption['brush'] = {
  xAxisIndex: 'all',
  brushLink: 'none',
  brushType: 'lineX',
  brushMode: 'single',
  transformable: false,
  throttleType: 'debounce',
  throttleDelay: 60,
  brushStyle: { color: 'rgba(91, 156, 255, 0.16)', borderColor: 'rgba(91, 156, 255, 0.7)', borderWidth: 1 },
  outOfBrush: { colorAlpha: 1 },
};

/**
 * The action that makes dragging select a range (the brush takes the chart's cursor). It is a full
 * chart update, so the timeline dispatches it on the empty chart before the first draw of data.
 */
export const brushCursorAction = {
  type: 'takeGlobalCursor',
  key: 'brush',
  brushOption: { brushType: 'lineX', brushMode: 'single' },
};

/** The smallest height at which every panel stays readable; the host scrolls below it. */
export const minimumTimelineHeight =
  topPadding + timelinePanels.length * (panelHeader + 64 + panelGap) + axisLabels + sliderHeight + sliderBottom;

/** Axis tick labels by unit (short: they sit in a 60-pixel margin). */
function axisFormatter(unit: MetricUnit): (value: number) => string {
  switch (unit) {
    case 'bytes':
      return (value) => formatBytes(value);
    case 'bytesPerSecond':
      return (value) => formatBytesRate(value);
    case 'perSecond':
      return (value) => formatPerSecond(value);
    case 'corePercent':
    case 'percent':
      return (value) => formatPercent(value);
    case 'count':
      return (value) => formatCount(value);
    case 'load':
      return (value) => value.toFixed(1);
  }
}

/** Keeps tiny values from filling a panel: an idle process's CPU should look idle, not noisy. */
function axisMaximum(unit: MetricUnit): ((extent: { min: number; max: number }) => number | null) | number | undefined {
  if (unit === 'percent') return 100;
  if (unit === 'corePercent') return (extent) => (extent.max < 10 ? 10 : null);
  if (unit === 'count') return (extent) => (extent.max < 4 ? 4 : null);
  if (unit === 'load') return (extent) => (extent.max < 1 ? 1 : null);
  return undefined;
}

/** The grid rectangle of each panel, in pixels from the top. */
export function panelLayout(height: number): { top: number; height: number }[] {
  const fixed =
    topPadding +
    axisLabels +
    sliderHeight +
    sliderBottom +
    timelinePanels.length * panelHeader +
    (timelinePanels.length - 1) * panelGap;
  const plot = Math.max(40, Math.floor((Math.max(height, minimumTimelineHeight) - fixed) / timelinePanels.length));
  return timelinePanels.map((_, index) => ({
    top: topPadding + index * (panelHeader + plot + panelGap) + panelHeader,
    height: plot,
  }));
}

/**
 * A tick interval for a byte axis in whole binary units (0, 30 MiB, 60 MiB rather than ECharts'
 * decimal 19.1 MiB steps), rounding maximum/splits to 1, 2, 3 or 5 × 10^n of KiB, MiB or GiB.
 */
export function binaryInterval(maximum: number, splits = 2): number {
  if (!(maximum > 0) || !Number.isFinite(maximum)) return 1;
  const unit = 1024 ** Math.max(0, Math.floor(Math.log(maximum) / Math.log(1024)));
  const raw = maximum / splits / unit;
  const exponent = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / exponent;
  const nice = fraction < 1.5 ? 1 : fraction < 2.5 ? 2 : fraction < 4 ? 3 : fraction < 7 ? 5 : 10;
  // Fractions of a byte make no sense as ticks.
  return Math.max(1, nice * exponent * unit);
}

/**
 * The y axes' part of an option: byte axes get binary ticks and a maximum on a tick (ECharts would
 * otherwise round the maximum in decimal), from the maxima of the drawn data.
 */
export function yAxisUpdate(visibleMaximum: (keys: ChartKey[]) => number): ChartOption['yAxis'] {
  return timelineAxes.map((axis) => {
    if (axis.unit !== 'bytes' && axis.unit !== 'bytesPerSecond') return {};
    const maximum = visibleMaximum(axis.keys);
    const interval = binaryInterval(maximum);
    return { interval, max: Math.max(interval, Math.ceil(maximum / interval) * interval) };
  });
}

/** The x axes' part of an option for a new axis length (live sessions grow). */
export function xAxisUpdate(xMax: Milliseconds): ChartOption['xAxis'] {
  const showTenths = xMax < 20_000;
  return timelinePanels.map(() => ({
    max: xMax,
    axisLabel: { formatter: (value: number) => formatClock(value, showTenths) },
  }));
}

/** The full option; `dataset` is set separately so data updates stay cheap. */
export function buildTimelineOption(input: TimelineOptionInput): ChartOption {
  const layout = panelLayout(input.height);
  const last = timelinePanels.length - 1;
  const axisIndexes = timelinePanels.map((_, index) => index);
  const showTenths = input.xMax < 20_000;

  const yAxes: NonNullable<ChartOption['yAxis']> & object[] = timelineAxes.map((axis) => ({
    type: 'value',
    gridIndex: axis.panelIndex,
    position: axis.side === 0 ? 'left' : 'right',
    min: 0,
    max: axisMaximum(axis.unit),
    splitNumber: 2,
    show: axis.side === 0 || axis.keys.some((key) => input.present.has(key) && !input.hidden.has(key)),
    axisLabel: { color: labelColor, fontSize: 10.5, formatter: axisFormatter(axis.unit), hideOverlap: true },
    splitLine: { show: axis.side === 0, lineStyle: { color: gridLineColor } },
    axisLine: { show: false },
    axisTick: { show: false },
    axisPointer: { show: false },
  }));
  const axisIndexOf = (panelIndex: number, side: 0 | 1) =>
    timelineAxes.findIndex((axis) => axis.panelIndex === panelIndex && axis.side === side);

  const series: NonNullable<ChartOption['series']> & object[] = [];
  timelinePanels.forEach((panel, panelIndex) => {
    for (const spec of panel.series) {
      if (!input.present.has(spec.key)) continue;
      series.push({
        type: 'line',
        id: spec.key,
        name: spec.label,
        xAxisIndex: panelIndex,
        yAxisIndex: axisIndexOf(panelIndex, spec.axis),
        datasetIndex: 0,
        encode: { x: 'x', y: spec.key },
        // With a handful of samples a line is hard to see (one sample draws nothing): show dots.
        showSymbol: input.fewPoints,
        symbol: 'circle',
        symbolSize: 4,
        stack: spec.stacked ? `stack-${panel.id}` : undefined,
        lineStyle: { width: 1.25, color: spec.color },
        itemStyle: { color: spec.color },
        areaStyle:
          spec.stacked || spec.key === 'rss' ? { color: spec.color, opacity: spec.stacked ? 0.3 : 0.1 } : undefined,
        emphasis: { disabled: true },
        animation: false,
      });
    }
    // A data-less carrier for the markers and the selection band, so hiding a metric in the
    // legend never hides them.
    series.push({
      type: 'line',
      id: `overlay-${panel.id}`,
      name: `overlay-${panel.id}`,
      xAxisIndex: panelIndex,
      yAxisIndex: axisIndexOf(panelIndex, 0),
      data: [],
      silent: true,
      tooltip: { show: false },
      markLine: {
        silent: true,
        symbol: ['none', 'none'],
        animation: false,
        data: input.markers.map((marker) => ({
          xAxis: marker.x,
          lineStyle: { color: markerColors[marker.tone], type: 'dashed', width: 1 },
          label: {
            show: panelIndex === 0,
            position: 'insideEndTop',
            formatter: () => marker.label,
            color: markerColors[marker.tone],
            fontSize: 10.5,
          },
        })),
      },
      markArea: {
        silent: true,
        animation: false,
        itemStyle: { color: 'rgba(91, 156, 255, 0.13)', borderColor: 'rgba(91, 156, 255, 0.55)', borderWidth: 1 },
        data: input.selection ? [[{ xAxis: input.selection.from }, { xAxis: input.selection.to }]] : [],
      },
    });
  });

  const selected: Record<string, boolean> = {};
  for (const panel of timelinePanels)
    for (const spec of panel.series)
      if (input.present.has(spec.key)) selected[spec.label] = !input.hidden.has(spec.key);

  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { fontFamily: 'Inter, "Segoe UI", "Liberation Sans", Arial, sans-serif' },
    grid: layout.map((rectangle) => ({
      left: chartLeft,
      right: chartRight,
      top: rectangle.top,
      height: rectangle.height,
    })),
    title: timelinePanels.map((panel, index) => ({
      text: panel.title,
      left: 12,
      top: layout[index]!.top - panelHeader + 3,
      textStyle: { color: '#d9dee7', fontSize: 12, fontWeight: 600 },
    })),
    legend: timelinePanels.map((panel, index) => ({
      data: panel.series
        .filter((spec) => input.present.has(spec.key))
        .map((spec) => ({ name: spec.label, itemStyle: { color: spec.color } })),
      selected,
      top: layout[index]!.top - panelHeader + 3,
      right: chartRight - 8,
      itemWidth: 10,
      itemHeight: 6,
      itemGap: 12,
      icon: 'roundRect',
      textStyle: { color: labelColor, fontSize: 11 },
      inactiveColor: '#4a5262',
    })),
    xAxis: timelinePanels.map((_, index) => ({
      type: 'value',
      gridIndex: index,
      min: 0,
      max: input.xMax,
      axisLabel: {
        show: index === last,
        color: labelColor,
        fontSize: 10.5,
        formatter: (value: number) => formatClock(value, showTenths),
        hideOverlap: true,
      },
      axisTick: { show: index === last, lineStyle: { color: axisColor } },
      axisLine: { lineStyle: { color: axisColor } },
      splitLine: { show: true, lineStyle: { color: gridLineColor } },
      axisPointer: { label: { show: false } },
    })),
    yAxis: yAxes,
    series,
    axisPointer: { link: [{ xAxisIndex: 'all' }], lineStyle: { color: 'rgba(217, 222, 231, 0.45)', width: 1 } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line', animation: false },
      confine: true,
      transitionDuration: 0,
      backgroundColor: 'rgba(20, 23, 29, 0.96)',
      borderColor: '#343b48',
      padding: [8, 10],
      textStyle: { color: '#d9dee7', fontSize: 12 },
      extraCssText: 'box-shadow: 0 8px 24px rgba(0,0,0,0.5); border-radius: 8px;',
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { axisValue?: number } | undefined;
        return typeof first?.axisValue === 'number' ? input.readout(first.axisValue) : '';
      },
    },
    // 'none' keeps lines continuous to the window's edges and the y scales steady while zooming;
    // the detail inside the window comes from refetching, not from ECharts filtering.
    dataZoom: [
      {
        type: 'inside',
        xAxisIndex: axisIndexes,
        filterMode: 'none',
        // Each wheel step repaints at once; ECharts' default 100 ms throttle would delay it.
        throttle: 0,
        zoomOnMouseWheel: true,
        moveOnMouseMove: false,
        moveOnMouseWheel: 'shift',
      },
      {
        type: 'slider',
        xAxisIndex: axisIndexes,
        filterMode: 'none',
        throttle: 30,
        height: sliderHeight,
        bottom: sliderBottom,
        left: chartLeft,
        right: chartRight,
        showDetail: false,
        showDataShadow: false,
        brushSelect: false,
        borderColor: axisColor,
        backgroundColor: 'rgba(255, 255, 255, 0.02)',
        fillerColor: 'rgba(91, 156, 255, 0.16)',
        handleStyle: { color: '#5b9cff', borderColor: '#5b9cff' },
        moveHandleSize: 0,
        textStyle: { color: labelColor },
      },
    ],
    brush: timelineBrush,
  };
}
