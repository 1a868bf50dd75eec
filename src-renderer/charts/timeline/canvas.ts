// Canvas and tooltip plumbing the hand-drawn charts share: canvases sized for the screen's pixel
// ratio and drawn on in CSS pixels, a readout placed beside the pointer inside its host, and the
// wheel's movement read off its event.

import { wheelIntent, type WheelGesture } from './time-window';

/**
 * The canvas a chart's pointer and keyboard act on: focusable, and announced as an image whose
 * `label` says what it shows and how to drive it.
 */
export function interactiveCanvas(className: string, label: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.className = className;
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  return canvas;
}

/** Sizes a canvas to width × height CSS pixels at the screen's pixel ratio; true when it changed (which clears it). */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): boolean {
  const ratio = window.devicePixelRatio || 1;
  const deviceWidth = Math.max(1, Math.round(width * ratio));
  const deviceHeight = Math.max(1, Math.round(height * ratio));
  if (canvas.width === deviceWidth && canvas.height === deviceHeight) return false;
  canvas.width = deviceWidth;
  canvas.height = deviceHeight;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  return true;
}

/** A sized canvas's 2D context, scaled so drawing is in CSS pixels. */
export function scaledContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  const context = canvas.getContext('2d');
  const ratio = window.devicePixelRatio || 1;
  context?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return context;
}

/**
 * Moves a shown tooltip beside the pointer at (x, y): to its right, or to its left where it would
 * pass the host's right edge, and never below `bottom`.
 */
export function placeTooltip(tooltip: HTMLElement, x: number, y: number, hostWidth: number, bottom: number): void {
  const width = tooltip.offsetWidth;
  const height = tooltip.offsetHeight;
  const left = x + 16 + width > hostWidth ? Math.max(0, x - 16 - width) : x + 16;
  const top = Math.max(0, Math.min(y + 12, bottom - height));
  tooltip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
}

/** Where a pointer event happened, in CSS pixels from `element`'s top-left corner. */
export function pointIn(element: HTMLElement, event: MouseEvent): { x: number; y: number } {
  const bounds = element.getBoundingClientRect();
  return { x: event.clientX - bounds.left, y: event.clientY - bounds.top };
}

/**
 * The wheel's movement when the chart takes it (Ctrl or ⌘ held, or a sideways wheel over a zoomed-in
 * chart: wheelIntent), or null to leave it to the page.
 */
export function chartWheel(event: WheelEvent, zoomedIn: boolean): WheelGesture | null {
  const gesture = wheelGesture(event);
  return wheelIntent(gesture, event.ctrlKey || event.metaKey, zoomedIn) === 'page' ? null : gesture;
}

/** A wheel event's movement for windowForWheel. */
export function wheelGesture(event: WheelEvent): WheelGesture {
  return {
    deltaX: event.deltaX,
    deltaY: event.deltaY,
    shiftKey: event.shiftKey,
    lines: event.deltaMode === WheelEvent.DOM_DELTA_LINE,
  };
}
