// The inverted call tree (Bottom-Up): each stack that has self weight is walked from its leaf
// outwards into a trie, so a function's callers become its children. Only `depth` levels below an
// asked-for inverted path are built: the full inverted tree of a big profile is many times its
// stack table, while a table shows a few expanded rows. Cost: one walk per weighted stack, at most
// path + depth steps each.

import type { Profile } from '../../src-shared/profile/profile';
import type { BottomUpView, ProfileSelection } from '../../src-shared/profile/views';
import { TrieBuilder } from './call-tree';
import { flameGraphViewOf } from './flame-graph';
import { selectSamples, type SelectedWeights } from './profile-selection';

/** The inverted tree of a selection under `path` (frame ids, leaf first), `depth` levels deeper. */
export function bottomUp(
  profile: Profile,
  selection: ProfileSelection,
  path: readonly number[],
  depth: number,
): BottomUpView {
  const { stacks } = profile;
  const selected = selectSamples(profile, selection);
  const trie = new TrieBuilder();
  // The trie's self weight is all weight reaching a node (so totals add up); `ended` is the part of
  // it whose stack ends there (the node's real self) and `more` marks stacks that go on beyond.
  const ended: number[] = [];
  const goesOn: boolean[] = [];
  if (path.length === 0 && depth === 1) {
    functionsBySelf(profile, selected, trie, ended, goesOn);
    return viewOf(profile, selection, selected, trie, ended, goesOn, path);
  }
  for (let stack = 0; stack < stacks.length; stack++) {
    const samples = selected.selfSamples[stack]!;
    if (samples === 0) continue;
    let row = stack;
    let matched = 0;
    while (matched < path.length && row >= 0 && stacks.frame[row] === path[matched]) {
      row = stacks.parent[row]!;
      matched++;
    }
    if (matched < path.length) continue;
    let node = -1;
    for (const frame of path) node = trie.node(node, frame);
    for (let level = 0; level < depth && row >= 0; level++) {
      node = trie.node(node, stacks.frame[row]!);
      row = stacks.parent[row]!;
    }
    if (node < 0) continue;
    trie.selfWeight[node]! += selected.selfWeight[stack]!;
    trie.selfSamples[node]! += samples;
    if (row >= 0) goesOn[node] = true;
    else ended[node] = (ended[node] ?? 0) + selected.selfWeight[stack]!;
  }
  return viewOf(profile, selection, selected, trie, ended, goesOn, path);
}

/**
 * The first level under the root (every function that has self weight) without the trie's lookup per
 * stack: weights are summed in arrays indexed by frame, and the trie gets one node per function, in
 * the order the stacks first name them (as the walk above would make them).
 */
function functionsBySelf(
  profile: Profile,
  selected: SelectedWeights,
  trie: TrieBuilder,
  ended: number[],
  goesOn: boolean[],
): void {
  const { stacks } = profile;
  const weight = new Float64Array(profile.frames.length);
  const samples = new Float64Array(profile.frames.length);
  const endedWeight = new Float64Array(profile.frames.length);
  const continues = new Uint8Array(profile.frames.length);
  const order: number[] = [];
  for (let stack = 0; stack < stacks.length; stack++) {
    const count = selected.selfSamples[stack]!;
    if (count === 0) continue;
    const frame = stacks.frame[stack]!;
    if (samples[frame] === 0) order.push(frame);
    weight[frame]! += selected.selfWeight[stack]!;
    samples[frame]! += count;
    if (stacks.parent[stack]! >= 0) continues[frame] = 1;
    else endedWeight[frame]! += selected.selfWeight[stack]!;
  }
  for (const frame of order) {
    const node = trie.node(-1, frame);
    trie.selfWeight[node] = weight[frame]!;
    trie.selfSamples[node] = samples[frame]!;
    if (continues[frame]) goesOn[node] = true;
    if (endedWeight[frame]) ended[node] = endedWeight[frame];
  }
}

function viewOf(
  profile: Profile,
  selection: ProfileSelection,
  selected: SelectedWeights,
  trie: TrieBuilder,
  ended: readonly number[],
  goesOn: readonly boolean[],
  path: readonly number[],
): BottomUpView {
  const tree = trie.layOut();
  const more = new Uint8Array(tree.length);
  for (let index = 1; index < tree.length; index++) {
    const node = tree.node[index]!;
    tree.self[index] = ended[node] ?? 0;
    if (goesOn[node]) more[index] = 1;
  }
  return {
    ...flameGraphViewOf(profile, selection, tree, selected.sampleCount),
    // The root's total is only the path's weight; the selection's is what percentages divide by.
    totalWeight: selected.totalWeight,
    path: [...path],
    totalSamples: tree.totalSamples,
    more,
  };
}
