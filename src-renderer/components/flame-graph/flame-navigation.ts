// Moving a flame graph's keyboard selection between boxes: left and right go to the neighbouring
// sibling, the arrow pointing away from the root goes to the heaviest child (where the time went),
// the arrow pointing to the root goes to the parent. Pure, over the pre-order node arrays.

import type { CallTreeNodes } from '../../../src-shared/profile/views';
import type { FlameOrientation } from './flame-layout';
import { clampWindow, type WeightWindow } from './flame-zoom';

/** An arrow key as the graph reads it. */
export type FlameArrow = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

/** True for the four arrow keys. */
export function isFlameArrow(key: string): key is FlameArrow {
  return key === 'ArrowLeft' || key === 'ArrowRight' || key === 'ArrowUp' || key === 'ArrowDown';
}

/** The children of a node, left to right (pre-order: each child's subtree ends where the next starts). */
export function childrenOf(nodes: CallTreeNodes, node: number): number[] {
  const children: number[] = [];
  for (let child = node + 1; child < nodes.end[node]!; child = nodes.end[child]!) children.push(child);
  return children;
}

/** The heaviest child of a node (the leftmost of equals), or the node itself when it has none. */
export function heaviestChild(nodes: CallTreeNodes, node: number): number {
  let best = node;
  for (const child of childrenOf(nodes, node)) {
    if (best === node || nodes.total[child]! > nodes.total[best]!) best = child;
  }
  return best;
}

/** The sibling `step` places to the right (negative: left), or the node itself at either end. */
export function siblingOf(nodes: CallTreeNodes, node: number, step: -1 | 1): number {
  const parent = nodes.parent[node]!;
  if (parent < 0) return node;
  const siblings = childrenOf(nodes, parent);
  return siblings[siblings.indexOf(node) + step] ?? node;
}

/**
 * Where an arrow key moves the selection from `node`. Up and down follow the picture: in a flame
 * (root at the bottom) up is the heaviest child; in an icicle (root at the top) up is the parent.
 * With nothing selected (-1) any arrow selects the root.
 */
export function moveSelection(
  nodes: CallTreeNodes,
  node: number,
  key: FlameArrow,
  orientation: FlameOrientation,
): number {
  if (nodes.length === 0) return -1;
  if (node < 0 || node >= nodes.length) return 0;
  if (key === 'ArrowLeft') return siblingOf(nodes, node, -1);
  if (key === 'ArrowRight') return siblingOf(nodes, node, 1);
  const towardsRoot = (key === 'ArrowDown') === (orientation === 'flame');
  if (towardsRoot) return nodes.parent[node]! >= 0 ? nodes.parent[node]! : node;
  return heaviestChild(nodes, node);
}

/**
 * The window that shows a node: unchanged when the node is already wholly inside it and at least
 * `minimumFraction` of its width; otherwise moved (and widened or narrowed when needed) so the
 * node sits in the middle at a readable width, within `bounds`.
 */
export function revealWindow(
  current: WeightWindow,
  nodes: CallTreeNodes,
  node: number,
  bounds: WeightWindow,
  minimumFraction = 0.02,
): WeightWindow {
  const start = nodes.start[node]!;
  const total = nodes.total[node]!;
  const width = current.end - current.start;
  const inside = start >= current.start && start + total <= current.end;
  if (inside && total >= width * minimumFraction) return current;
  // Too wide for the window: fit it. Too narrow to read: zoom so it takes a tenth of the width.
  const newWidth = total > width ? total : total < width * minimumFraction ? Math.max(total * 10, 1e-12) : width;
  const middle = start + total / 2;
  return clampWindow({ start: middle - newWidth / 2, end: middle + newWidth / 2 }, bounds);
}
