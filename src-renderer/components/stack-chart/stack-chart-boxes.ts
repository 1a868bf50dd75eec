// The boxes of a stack chart: the engine's runs (one stack each, in time order) turned into one box
// per function call per depth, as Firefox Profiler draws them. Consecutive runs that touch (one
// ends where the next starts) and share a caller at some depth share that depth's box, so a call
// that spans many samples is one box however its callees change. Pure: the component, the drawing
// and the unit tests share it.

import type { StackChartView } from '../../../src-shared/profile/views';

/**
 * Boxes grouped by depth and sorted by start within a depth: the boxes of depth d (1 is a root
 * frame) are the indexes [rowOffset[d - 1], rowOffset[d]). Times are wall-clock milliseconds.
 */
export interface ChartBoxes {
  readonly length: number;
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** Index into the view's nodes (its frame: nodes.frame). */
  readonly node: Int32Array;
  /** The samples of the box's runs (the tooltip's count). */
  readonly samples: Int32Array;
  readonly rowOffset: Int32Array;
  readonly maximumDepth: number;
}

/**
 * The boxes of a stack chart view. Linear in the runs times their depth: each run walks its
 * callers once (the engine bounds runs to about two per pixel).
 */
export function chartBoxes(view: StackChartView): ChartBoxes {
  const { nodes, runs } = view;
  const maximumDepth = view.maximumDepth;
  // Boxes per depth while they are built; depth 0 unused.
  const rows: { start: number[]; end: number[]; node: number[]; samples: number[] }[] = [];
  for (let depth = 0; depth <= maximumDepth; depth++) rows.push({ start: [], end: [], node: [], samples: [] });
  // The box each depth has open: its node (-1 for none), start, end and samples.
  const openNode = new Int32Array(maximumDepth + 1).fill(-1);
  const openStart = new Float64Array(maximumDepth + 1);
  const openEnd = new Float64Array(maximumDepth + 1);
  const openSamples = new Int32Array(maximumDepth + 1);
  const chain = new Int32Array(maximumDepth + 1);
  const close = (depth: number) => {
    if (openNode[depth]! < 0) return;
    const row = rows[depth]!;
    row.start.push(openStart[depth]!);
    row.end.push(openEnd[depth]!);
    row.node.push(openNode[depth]!);
    row.samples.push(openSamples[depth]!);
    openNode[depth] = -1;
  };
  let previousDepth = 0;
  for (let run = 0; run < runs.length; run++) {
    const start = runs.start[run]!;
    const end = runs.end[run]!;
    const leaf = runs.node[run]!;
    const samples = runs.samples[run]!;
    const depth = nodes.depth[leaf]!;
    for (let node = leaf; node >= 0; node = nodes.parent[node]!) chain[nodes.depth[node]!] = node;
    for (let level = 1; level <= depth; level++) {
      const node = chain[level]!;
      if (openNode[level] === node && openEnd[level] === start) {
        openEnd[level] = end;
        openSamples[level]! += samples;
        continue;
      }
      close(level);
      openNode[level] = node;
      openStart[level] = start;
      openEnd[level] = end;
      openSamples[level] = samples;
    }
    for (let level = depth + 1; level <= previousDepth; level++) close(level);
    previousDepth = depth;
  }
  for (let level = 1; level <= previousDepth; level++) close(level);

  let length = 0;
  const rowOffset = new Int32Array(maximumDepth + 1);
  for (let depth = 1; depth <= maximumDepth; depth++) rowOffset[depth] = length += rows[depth]!.start.length;
  const boxes = {
    length,
    start: new Float64Array(length),
    end: new Float64Array(length),
    node: new Int32Array(length),
    samples: new Int32Array(length),
    rowOffset,
    maximumDepth,
  };
  for (let depth = 1; depth <= maximumDepth; depth++) {
    const row = rows[depth]!;
    const offset = rowOffset[depth - 1]!;
    boxes.start.set(row.start, offset);
    boxes.end.set(row.end, offset);
    boxes.node.set(row.node, offset);
    boxes.samples.set(row.samples, offset);
  }
  return boxes;
}

/** The first box of a depth that ends after `time` (the row's end index when none does). */
export function firstBoxEndingAfter(boxes: ChartBoxes, depth: number, time: number): number {
  let low = boxes.rowOffset[depth - 1]!;
  let high = boxes.rowOffset[depth]!;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (boxes.end[middle]! <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The box of a depth covering `time`, or -1. */
export function boxAt(boxes: ChartBoxes, depth: number, time: number): number {
  if (depth < 1 || depth > boxes.maximumDepth) return -1;
  const index = firstBoxEndingAfter(boxes, depth, time);
  return index < boxes.rowOffset[depth]! && boxes.start[index]! <= time ? index : -1;
}

/** The depth of a box (1 for a root frame). */
export function boxDepth(boxes: ChartBoxes, box: number): number {
  let low = 1;
  let high = boxes.maximumDepth;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (boxes.rowOffset[middle]! <= box) low = middle + 1;
    else high = middle;
  }
  return low;
}
