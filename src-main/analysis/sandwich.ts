// One function's callers and callees (a "sandwich", as speedscope calls it). Both are merged from
// the outermost occurrences of the function in the selection's call tree, so recursion does not
// count a sample twice: callees merge those occurrences' subtrees; callers invert the paths from
// each occurrence up to the root.

import { ThermographError } from '../../src-shared/api/errors';
import type { Profile } from '../../src-shared/profile/profile';
import type { ProfileSelection, SandwichView } from '../../src-shared/profile/views';
import { TrieBuilder, type LaidOutTree } from './call-tree';
import { callTreeOf, flameGraphViewOf } from './flame-graph';
import { viewFrameOf } from './view-frames';

/** Outermost occurrences of `frame` in pre-order (nodes with no ancestor of the same frame). */
function outermostOccurrences(tree: LaidOutTree, frame: number): number[] {
  const found: number[] = [];
  for (let index = 1; index < tree.length;) {
    if (tree.frame[index] === frame) {
      found.push(index);
      index = tree.end[index]!;
    } else index++;
  }
  return found;
}

/** The sandwich view of one function (a frame id of the profile) in a selection. */
export function sandwich(profile: Profile, selection: ProfileSelection, frame: number): SandwichView {
  if (frame >= profile.frames.length) {
    throw new ThermographError('not-found', `Function ${frame} is not in this profile; reload the view.`);
  }
  const tree = callTreeOf(profile, selection);
  const occurrences = outermostOccurrences(tree, frame);
  const callees = new TrieBuilder();
  const callers = new TrieBuilder();
  let sampleCount = 0;
  for (const occurrence of occurrences) {
    sampleCount += tree.totalSamples[occurrence]!;
    // Callees: the occurrence's subtree, re-rooted. Pre-order means a node's parent was mapped first.
    const mapped = new Map<number, number>([[tree.parent[occurrence]!, -1]]);
    for (let index = occurrence; index < tree.end[occurrence]!; index++) {
      const node = callees.node(mapped.get(tree.parent[index]!)!, tree.frame[index]!);
      mapped.set(index, node);
      callees.selfWeight[node]! += tree.self[index]!;
      callees.selfSamples[node]! += tree.selfSamples[index]!;
    }
    // Callers: the function, then its caller, up to the outermost; the weight rests at the end.
    let node = callers.node(-1, frame);
    for (let ancestor = tree.parent[occurrence]!; ancestor > 0; ancestor = tree.parent[ancestor]!) {
      node = callers.node(node, tree.frame[ancestor]!);
    }
    callers.selfWeight[node]! += tree.total[occurrence]!;
    callers.selfSamples[node]! += tree.totalSamples[occurrence]!;
  }
  return {
    selection,
    frame: viewFrameOf(profile, frame),
    callers: flameGraphViewOf(profile, selection, callers.layOut(), sampleCount),
    callees: flameGraphViewOf(profile, selection, callees.layOut(), sampleCount),
  };
}
