// The flame graph of a selection: the profile's stack table is already a call tree (the builder
// deduplicates (parent, frame) pairs), so a view is its weights for the selected samples, laid out.

import type { Profile } from '../../src-shared/profile/profile';
import type { CallTreeNodes, FlameGraphView, ProfileSelection } from '../../src-shared/profile/views';
import { layOutTree, type LaidOutTree } from './call-tree';
import { selectSamples } from './profile-selection';
import { ViewFrameTable } from './view-frames';

/** The call tree of a selection, frames still the profile's. */
export function callTreeOf(profile: Profile, selection: ProfileSelection): LaidOutTree & { sampleCount: number } {
  const selected = selectSamples(profile, selection);
  const tree = layOutTree({
    length: profile.stacks.length,
    parent: profile.stacks.parent,
    frame: profile.stacks.frame,
    selfWeight: selected.selfWeight,
    selfSamples: selected.selfSamples,
  });
  return { ...tree, sampleCount: selected.sampleCount };
}

/** Turns a laid-out tree into the view the renderer draws. */
export function flameGraphViewOf(
  profile: Profile,
  selection: ProfileSelection,
  tree: LaidOutTree,
  sampleCount: number,
): FlameGraphView {
  const frames = new ViewFrameTable(profile);
  const frame = new Int32Array(tree.length);
  for (let index = 0; index < tree.length; index++) frame[index] = frames.add(tree.frame[index]!);
  return {
    selection,
    weightUnit: profile.weightUnit,
    totalWeight: tree.total[0]!,
    sampleCount,
    maximumDepth: tree.maximumDepth,
    frames: frames.frames,
    nodes: callTreeNodes(tree, frame),
  };
}

/** A laid-out tree as the nodes a view carries, with `frame` its frames as the view numbers them. */
export function callTreeNodes(tree: LaidOutTree, frame: Int32Array): CallTreeNodes {
  return {
    length: tree.length,
    frame,
    parent: tree.parent,
    depth: tree.depth,
    end: tree.end,
    start: tree.start,
    total: tree.total,
    self: tree.self,
  };
}

/** The flame graph of a selection of a profile. */
export function flameGraph(profile: Profile, selection: ProfileSelection): FlameGraphView {
  const tree = callTreeOf(profile, selection);
  return flameGraphViewOf(profile, selection, tree, tree.sampleCount);
}
