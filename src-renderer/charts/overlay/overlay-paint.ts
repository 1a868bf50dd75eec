// Paints the timeline overlay: per panel its title, grid and value axis (the session timeline's own
// painters), both sides' lines in their colours (a panel's second series dashed), and where each
// side ended; the time labels below. Returns what it drew, which the Compare view exposes to tests.

import { formatDuration } from '../../../src-shared/format/units';
import type { Milliseconds } from '../../../src-shared/units';
import { panelHeader, type Rectangle, type TimelineLayout } from '../timeline/layout';
import { timeTicks, type ValueScale } from '../timeline/ticks';
import {
  paintGrid,
  paintLine,
  paintPanelTitle,
  paintTimeLabels,
  paintValueAxis,
  timeToX,
  windowPoints,
} from '../timeline/timeline-paint';
import { chartPalette } from '../theme-palette';
import type { TimeWindow } from '../timeline/timeline-scene';
import { drawnSeries, type OverlayColumns, type OverlayPanelSpec, type OverlaySeriesSpec } from './overlay-data';

/** One side as drawn: its columns and colour, and its name for the tests' record. */
export interface PaintedSide {
  name: 'baseline' | 'candidate';
  color: string;
  columns: OverlayColumns;
}

/** What one draw needs besides the canvas. */
export interface OverlayPaintInput {
  layout: TimelineLayout;
  window: TimeWindow;
  panels: readonly OverlayPanelSpec[];
  /** The value scale of each panel. */
  scales: readonly ValueScale[];
  sides: readonly PaintedSide[];
}

/** What a draw put on the canvas: points per side (in the window) and the series drawn ("baseline:cpu"). */
export interface OverlayPaintResult {
  points: Record<PaintedSide['name'], number>;
  series: string[];
}

const dash = [5, 3];
/**
 * The baseline, drawn first, is wider than the candidate drawn over it: where both sides read the
 * same (a memory plateau, a thread count) the baseline still shows as a rim around the candidate.
 */
const lineWidths: Record<PaintedSide['name'], number> = { baseline: 2.5, candidate: 1.25 };
const endDash = [2, 3];
const labelFont = '10.5px Inter, "Segoe UI", "Liberation Sans", Arial, sans-serif';

/** Draws everything but the hover line. */
export function paintOverlayBase(context: CanvasRenderingContext2D, input: OverlayPaintInput): OverlayPaintResult {
  const { layout, window, panels, sides } = input;
  const result: OverlayPaintResult = { points: { baseline: 0, candidate: 0 }, series: [] };
  context.clearRect(0, 0, layout.width, layout.height);
  const ticks = timeTicks(window.from, window.to, layout.plots[0]?.width ?? 0);
  panels.forEach((panel, panelIndex) => {
    const plot = layout.plots[panelIndex]!;
    const scale = input.scales[panelIndex]!;
    const series = drawnSeries(
      panel,
      sides.map((side) => side.columns),
    );
    const titleEnd = paintPanelTitle(context, plot, panel.title);
    if (series.length > 1) paintLineKey(context, plot, series, titleEnd);
    paintGrid(context, plot, ticks, window);
    paintValueAxis(context, plot, scale, panel.unit, 0);
    context.save();
    context.beginPath();
    context.rect(plot.left, plot.top - 1, plot.width, plot.height + 2);
    context.clip();
    const toY = (value: number) => plot.top + plot.height - (value / scale.maximum) * plot.height;
    for (const side of sides) {
      for (const spec of series) {
        const values = side.columns.values[spec.key];
        const drawn = values ? windowPoints(side.columns.times, 0, window, plot) : null;
        if (!values || !drawn) continue;
        context.setLineDash(spec.dashed ? dash : []);
        paintLine(context, {
          xs: drawn.xs,
          values: values.subarray(drawn.first, drawn.end),
          toY,
          color: side.color,
          width: lineWidths[side.name],
        });
        result.points[side.name] += drawn.xs.length;
        result.series.push(`${side.name}:${spec.key}`);
      }
    }
    context.setLineDash([]);
    sides.forEach((side, sideIndex) => paintEnd(context, plot, window, side, panelIndex === 0 ? sideIndex : -1));
    context.restore();
  });
  if (layout.plots.length > 0) paintTimeLabels(context, layout, ticks, window);
  return result;
}

/**
 * In a panel's header, right-aligned: which line style is which series (solid, dashed). Keys that
 * would run into the title (`titleEnd`, a narrow chart) are left out; the readout still names both.
 */
function paintLineKey(
  context: CanvasRenderingContext2D,
  plot: Rectangle,
  series: readonly OverlaySeriesSpec[],
  titleEnd: number,
): void {
  context.font = labelFont;
  context.textBaseline = 'middle';
  context.textAlign = 'left';
  const sample = 20;
  const gap = 6;
  const spacing = 16;
  const widths = series.map((spec) => context.measureText(spec.label).width);
  const total = widths.reduce((sum, width) => sum + sample + gap + width, 0) + spacing * (series.length - 1);
  let left = plot.left + plot.width - total;
  if (left < titleEnd + spacing) return;
  const y = Math.round(plot.top - panelHeader / 2) + 0.5;
  context.fillStyle = chartPalette().label;
  context.strokeStyle = chartPalette().label;
  context.lineWidth = 1.25;
  series.forEach((spec, index) => {
    context.setLineDash(spec.dashed ? dash : []);
    context.beginPath();
    context.moveTo(left, y);
    context.lineTo(left + sample, y);
    context.stroke();
    context.fillText(spec.label, left + sample + gap, y);
    left += sample + gap + widths[index]! + spacing;
  });
  context.setLineDash([]);
}

/**
 * A faint dotted line where a side's session ended, in its colour; on the top panel (`labelRow` ≥ 0)
 * labelled with its length, one row per side so two close ends never overlap.
 */
function paintEnd(
  context: CanvasRenderingContext2D,
  plot: Rectangle,
  window: TimeWindow,
  side: PaintedSide,
  labelRow: number,
): void {
  const end: Milliseconds = side.columns.duration;
  const x = Math.round(timeToX(plot, window)(end)) + 0.5;
  if (x < plot.left - 1 || x > plot.left + plot.width + 1) return;
  context.strokeStyle = side.color;
  context.globalAlpha = 0.6;
  context.lineWidth = 1;
  context.setLineDash(endDash);
  context.beginPath();
  context.moveTo(x, plot.top);
  context.lineTo(x, plot.top + plot.height);
  context.stroke();
  context.setLineDash([]);
  context.globalAlpha = 1;
  if (labelRow < 0) return;
  const label = `ended ${formatDuration(end)}`;
  context.font = labelFont;
  context.textBaseline = 'top';
  context.textAlign = 'left';
  const width = context.measureText(label).width;
  // Left of the line when the label would leave the plot on its right.
  const left = x + 4 + width > plot.left + plot.width ? x - 4 - width : x + 4;
  const top = plot.top + 3 + labelRow * 16;
  context.fillStyle = chartPalette().labelPlate;
  context.fillRect(left - 3, top - 1, width + 6, 14);
  context.fillStyle = side.color;
  context.fillText(label, left, top);
}
