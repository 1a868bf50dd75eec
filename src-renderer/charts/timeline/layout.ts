// Where the timeline's parts sit: a plot rectangle per panel, stacked on one shared time axis, the
// time labels below the last one and the overview slider at the bottom. In CSS pixels.

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

/** The smallest height at which every panel stays readable; the host scrolls below it. */
export const minimumTimelineHeight =
  topPadding +
  timelinePanels.length * (panelHeader + minimumPlot + panelGap) +
  timeLabels +
  sliderHeight +
  sliderBottom;

/** Lays the panels out in a chart of this size (below the minimum height, the chart is taller than its host). */
export function timelineLayout(width: number, height: number): TimelineLayout {
  const fixed =
    topPadding +
    timeLabels +
    sliderHeight +
    sliderBottom +
    timelinePanels.length * panelHeader +
    (timelinePanels.length - 1) * panelGap;
  const chartHeight = Math.max(height, minimumTimelineHeight);
  const plotHeight = Math.max(40, Math.floor((chartHeight - fixed) / timelinePanels.length));
  const plotWidth = Math.max(1, width - plotLeft - plotRight);
  const plots = timelinePanels.map((_, index) => ({
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
    slider: { left: plotLeft, top: chartHeight - sliderBottom - sliderHeight, width: plotWidth, height: sliderHeight },
  };
}

/** The plot area's horizontal margins together (the point budget counts the pixels between them). */
export const plotMargins = plotLeft + plotRight;
