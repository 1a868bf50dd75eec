// The zoom window's arithmetic: zooming around a point, panning, what a key does, and keeping a
// window inside the session. Pure, so the behaviour a user feels is unit-tested.

import type { Milliseconds } from '../../../src-shared/units';
import type { TimeWindow } from './timeline-scene';

/** The narrowest window a zoom reaches: a few tenths of a second still have readable ticks. */
export const minimumSpan: Milliseconds = 200;
const keyZoomFactor = 1.5;
const keyPanShare = 0.1;
/** Pixels per line, for wheels that report lines (Firefox on some systems). */
const pixelsPerLine = 40;

/** `shown` scaled by `factor` (below 1: in) keeping the time `anchor` at the same place. */
export function zoomedWindow(shown: TimeWindow, anchor: Milliseconds, factor: number): TimeWindow {
  const span = shown.to - shown.from;
  const next = Math.max(minimumSpan, span * factor);
  const from = anchor - ((anchor - shown.from) / span) * next;
  return { from, to: from + next };
}

/** `shown` moved by `shift` milliseconds (negative: earlier). */
export function pannedWindow(shown: TimeWindow, shift: Milliseconds): TimeWindow {
  return { from: shown.from + shift, to: shown.to + shift };
}

/**
 * The zoom factor of one wheel event: a mouse notch (about 100 pixels) zooms by about a sixth,
 * a trackpad's small deltas zoom smoothly, and one event never zooms by more than 1.5×.
 */
export function wheelZoomFactor(deltaY: number, linesNotPixels: boolean): number {
  const pixels = deltaY * (linesNotPixels ? pixelsPerLine : 1);
  return Math.min(1.5, Math.max(1 / 1.5, Math.exp(pixels * 0.0015)));
}

/** A wheel event's movement, as the window arithmetic needs it. */
export interface WheelGesture {
  deltaX: number;
  deltaY: number;
  shiftKey: boolean;
  /** The deltas count lines, not pixels (Firefox on some systems). */
  lines: boolean;
}

/**
 * The window a wheel event asks for: shift or a sideways wheel pans (by the pixels it moved over
 * a plot `plotWidth` wide), anything else zooms around the time `anchor` under the pointer.
 */
export function windowForWheel(
  shown: TimeWindow,
  anchor: Milliseconds,
  gesture: WheelGesture,
  plotWidth: number,
): TimeWindow {
  const { deltaX, deltaY, shiftKey, lines } = gesture;
  if (shiftKey || Math.abs(deltaX) > Math.abs(deltaY)) {
    const delta = (shiftKey ? deltaY || deltaX : deltaX) * (lines ? pixelsPerLine : 1);
    return pannedWindow(shown, (delta / plotWidth) * (shown.to - shown.from));
  }
  return zoomedWindow(shown, anchor, wheelZoomFactor(deltaY, lines));
}

/** What a wheel over a chart does: zoom the chart, pan it, or leave the event to the page. */
export type WheelIntent = 'zoom' | 'pan' | 'page';

/**
 * What a wheel over a chart on a page that scrolls does, as in Firefox Profiler: Ctrl (⌘ on a Mac;
 * a trackpad pinch arrives as Ctrl+wheel) zooms the chart; a sideways wheel or Shift pans a chart
 * that is zoomed in; anything else scrolls the page, so a chart never traps a reader scrolling past.
 */
export function wheelIntent(gesture: WheelGesture, zoomKey: boolean, zoomedIn: boolean): WheelIntent {
  if (zoomKey) return 'zoom';
  const sideways = gesture.shiftKey || Math.abs(gesture.deltaX) > Math.abs(gesture.deltaY);
  return sideways && zoomedIn ? 'pan' : 'page';
}

/** The window a key asks for: undefined when the key is not the chart's, null for everything. */
export function windowForKey(key: string, shown: TimeWindow): TimeWindow | null | undefined {
  const span = shown.to - shown.from;
  const centre = (shown.from + shown.to) / 2;
  switch (key) {
    case '+':
    case '=':
      return zoomedWindow(shown, centre, 1 / keyZoomFactor);
    case '-':
      return zoomedWindow(shown, centre, keyZoomFactor);
    case 'ArrowLeft':
      return pannedWindow(shown, -span * keyPanShare);
    case 'ArrowRight':
      return pannedWindow(shown, span * keyPanShare);
    case '0':
    case 'Home':
      return null;
    default:
      return undefined;
  }
}

/**
 * Keeps a window inside a session `xMax` long and at least minimumSpan wide (a pan past an end
 * stops at it, keeping the width); null when it covers the whole session.
 */
export function clampWindow(window: TimeWindow, xMax: Milliseconds): TimeWindow | null {
  const span = Math.min(xMax, Math.max(Math.min(minimumSpan, xMax), window.to - window.from));
  if (span >= xMax) return null;
  const from = Math.min(xMax - span, Math.max(0, window.from));
  return { from, to: from + span };
}
