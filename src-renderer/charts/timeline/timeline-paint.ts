// Paints the timeline on 2D canvases: the base (grids, labels, series, markers, selection, slider)
// and the overlay (hover line, range being dragged), so moving the pointer repaints one line, not
// the data. Only the points inside the window are visited, and the data is already decimated to
// two points per pixel column, so a draw costs a few milliseconds whatever the session's length.

import { formatClock, formatMetric } from '../../../src-shared/format/units';
import type { MetricUnit } from '../../../src-shared/model/resource';
import type { EpochMilliseconds, Milliseconds } from '../../../src-shared/units';
import { chartPalette } from '../theme-palette';
import { lowerBound, upperBound, type TimelineColumns } from './timeline-data';
import { timelineAxes, timelinePanels, type AxisSpec } from '../timeline-panels';
import { panelHeader, type Rectangle, type TimelineLayout } from './layout';
import { needsTenths, timeTicks, type ValueScale } from './ticks';
import type { Highlight, TimelineScene, TimeWindow } from './timeline-scene';

/** Colours of the chart's data marks; the chrome's colours follow the theme (chartPalette). */
export const timelineMarks = {
  highlight: 'rgba(240, 162, 75, 0.09)',
  highlightEdge: 'rgba(240, 162, 75, 0.85)',
  selection: 'rgba(91, 156, 255, 0.13)',
  selectionEdge: 'rgba(91, 156, 255, 0.55)',
  brush: 'rgba(91, 156, 255, 0.16)',
  brushEdge: 'rgba(91, 156, 255, 0.7)',
  sliderWindow: 'rgba(91, 156, 255, 0.16)',
  markers: {
    exit: '#f0a24b',
    exec: '#b48cff',
    stop: '#8b94a5',
    error: '#f06464',
    alert: '#f05a5a',
    anomaly: '#e0a93b',
  },
  /** Buckets of older samples: a neutral tint under the lines, so it reads as "coarser", not as an event. */
  downsampled: 'rgba(139, 148, 165, 0.08)',
  /** An alert's episode: faint enough that the lines under it stay readable. */
  episode: 'rgba(240, 90, 90, 0.1)',
} as const;

/** Watch marks are solid lines with a flag on top, apart from the dashed lifecycle markers. */
const flaggedTones = new Set(['alert', 'anomaly']);

const fontFamily = 'Inter, "Segoe UI", "Liberation Sans", Arial, sans-serif';
const labelFont = `10.5px ${fontFamily}`;
const titleFont = `600 12px ${fontFamily}`;
const lineWidth = 1.25;

/** What one base draw needs besides the canvas. */
export interface BasePaintInput {
  scene: TimelineScene;
  layout: TimelineLayout;
  /** The y scale of each entry of timelineAxes. */
  scales: ValueScale[];
  window: TimeWindow;
}

/** Maps times since the session's start to x pixels of a plot. */
export function timeToX(plot: Rectangle, window: TimeWindow): (time: Milliseconds) => number {
  const scale = plot.width / (window.to - window.from);
  return (time) => plot.left + (time - window.from) * scale;
}

/** Draws the grids, labels, series, markers, selection and slider. */
export function paintBase(context: CanvasRenderingContext2D, input: BasePaintInput): void {
  const { scene, layout, window } = input;
  context.clearRect(0, 0, layout.width, layout.height);
  const ticks = timeTicks(window.from, window.to, layout.plots[0]!.width);
  timelinePanels.forEach((panel, panelIndex) => {
    const plot = layout.plots[panelIndex]!;
    paintPanelTitle(context, plot, panel.title);
    paintGrid(context, plot, ticks, window);
    timelineAxes.forEach((axis, axisIndex) => {
      if (axis.panelIndex === panelIndex) paintAxis(context, plot, axis, input.scales[axisIndex]!, scene);
    });
    context.save();
    context.beginPath();
    context.rect(plot.left, plot.top - 1, plot.width, plot.height + 2);
    context.clip();
    for (const span of scene.downsampled ?? []) paintDownsampled(context, plot, window, span, false);
    paintPanelSeries(context, input, panelIndex);
    // The label goes over the lines, so an area fill never covers it.
    if (panelIndex === 0)
      for (const span of scene.downsampled ?? []) paintDownsampled(context, plot, window, span, true);
    for (const episode of scene.episodes ?? []) paintEpisode(context, plot, window, episode);
    if (scene.highlight) paintHighlight(context, plot, window, scene.highlight, panelIndex === 0);
    if (scene.selection) paintBand(context, plot, window, scene.selection, 'selection');
    paintMarkers(context, plot, scene, window, panelIndex === 0);
    context.restore();
  });
  paintTimeLabels(context, layout, ticks, window);
  paintSlider(context, layout.slider, window, scene.xMax);
}

/** A panel's title, in its header above the plot's left end; returns where the title ends (x). */
export function paintPanelTitle(context: CanvasRenderingContext2D, plot: Rectangle, title: string): number {
  context.font = titleFont;
  context.fillStyle = chartPalette().title;
  context.textBaseline = 'middle';
  context.textAlign = 'left';
  context.fillText(title, 12, plot.top - panelHeader / 2);
  return 12 + context.measureText(title).width;
}

/** A plot's vertical grid lines at the time ticks, and its bottom axis line. */
export function paintGrid(
  context: CanvasRenderingContext2D,
  plot: Rectangle,
  ticks: Milliseconds[],
  window: TimeWindow,
): void {
  const toX = timeToX(plot, window);
  context.strokeStyle = chartPalette().grid;
  context.lineWidth = 1;
  context.beginPath();
  for (const tick of ticks) {
    const x = Math.round(toX(tick)) + 0.5;
    context.moveTo(x, plot.top);
    context.lineTo(x, plot.top + plot.height);
  }
  context.stroke();
  context.strokeStyle = chartPalette().axis;
  context.beginPath();
  const bottom = Math.round(plot.top + plot.height) + 0.5;
  context.moveTo(plot.left, bottom);
  context.lineTo(plot.left + plot.width, bottom);
  context.stroke();
}

/** A panel's y axis: grid lines (left axis only) and labels on its side. */
function paintAxis(
  context: CanvasRenderingContext2D,
  plot: Rectangle,
  axis: AxisSpec,
  scale: ValueScale,
  scene: TimelineScene,
): void {
  const shown = axis.side === 0 || axis.keys.some((key) => scene.present.has(key) && !scene.hidden.has(key));
  if (shown) paintValueAxis(context, plot, scale, axis.unit, axis.side);
}

/** A value axis's labels on its side of a plot, and the left axis's horizontal grid lines. */
export function paintValueAxis(
  context: CanvasRenderingContext2D,
  plot: Rectangle,
  scale: ValueScale,
  unit: MetricUnit,
  side: 0 | 1,
): void {
  context.font = labelFont;
  context.fillStyle = chartPalette().label;
  context.textAlign = side === 0 ? 'right' : 'left';
  const labelX = side === 0 ? plot.left - 8 : plot.left + plot.width + 8;
  context.strokeStyle = chartPalette().grid;
  context.beginPath();
  let lastLabelY = Number.POSITIVE_INFINITY;
  for (const tick of scale.ticks) {
    const y = plot.top + plot.height - (tick / scale.maximum) * plot.height;
    if (side === 0 && tick > 0) {
      const snapped = Math.round(y) + 0.5;
      context.moveTo(plot.left, snapped);
      context.lineTo(plot.left + plot.width, snapped);
    }
    // Labels closer than a line of text would overlap: keep the lower one.
    if (lastLabelY - y < 12) continue;
    context.fillText(formatMetric(tick, unit), labelX, y);
    lastLabelY = y;
  }
  context.stroke();
}

/**
 * Draws the visible series of one panel: stacked areas first (bottom up), then plain lines; then the
 * buckets' means (retention) dashed over their min/max envelope, stacked the same way.
 */
function paintPanelSeries(context: CanvasRenderingContext2D, input: BasePaintInput, panelIndex: number): void {
  for (const { points, bases, fill } of panelSeriesPoints(input, panelIndex, input.scene.columns)) {
    if (fill > 0) paintArea(context, points, bases, fill);
    paintLine(context, points);
    if (input.scene.fewPoints) paintDots(context, points);
  }
  if (!input.scene.means) return;
  context.setLineDash([4, 3]);
  for (const { points } of panelSeriesPoints(input, panelIndex, input.scene.means)) paintLine(context, points);
  context.setLineDash([]);
}

/** The visible series of one panel in `columns`, as points to draw (stacked series on their base). */
function panelSeriesPoints(
  input: BasePaintInput,
  panelIndex: number,
  columns: TimelineColumns,
): { points: SeriesPoints; bases: Float64Array; fill: number }[] {
  const { scene, layout, window } = input;
  const plot = layout.plots[panelIndex]!;
  const drawn = windowPoints(columns.times, scene.origin, window, plot);
  if (!drawn) return [];
  const { first, end, xs } = drawn;
  const panel = timelinePanels[panelIndex]!;
  const series: { points: SeriesPoints; bases: Float64Array; fill: number }[] = [];
  let stackBase: Float64Array | null = null;
  for (const spec of panel.series) {
    const values = columns.values[spec.key];
    if (!values || !scene.present.has(spec.key) || scene.hidden.has(spec.key)) continue;
    const axisIndex = timelineAxes.findIndex((axis) => axis.panelIndex === panelIndex && axis.side === spec.axis);
    const scale = input.scales[axisIndex]!;
    const bottom = plot.top + plot.height;
    const pixelsPerUnit = plot.height / scale.maximum;
    const tops = new Float64Array(end - first);
    const bases = new Float64Array(end - first);
    for (let offset = 0; offset < tops.length; offset++) {
      const value = values[first + offset]!;
      const base = spec.stacked && stackBase ? stackBase[offset]! : 0;
      bases[offset] = base;
      tops[offset] = Number.isNaN(value) ? Number.NaN : base + value;
    }
    if (spec.stacked) stackBase = tops.map((top, offset) => (Number.isNaN(top) ? bases[offset]! : top));
    const points: SeriesPoints = {
      xs,
      values: tops,
      toY: (value) => bottom - value * pixelsPerUnit,
      color: spec.color,
    };
    series.push({ points, bases, fill: spec.stacked ? 0.3 : spec.key === 'rss' ? 0.1 : 0 });
  }
  return series;
}

/**
 * The samples a window draws: from the last one before it to the first one after it (so lines
 * reach the plot's edges), with their x pixels. Null when none is near the window.
 */
export function windowPoints(
  times: ArrayLike<number>,
  origin: EpochMilliseconds,
  window: TimeWindow,
  plot: Rectangle,
): { first: number; end: number; xs: Float64Array } | null {
  const first = Math.max(0, lowerBound(times, origin + window.from) - 1);
  const end = Math.min(times.length, upperBound(times, origin + window.to) + 1);
  if (end - first <= 0) return null;
  const toX = timeToX(plot, window);
  const xs = new Float64Array(end - first);
  for (let index = first; index < end; index++) xs[index - first] = toX(times[index]! - origin);
  return { first, end, xs };
}

/** One series' points in a panel: x pixels, values (NaN: unreadable) and how a value maps to y pixels. */
export interface SeriesPoints {
  xs: Float64Array;
  values: Float64Array;
  toY: (value: number) => number;
  color: string;
  /** The line's width in CSS pixels (1.25 when not given). */
  width?: number;
}

/** A polyline broken at NaN (an unreadable sample is a gap, never a zero). */
export function paintLine(context: CanvasRenderingContext2D, { xs, values, toY, color, width }: SeriesPoints): void {
  context.strokeStyle = color;
  context.lineWidth = width ?? lineWidth;
  context.lineJoin = 'round';
  context.beginPath();
  let penDown = false;
  for (let index = 0; index < xs.length; index++) {
    const value = values[index]!;
    if (Number.isNaN(value)) {
      penDown = false;
      continue;
    }
    if (penDown) context.lineTo(xs[index]!, toY(value));
    else context.moveTo(xs[index]!, toY(value));
    penDown = true;
  }
  context.stroke();
}

/** The area between `bases` and the series, one polygon per run of readable samples. */
function paintArea(context: CanvasRenderingContext2D, points: SeriesPoints, bases: Float64Array, opacity: number) {
  const { xs, values: tops, toY, color } = points;
  context.fillStyle = color;
  context.globalAlpha = opacity;
  context.beginPath();
  let runStart = -1;
  for (let index = 0; index <= xs.length; index++) {
    const readable = index < xs.length && !Number.isNaN(tops[index]!);
    if (readable && runStart < 0) runStart = index;
    if (readable || runStart < 0) continue;
    context.moveTo(xs[runStart]!, toY(tops[runStart]!));
    for (let point = runStart + 1; point < index; point++) context.lineTo(xs[point]!, toY(tops[point]!));
    for (let point = index - 1; point >= runStart; point--) context.lineTo(xs[point]!, toY(bases[point]!));
    context.closePath();
    runStart = -1;
  }
  context.fill();
  context.globalAlpha = 1;
}

/** A dot per sample, when so few are drawn that a line alone would be hard to see. */
function paintDots(context: CanvasRenderingContext2D, { xs, values, toY, color }: SeriesPoints): void {
  context.fillStyle = color;
  context.beginPath();
  for (let index = 0; index < xs.length; index++) {
    if (Number.isNaN(values[index]!)) continue;
    const y = toY(values[index]!);
    context.moveTo(xs[index]! + 2, y);
    context.arc(xs[index]!, y, 2, 0, 2 * Math.PI);
  }
  context.fill();
}

/** A time range drawn across a plot: the selection, or the range being dragged. */
export function paintBand(
  context: CanvasRenderingContext2D,
  plot: Rectangle,
  window: TimeWindow,
  range: TimeWindow,
  kind: 'selection' | 'brush',
): void {
  const toX = timeToX(plot, window);
  const left = Math.max(plot.left, toX(Math.min(range.from, range.to)));
  const right = Math.min(plot.left + plot.width, toX(Math.max(range.from, range.to)));
  if (right < left) return;
  context.fillStyle = kind === 'selection' ? timelineMarks.selection : timelineMarks.brush;
  context.fillRect(left, plot.top, Math.max(1, right - left), plot.height);
  context.strokeStyle = kind === 'selection' ? timelineMarks.selectionEdge : timelineMarks.brushEdge;
  context.lineWidth = 1;
  context.strokeRect(
    Math.round(left) + 0.5,
    plot.top + 0.5,
    Math.max(0, Math.round(right - left) - 1),
    plot.height - 1,
  );
}

/** Where a range falls across the plot (clipped to it, at least `minimumWidth` px), or null when outside it. */
function bandEdges(
  plot: Rectangle,
  window: TimeWindow,
  range: TimeWindow,
  minimumWidth: number,
): { left: number; right: number } | null {
  const toX = timeToX(plot, window);
  const left = Math.max(plot.left, toX(range.from));
  const right = Math.min(plot.left + plot.width, Math.max(toX(range.to), left + minimumWidth));
  return right > left ? { left, right } : null;
}

/** An alert's episode: a faint band over the plot's height, at least 2 px wide. */
function paintEpisode(context: CanvasRenderingContext2D, plot: Rectangle, window: TimeWindow, episode: TimeWindow) {
  const edges = bandEdges(plot, window, episode, 2);
  if (!edges) return;
  const { left, right } = edges;
  context.fillStyle = timelineMarks.episode;
  context.fillRect(left, plot.top, right - left, plot.height);
}

/** A span drawn from buckets: a faint band under the lines, or (`labelled`) its label over them when it has room. */
function paintDownsampled(
  context: CanvasRenderingContext2D,
  plot: Rectangle,
  window: TimeWindow,
  span: TimeWindow,
  labelled: boolean,
): void {
  const edges = bandEdges(plot, window, span, 0);
  if (!edges) return;
  const { left, right } = edges;
  if (!labelled) {
    context.fillStyle = timelineMarks.downsampled;
    context.fillRect(left, plot.top, right - left, plot.height);
    return;
  }
  const label = 'older samples: min–max per bucket';
  context.font = labelFont;
  const width = context.measureText(label).width;
  if (width + 10 > right - left) return;
  context.fillStyle = chartPalette().labelPlate;
  context.fillRect(left + 1, plot.top + plot.height - 16, width + 6, 14);
  context.textBaseline = 'bottom';
  context.textAlign = 'left';
  context.fillStyle = chartPalette().label;
  context.fillText(label, left + 4, plot.top + plot.height - 3);
}

/** A highlighted range: a faint band with a solid edge along its top, labelled on the top panel. */
function paintHighlight(
  context: CanvasRenderingContext2D,
  plot: Rectangle,
  window: TimeWindow,
  highlight: Highlight,
  labelled: boolean,
): void {
  // A range of one instant still shows as a thin band.
  const edges = bandEdges(plot, window, highlight, 2);
  if (!edges) return;
  const { left, right } = edges;
  context.fillStyle = timelineMarks.highlight;
  context.fillRect(left, plot.top, right - left, plot.height);
  context.fillStyle = timelineMarks.highlightEdge;
  context.fillRect(left, plot.top, right - left, 2);
  if (!labelled) return;
  context.font = labelFont;
  context.textBaseline = 'top';
  context.textAlign = 'left';
  const width = context.measureText(highlight.label).width;
  const labelLeft = Math.max(plot.left + 2, Math.min(left + 4, plot.left + plot.width - width - 2));
  context.fillStyle = chartPalette().labelPlate;
  context.fillRect(labelLeft - 3, plot.top + 18, width + 6, 14);
  context.fillStyle = timelineMarks.highlightEdge;
  context.fillText(highlight.label, labelLeft, plot.top + 19);
}

/**
 * Dashed lines where the target exited, exec'd or the recording stopped, solid flagged ones where an
 * alert fired or an anomaly was found; labels on the top panel.
 */
function paintMarkers(
  context: CanvasRenderingContext2D,
  plot: Rectangle,
  scene: TimelineScene,
  window: TimeWindow,
  labelled: boolean,
): void {
  const toX = timeToX(plot, window);
  context.lineWidth = 1;
  context.setLineDash([4, 3]);
  context.font = labelFont;
  context.textBaseline = 'top';
  context.textAlign = 'left';
  let labelsEnd = Number.NEGATIVE_INFINITY;
  for (const marker of scene.markers) {
    const x = Math.round(toX(marker.x)) + 0.5;
    if (x < plot.left - 1 || x > plot.left + plot.width + 1) continue;
    const color = timelineMarks.markers[marker.tone];
    const flagged = flaggedTones.has(marker.tone);
    context.strokeStyle = color;
    context.setLineDash(flagged ? [] : [4, 3]);
    context.beginPath();
    context.moveTo(x, plot.top);
    context.lineTo(x, plot.top + plot.height);
    context.stroke();
    if (flagged) {
      context.fillStyle = color;
      context.beginPath();
      context.moveTo(x, plot.top);
      context.lineTo(x - 4, plot.top);
      context.lineTo(x, plot.top + 6);
      context.fill();
    }
    if (!labelled) continue;
    // A label that would overlap the previous one is left out; the line (and the tooltip) remain.
    const width = context.measureText(marker.label).width;
    const left = Math.min(x + 4, plot.left + plot.width - width - 2);
    if (left < labelsEnd + 6) continue;
    // On a plate, so the label stays readable over the lines it crosses.
    context.fillStyle = chartPalette().labelPlate;
    context.fillRect(left - 3, plot.top + 2, width + 6, 14);
    context.fillStyle = color;
    context.fillText(marker.label, left, plot.top + 3);
    labelsEnd = left + width;
  }
  context.setLineDash([]);
}

/** The time labels (and their tick marks) below the last plot. */
export function paintTimeLabels(
  context: CanvasRenderingContext2D,
  layout: TimelineLayout,
  ticks: Milliseconds[],
  window: TimeWindow,
): void {
  const plot = layout.plots[layout.plots.length - 1]!;
  const toX = timeToX(plot, window);
  const tenths = needsTenths(ticks);
  context.font = labelFont;
  context.fillStyle = chartPalette().label;
  context.textAlign = 'center';
  context.textBaseline = 'top';
  context.strokeStyle = chartPalette().axis;
  context.lineWidth = 1;
  context.beginPath();
  for (const tick of ticks) {
    const x = Math.round(toX(tick)) + 0.5;
    context.moveTo(x, plot.top + plot.height);
    context.lineTo(x, plot.top + plot.height + 4);
    context.fillText(formatClock(tick, tenths), x, layout.timeLabelsTop);
  }
  context.stroke();
}

/** The overview slider: the whole session, with the window shown as a handle-ended band. */
function paintSlider(context: CanvasRenderingContext2D, slider: Rectangle, window: TimeWindow, xMax: Milliseconds) {
  context.fillStyle = chartPalette().sliderTrack;
  context.fillRect(slider.left, slider.top, slider.width, slider.height);
  context.strokeStyle = chartPalette().axis;
  context.lineWidth = 1;
  context.strokeRect(slider.left + 0.5, slider.top + 0.5, slider.width - 1, slider.height - 1);
  const left = slider.left + (window.from / xMax) * slider.width;
  const right = slider.left + (window.to / xMax) * slider.width;
  context.fillStyle = timelineMarks.sliderWindow;
  context.fillRect(left, slider.top, Math.max(2, right - left), slider.height);
  context.fillStyle = chartPalette().accent;
  for (const edge of [left, right]) context.fillRect(Math.round(edge) - 1.5, slider.top + 2, 3, slider.height - 4);
}

/** Draws the hover line and the range being dragged on the overlay canvas. */
export function paintOverlay(
  context: CanvasRenderingContext2D,
  layout: TimelineLayout,
  window: TimeWindow,
  hover: Milliseconds | null,
  brush: TimeWindow | null,
): void {
  context.clearRect(0, 0, layout.width, layout.height);
  for (const plot of layout.plots) {
    if (brush) paintBand(context, plot, window, brush, 'brush');
    if (hover === null) continue;
    const x = Math.round(timeToX(plot, window)(hover)) + 0.5;
    context.strokeStyle = chartPalette().hover;
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(x, plot.top);
    context.lineTo(x, plot.top + plot.height);
    context.stroke();
  }
}
