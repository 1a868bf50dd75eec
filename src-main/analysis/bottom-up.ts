// The inverted call tree (Bottom-Up): each stack that has self weight is walked from its leaf
// outwards into a trie, so a function's callers become its children. Only `depth` levels below an
// asked-for inverted path are built: the full inverted tree of a big profile is many times its
// stack table, while a table shows a few expanded rows. Cost: one walk per weighted stack, at most
// path + depth steps each.

import type { Profile } from '../../src-shared/profile/profile';
import type { BottomUpView, ProfileSelection } from '../../src-shared/profile/views';
import { TrieBuilder } from './call-tree';
import { flameGraphViewOf } from './flame-graph';
import { selectSamples } from './profile-selection';

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
