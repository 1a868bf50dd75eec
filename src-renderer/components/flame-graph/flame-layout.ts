// Where a flame graph's nodes land on screen, and which of them are worth drawing. Pure: the canvas
// component and the unit tests share it. Positions are in CSS pixels; weights in the view's unit.

import type { CallTreeNodes } from '../../../src-shared/profile/views';

/** Root at the bottom (flame) or at the top (icicle). */
export type FlameOrientation = 'flame' | 'icicle';

/** The visible window of a flame graph: a weight interval across the width, a vertical scroll. */
export interface FlameLayout {
  /** Weight at the left edge (0 is the root's left edge). */
  viewStart: number;
  /** Weight at the right edge; greater than viewStart. */
  viewEnd: number;
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  rowHeight: number;
  /** Deepest depth in the view (the root is depth 0). */
  maximumDepth: number;
  /** Pixels scrolled down from the top of the whole graph. */
  scrollTop: number;
  orientation: FlameOrientation;
}

/** Nodes narrower than this (CSS px) are not drawn, nor anything under them. */
export const minimumNodeWidth = 1;

/** The height in CSS pixels of the whole graph, every depth included. */
export function contentHeight(layout: Pick<FlameLayout, 'rowHeight' | 'maximumDepth'>): number {
  return (layout.maximumDepth + 1) * layout.rowHeight;
}

/** Where a flame's root row ends: the bottom of the graph, or of the canvas when the graph is shorter. */
function flameBottom(layout: FlameLayout): number {
  return Math.max(contentHeight(layout), layout.height);
}

/** The top edge (CSS px, relative to the canvas) of a row of the given depth. */
export function depthToY(layout: FlameLayout, depth: number): number {
  const top =
    layout.orientation === 'icicle' ? depth * layout.rowHeight : flameBottom(layout) - (depth + 1) * layout.rowHeight;
  return top - layout.scrollTop;
}

/** The depth of the row under a canvas y (CSS px); may be out of range (-1, or past the deepest). */
export function yToDepth(layout: FlameLayout, y: number): number {
  const fromTop = y + layout.scrollTop;
  return layout.orientation === 'icicle'
    ? Math.floor(fromTop / layout.rowHeight)
    : Math.floor((flameBottom(layout) - fromTop) / layout.rowHeight);
}

/** The depths with at least one pixel on screen, inclusive. */
export function visibleDepths(layout: FlameLayout): { first: number; last: number } {
  const a = yToDepth(layout, 0);
  const b = yToDepth(layout, layout.height - 1e-6);
  const first = Math.max(0, Math.min(a, b));
  const last = Math.min(layout.maximumDepth, Math.max(a, b));
  return { first, last };
}

/** Pixels per weight unit at the current zoom. */
export function pixelsPerWeight(layout: FlameLayout): number {
  return layout.width / (layout.viewEnd - layout.viewStart);
}

/** Called for each node to draw, with its left edge and width in CSS px. */
export type VisibleNodeVisitor = (node: number, x: number, width: number, depth: number) => void;

/**
 * Visits the nodes that are on screen and at least `minimumNodeWidth` wide, in pre-order. A node
 * off to the side, too narrow, or below the last visible depth is skipped with its whole subtree
 * (one jump to end[i]), so the cost follows what is visible, not the size of the tree. Nodes above
 * the first visible depth are walked through but not visited. Returns how many nodes were visited.
 */
export function forEachVisibleNode(nodes: CallTreeNodes, layout: FlameLayout, visit: VisibleNodeVisitor): number {
  const { start, total, depth, end } = nodes;
  const scale = pixelsPerWeight(layout);
  const { viewStart, viewEnd } = layout;
  const { first, last } = visibleDepths(layout);
  if (first > last) return 0;
  let visited = 0;
  let index = 0;
  const length = nodes.length;
  while (index < length) {
    const nodeStart = start[index]!;
    const nodeEnd = nodeStart + total[index]!;
    const nodeDepth = depth[index]!;
    const width = total[index]! * scale;
    if (nodeEnd <= viewStart || nodeStart >= viewEnd || width < minimumNodeWidth || nodeDepth > last) {
      index = end[index]!;
      continue;
    }
    if (nodeDepth >= first) {
      visit(index, (nodeStart - viewStart) * scale, width, nodeDepth);
      visited++;
    }
    index++;
  }
  return visited;
}
