// The differential call tree of two profiles: both merged into one tree of matched frames (see
// frame-key.ts), each node carrying both sides' weights. It is laid out by the average of the two
// sides' shares, so what exists on one side only still has a box to point at; the flame graph
// colours each box by how its share changed.

import type { DiffFlameGraphView } from '../../../src-shared/compare/report';
import type { Profile } from '../../../src-shared/profile/profile';
import { TrieBuilder, type LaidOutTree } from '../call-tree';
import { callTreeNodes } from '../flame-graph';
import { FrameMatcher, type MatchedFrame } from './frame-key';

/** One side's weights per laid-out node, in that profile's unit. */
export interface DiffSide {
  /** The side's whole weight (the root's total). */
  grandTotal: number;
  total: Float64Array;
  self: Float64Array;
}

/** Two profiles' call trees merged: `tree.frame` indexes `frames`. */
export interface ProfileDiff {
  tree: LaidOutTree;
  frames: MatchedFrame[];
  baseline: DiffSide;
  candidate: DiffSide;
}

/** Optional restrictions: one thread by index of each profile's thread list (all merged when null). */
export interface DiffOptions {
  baselineThread?: number | null;
  candidateThread?: number | null;
}

/** Merges one profile's samples into the trie; returns the self weight per trie node it added. */
function addProfile(
  trie: TrieBuilder,
  profile: Profile,
  thread: number | null,
  frameIndex: (frame: number) => number,
): number[] {
  const nodeOfStack = new Int32Array(profile.stacks.length).fill(-1);
  const selfWeights: number[] = [];
  // Parents come before children in the stack table, so one forward pass maps every stack to a node.
  for (let stack = 0; stack < profile.stacks.length; stack++) {
    const parent = profile.stacks.parent[stack]!;
    nodeOfStack[stack] = trie.node(parent < 0 ? -1 : nodeOfStack[parent]!, frameIndex(profile.stacks.frame[stack]!));
  }
  const { samples } = profile;
  for (let index = 0; index < samples.length; index++) {
    if (thread !== null && samples.thread[index] !== thread) continue;
    const node = nodeOfStack[samples.stack[index]!]!;
    while (selfWeights.length <= node) selfWeights.push(0);
    selfWeights[node]! += samples.weight[index]!;
  }
  return selfWeights;
}

/** Sums self weights up a laid-out tree (parents come first in pre-order). */
function sideOf(tree: LaidOutTree, selfByTrieNode: readonly number[]): DiffSide {
  const self = new Float64Array(tree.length);
  for (let index = 1; index < tree.length; index++) self[index] = selfByTrieNode[tree.node[index]!] ?? 0;
  const total = Float64Array.from(self);
  for (let index = tree.length - 1; index > 0; index--) total[tree.parent[index]!]! += total[index]!;
  return { grandTotal: total[0]!, total, self };
}

/** The differential tree of `candidate` against `baseline`; each side may be several runs' profiles, merged. */
export function diffProfiles(
  baseline: Profile | readonly Profile[],
  candidate: Profile | readonly Profile[],
  options: DiffOptions = {},
): ProfileDiff {
  const trie = new TrieBuilder();
  const matcher = new FrameMatcher();
  const sideOfProfiles = (profiles: Profile | readonly Profile[], thread: number | null): number[] => {
    const weights: number[] = [];
    for (const profile of Array.isArray(profiles) ? profiles : [profiles as Profile]) {
      addProfile(trie, profile, thread, matcher.indexer(profile)).forEach((weight, node) => {
        weights[node] = (weights[node] ?? 0) + weight;
      });
    }
    return weights;
  };
  const before = sideOfProfiles(baseline, options.baselineThread ?? null);
  const after = sideOfProfiles(candidate, options.candidateThread ?? null);
  const beforeTotal = before.reduce((sum, weight) => sum + (weight ?? 0), 0);
  const afterTotal = after.reduce((sum, weight) => sum + (weight ?? 0), 0);
  // Layout weight: the mean of both sides' shares (a side with no samples counts as nothing).
  for (let node = 0; node < trie.selfWeight.length; node++) {
    const beforeShare = beforeTotal > 0 ? (before[node] ?? 0) / beforeTotal : 0;
    const afterShare = afterTotal > 0 ? (after[node] ?? 0) / afterTotal : 0;
    trie.selfWeight[node] = (beforeShare + afterShare) / 2;
    trie.selfSamples[node] = beforeShare + afterShare > 0 ? 1 : 0;
  }
  const tree = trie.layOut();
  return { tree, frames: matcher.frames, baseline: sideOf(tree, before), candidate: sideOf(tree, after) };
}

/** The diff as a flame graph view for the renderer (widths: mean shares; both sides' totals per node). */
export function diffFlameGraphView(
  diff: ProfileDiff,
  weightUnit: Profile['weightUnit'],
  runs: { baseline: number; candidate: number },
): DiffFlameGraphView {
  const { tree } = diff;
  return {
    selection: { kind: 'cpu', range: null, thread: null },
    weightUnit,
    totalWeight: tree.total[0]!,
    sampleCount: tree.length,
    maximumDepth: tree.maximumDepth,
    frames: diff.frames.map((frame, index) => ({
      id: index,
      name: frame.name,
      kind: frame.kind,
      file: frame.file,
      line: frame.line > 0 ? frame.line : null,
      column: null,
      module: null,
    })),
    nodes: callTreeNodes(tree, tree.frame),
    baselineTotal: diff.baseline.total,
    candidateTotal: diff.candidate.total,
    baselineWeight: diff.baseline.grandTotal,
    candidateWeight: diff.candidate.grandTotal,
    baselineRuns: runs.baseline,
    candidateRuns: runs.candidate,
  };
}
