// Functions by self and total weight. Total counts a sample once however often the function
// recurs in its stack: walking the call tree in pre-order, a node adds its subtree total only when
// no ancestor has the same frame (a per-frame count of open ancestors, so no ancestor walks).

import type { Profile } from '../../src-shared/profile/profile';
import type { HotspotRow, HotspotTable, ProfileSelection } from '../../src-shared/profile/views';
import type { LaidOutTree } from './call-tree';
import { callTreeOf } from './flame-graph';
import { ViewFrameTable } from './view-frames';

/** Per-frame self/total weights and sample counts of a laid-out tree (frames are profile frames). */
export function frameTotals(tree: LaidOutTree, frameCount: number) {
  const self = new Float64Array(frameCount);
  const total = new Float64Array(frameCount);
  const selfSamples = new Float64Array(frameCount);
  const totalSamples = new Float64Array(frameCount);
  const open = new Int32Array(frameCount);
  const path = new Int32Array(tree.maximumDepth + 2);
  let depth = 0;
  for (let index = 1; index < tree.length; index++) {
    // Close the ancestors whose subtree ended before this node.
    while (depth > 0 && tree.end[path[depth - 1]!]! <= index) open[tree.frame[path[--depth]!]!]! -= 1;
    const frame = tree.frame[index]!;
    self[frame]! += tree.self[index]!;
    selfSamples[frame]! += tree.selfSamples[index]!;
    if (open[frame] === 0) {
      total[frame]! += tree.total[index]!;
      totalSamples[frame]! += tree.totalSamples[index]!;
    }
    open[frame]! += 1;
    path[depth++] = index;
  }
  return { self, total, selfSamples, totalSamples };
}

/** The functions of a selection, heaviest self weight first, at most `limit` rows. */
export function hotspots(profile: Profile, selection: ProfileSelection, limit: number): HotspotTable {
  const tree = callTreeOf(profile, selection);
  const totals = frameTotals(tree, profile.frames.length);
  const used: number[] = [];
  for (let frame = 0; frame < profile.frames.length; frame++) if (totals.totalSamples[frame]! > 0) used.push(frame);
  used.sort((left, right) => totals.self[right]! - totals.self[left]! || totals.total[right]! - totals.total[left]!);
  const frames = new ViewFrameTable(profile);
  const rows: HotspotRow[] = used.slice(0, limit).map((frame) => ({
    frame: frames.add(frame),
    self: totals.self[frame]!,
    total: totals.total[frame]!,
    selfSamples: totals.selfSamples[frame]!,
    totalSamples: totals.totalSamples[frame]!,
  }));
  return {
    selection,
    weightUnit: profile.weightUnit,
    totalWeight: tree.total[0]!,
    sampleCount: tree.sampleCount,
    frames: frames.frames,
    rows,
  };
}
