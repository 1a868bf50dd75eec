// Which node is under the pointer: the row gives the depth, then one walk down from the root
// following the child that covers the pointer's weight. O(depth × siblings), no per-node search.

import type { CallTreeNodes } from '../../../src-shared/profile/views';
import { minimumNodeWidth, pixelsPerWeight, yToDepth, type FlameLayout } from './flame-layout';

/** The node drawn at canvas point (x, y) in CSS px, or -1 for none (a gap, or too narrow to draw). */
export function hitTest(nodes: CallTreeNodes, layout: FlameLayout, x: number, y: number): number {
  if (nodes.length === 0 || x < 0 || x >= layout.width || y < 0 || y >= layout.height) return -1;
  const targetDepth = yToDepth(layout, y);
  if (targetDepth < 0 || targetDepth > layout.maximumDepth) return -1;
  const scale = pixelsPerWeight(layout);
  const weight = layout.viewStart + x / scale;
  const { start, total, end } = nodes;
  let node = 0;
  if (weight < start[0]! || weight >= start[0]! + total[0]!) return -1;
  for (let currentDepth = 0; currentDepth < targetDepth; currentDepth++) {
    let child = node + 1;
    let found = -1;
    while (child < end[node]!) {
      if (weight >= start[child]! && weight < start[child]! + total[child]!) {
        found = child;
        break;
      }
      child = end[child]!;
    }
    if (found < 0) return -1;
    node = found;
  }
  return total[node]! * scale >= minimumNodeWidth ? node : -1;
}
