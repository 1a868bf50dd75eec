// Where the timeline's parts sit: a plot rectangle per panel, stacked on one shared time axis, the
// time labels below the last one and the overview slider at the bottom. In CSS pixels. The session
// timeline and the Compare view's overlay are both such stacks.

import { timelinePanels } from '../timeline-panels';

/** A rectangle in CSS pixels from the chart's top-left corner. */
export interface Rectangle {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The rectangles of one chart size. */
export interface TimelineLayout {
  width: number;
  height: number;
  /** The plot of each panel (same left and width for all: one time axis). */
  plots: Rectangle[];
  /** The overview slider that shows and moves the zoomed window. */
  slider: Rectangle;
  /** The baseline of the time labels. */
  timeLabelsTop: number;
}

const plotLeft = 64;
const plotRight = 64;
const topPadding = 6;
/** Above each plot: the panel's title and legend. */
export const panelHeader = 24;
const panelGap = 14;
const timeLabels = 22;
const sliderHeight = 18;
const sliderBottom = 6;
const minimumPlot = 64;

/** What a stack of panels holds: how many panels, and whether the overview slider is below them. */
export interface StackSpec {
  panels: number;
  slider: boolean;
}

/** Below the last panel's time labels: the slider and its margin, or the margin alone. */
function bottomOf(spec: StackSpec): number {
  return spec.slider ? sliderHeight + sliderBottom : sliderBottom;
}

/** A stack's height without its plots. */
function fixedHeight(spec: StackSpec): number {
  return topPadding + timeLabels + bottomOf(spec) + spec.panels * panelHeader + (spec.panels - 1) * panelGap;
}

/** The smallest height at which every panel of a stack stays readable. */
export function minimumStackHeight(spec: StackSpec): number {
  // One gap more than the panels need: the session timeline has always kept it below its slider.
  return fixedHeight(spec) + spec.panels * minimumPlot + panelGap;
}

/**
 * Lays a stack of panels out in a chart of this size (below the minimum height, the chart is taller
 * than its host). Without a slider, `slider` is an empty rectangle at the bottom.
 */
export function stackedLayout(width: number, height: number, spec: StackSpec): TimelineLayout {
  const { panels } = spec;
  const bottom = bottomOf(spec);
  const fixed = fixedHeight(spec);
  const chartHeight = Math.max(height, minimumStackHeight(spec));
  const plotHeight = Math.max(40, Math.floor((chartHeight - fixed) / panels));
  const plotWidth = Math.max(1, width - plotLeft - plotRight);
  const plots = Array.from({ length: panels }, (_, index) => ({
    left: plotLeft,
    top: topPadding + index * (panelHeader + plotHeight + panelGap) + panelHeader,
    width: plotWidth,
    height: plotHeight,
  }));
  const last = plots[plots.length - 1]!;
  return {
    width,
    height: chartHeight,
    plots,
    timeLabelsTop: last.top + last.height + 6,
    slider: {
      left: plotLeft,
      top: chartHeight - bottom,
      width: plotWidth,
      height: spec.slider ? sliderHeight : 0,
    },
  };
}

/** The session timeline's stack: every panel, and the slider. */
const timelineStack: StackSpec = { panels: timelinePanels.length, slider: true };

/** The smallest height at which every panel stays readable; the host scrolls below it. */
export const minimumTimelineHeight = minimumStackHeight(timelineStack);

/** Lays the panels out in a chart of this size (below the minimum height, the chart is taller than its host). */
export function timelineLayout(width: number, height: number): TimelineLayout {
  return stackedLayout(width, height, timelineStack);
}

/** The height of a stack whose plots are `plotHeight` pixels high (at least its minimum). */
export function stackHeightFor(spec: StackSpec, plotHeight: number): number {
  return Math.max(minimumStackHeight(spec), fixedHeight(spec) + spec.panels * plotHeight);
}

/** The plot area's horizontal margins together (the point budget counts the pixels between them). */
export const plotMargins = plotLeft + plotRight;
