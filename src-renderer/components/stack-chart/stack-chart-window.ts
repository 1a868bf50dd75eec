// The visible part of a stack chart: a time window across the width (wall-clock milliseconds) and
// a vertical scroll over the depths, root row on top as in Firefox Profiler. Zoom, pan, the box
// under a point, and when the engine must be asked again for a finer picture. Pure.

import { boxAt, type ChartBoxes } from './stack-chart-boxes';

/** A time interval in wall-clock milliseconds; end is after start. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** Where the chart is on screen, in CSS pixels. */
export interface ChartLayout {
  window: TimeWindow;
  width: number;
  height: number;
  rowHeight: number;
  /** Pixels scrolled down from the root row. */
  scrollTop: number;
}

/** The narrowest window a zoom reaches: a hundredth of a millisecond, finer than any sampler. */
export const minimumSpanMs = 0.01;

/** The height (CSS px) of every depth of the chart. */
export function chartHeight(maximumDepth: number, rowHeight: number): number {
  return maximumDepth * rowHeight;
}

/** The top edge (CSS px, canvas-relative) of a depth's row (1 is the root row). */
export function depthTop(layout: ChartLayout, depth: number): number {
  return (depth - 1) * layout.rowHeight - layout.scrollTop;
}

/** The depths with a pixel on screen, inclusive (first > last when none). */
export function visibleDepthRange(layout: ChartLayout, maximumDepth: number): { first: number; last: number } {
  const first = Math.max(1, Math.floor(layout.scrollTop / layout.rowHeight) + 1);
  const last = Math.min(maximumDepth, Math.ceil((layout.scrollTop + layout.height) / layout.rowHeight));
  return { first, last };
}

/** The time under a canvas x. */
export function timeAt(layout: ChartLayout, x: number): number {
  const { start, end } = layout.window;
  return start + (x / layout.width) * (end - start);
}

/** The canvas x of a time. */
export function xOf(layout: ChartLayout, time: number): number {
  const { start, end } = layout.window;
  return ((time - start) / (end - start)) * layout.width;
}

/** The box under a canvas point, or -1. */
export function hitTest(boxes: ChartBoxes, layout: ChartLayout, x: number, y: number): number {
  if (x < 0 || x >= layout.width || y < 0 || y >= layout.height) return -1;
  const depth = Math.floor((y + layout.scrollTop) / layout.rowHeight) + 1;
  return boxAt(boxes, depth, timeAt(layout, x));
}

/** Keeps a window inside `bounds` at its width (shrunk to fit, and at least minimumSpanMs wide). */
export function clampWindow(window: TimeWindow, bounds: TimeWindow): TimeWindow {
  const boundsSpan = bounds.end - bounds.start;
  const span = Math.min(boundsSpan, Math.max(minimumSpanMs, window.end - window.start));
  const start = Math.max(bounds.start, Math.min(window.start, bounds.end - span));
  return Number.isFinite(start) ? { start, end: start + span } : { ...bounds };
}

/** Zooms by `factor` (below 1 zooms in) around the time at `anchor` (0–1 across), which stays put. */
export function zoomWindow(window: TimeWindow, factor: number, anchor: number, bounds: TimeWindow): TimeWindow {
  const span = window.end - window.start;
  const pivot = window.start + span * anchor;
  const next = Math.max(minimumSpanMs, Math.min(bounds.end - bounds.start, span * factor));
  return clampWindow({ start: pivot - next * anchor, end: pivot + next * (1 - anchor) }, bounds);
}

/** Moves a window by `deltaMs` (positive shows later times). */
export function panWindow(window: TimeWindow, deltaMs: number, bounds: TimeWindow): TimeWindow {
  return clampWindow({ start: window.start + deltaMs, end: window.end + deltaMs }, bounds);
}

/** The window that shows one box with a little room either side (a double-click zooms to it). */
export function boxWindow(boxes: ChartBoxes, box: number, bounds: TimeWindow): TimeWindow {
  const start = boxes.start[box]!;
  const end = boxes.end[box]!;
  const margin = (end - start) * 0.05;
  return clampWindow({ start: start - margin, end: end + margin }, bounds);
}

/**
 * Whether the data drawn is too coarse for the window: the engine merged runs shorter than its
 * `pixelMs`, and the window now spreads one of those over more than `tolerance` pixels.
 */
export function needsFinerData(pixelMs: number, window: TimeWindow, width: number, tolerance = 1.5): boolean {
  if (!(pixelMs > 0) || width <= 0) return false;
  return pixelMs / ((window.end - window.start) / width) > tolerance;
}

/** True when `data` covers the whole window. */
export function covers(data: TimeWindow, window: TimeWindow): boolean {
  return data.start <= window.start && data.end >= window.end;
}

/**
 * What to ask the engine for when zoomed in: the window and one window's width either side (so a
 * pan does not at once run off the data), clipped to the bounds, at the window's resolution.
 */
export function detailRequest(
  window: TimeWindow,
  width: number,
  bounds: TimeWindow,
): { range: TimeWindow; width: number } {
  const span = window.end - window.start;
  const range = {
    start: Math.max(bounds.start, window.start - span),
    end: Math.min(bounds.end, window.end + span),
  };
  const pixels = Math.max(1, Math.round((width * (range.end - range.start)) / span));
  return { range, width: Math.min(100_000, pixels) };
}
