// The zoom of a flame graph: a stack of nodes clicked into (the breadcrumb; Escape pops one) and
// the visible weight window, which the wheel and dragging move freely inside the root's width.

import type { FlameGraphView } from '../../../src-shared/profile/views';

/** A weight interval across the canvas width. */
export interface WeightWindow {
  start: number;
  end: number;
}

/** One breadcrumb entry. */
export interface Crumb {
  /** The node zoomed into; 0 is the root. */
  node: number;
  label: string;
}

/** The narrowest window the wheel may zoom to, as a fraction of the whole: deep enough for any frame. */
const minimumWindowFraction = 1e-9;

/** The window that shows the whole graph. */
export function fullWindow(view: FlameGraphView): WeightWindow {
  const nodes = view.nodes;
  if (nodes.length === 0) return { start: 0, end: 1 };
  const width = nodes.total[0]! > 0 ? nodes.total[0]! : 1;
  return { start: nodes.start[0]!, end: nodes.start[0]! + width };
}

/** The window that makes a node fill the width. */
export function nodeWindow(view: FlameGraphView, node: number): WeightWindow {
  const start = view.nodes.start[node]!;
  const total = view.nodes.total[node]!;
  return total > 0 ? { start, end: start + total } : fullWindow(view);
}

/** What the root box is called where the graph's owner does not name it. */
export const defaultRootLabel = 'all';

/** The node's name as a breadcrumb shows it (`rootLabel` for the root). */
export function nodeLabel(view: FlameGraphView, node: number, rootLabel = defaultRootLabel): string {
  const frame = view.nodes.frame[node]!;
  return frame < 0 ? rootLabel : (view.frames[frame]?.name ?? '?');
}

/** True when `ancestor` is `node` or contains it (pre-order subtree ranges). */
export function isAncestorOrSelf(view: FlameGraphView, ancestor: number, node: number): boolean {
  return node >= ancestor && node < view.nodes.end[ancestor]!;
}

/**
 * The zoom stack after clicking `node`: entries that do not contain it are dropped (clicking a
 * sibling replaces rather than nests), then it is pushed. Clicking the top again changes nothing.
 */
export function pushZoom(view: FlameGraphView, stack: readonly number[], node: number): number[] {
  const kept = stack.filter((entry) => isAncestorOrSelf(view, entry, node) && entry !== node);
  return node === 0 ? [] : [...kept, node];
}

/** The zoom stack one level up (Escape, Backspace). */
export function popZoom(stack: readonly number[]): number[] {
  return stack.slice(0, -1);
}

/** The breadcrumb of a zoom stack, the root first. */
export function breadcrumb(view: FlameGraphView, stack: readonly number[], rootLabel = defaultRootLabel): Crumb[] {
  return [{ node: 0, label: rootLabel }, ...stack.map((node) => ({ node, label: nodeLabel(view, node) }))];
}

/** The window of the top of a zoom stack (the whole graph when empty). */
export function stackWindow(view: FlameGraphView, stack: readonly number[]): WeightWindow {
  const top = stack.at(-1);
  return top === undefined ? fullWindow(view) : nodeWindow(view, top);
}

/** Keeps a window inside `bounds` without changing its width (or shrinks it to fit). */
export function clampWindow(current: WeightWindow, bounds: WeightWindow): WeightWindow {
  const boundsWidth = bounds.end - bounds.start;
  const width = Math.max(boundsWidth * minimumWindowFraction, Math.min(current.end - current.start, boundsWidth));
  let start = Math.max(bounds.start, Math.min(current.start, bounds.end - width));
  if (!Number.isFinite(start)) start = bounds.start;
  return { start, end: start + width };
}

/**
 * Zooms a window by `factor` (< 1 zooms in) around the weight at `anchor` (0–1 across the width),
 * which stays under the pointer.
 */
export function zoomWindow(current: WeightWindow, factor: number, anchor: number, bounds: WeightWindow): WeightWindow {
  const width = current.end - current.start;
  const pivot = current.start + width * anchor;
  const newWidth = width * factor;
  return clampWindow({ start: pivot - newWidth * anchor, end: pivot + newWidth * (1 - anchor) }, bounds);
}

/** Moves a window by `delta` weight units (positive moves the view right). */
export function panWindow(current: WeightWindow, delta: number, bounds: WeightWindow): WeightWindow {
  return clampWindow({ start: current.start + delta, end: current.end + delta }, bounds);
}
