// A function's cost per line, from the profile's line costs (see src-shared/profile/profile.ts).
// Per-sample line nodes follow the selection: self cost on the line a sample ran in the function
// when the function was on top, total cost on the line it ran (or called from) when it was anywhere
// on the stack, counted once per sample even through recursion. V8's ticks cover the whole
// recording and carry self cost only: they are reported as such, never split over a range. Linear
// in samples × the depth of the stacks holding the function.

import { sampleCountAt, sampleTotal, type Profile } from '../../src-shared/profile/profile';
import type { FunctionLineCosts, LineCost } from '../../src-shared/profile/source-lines';
import type { ProfileSelection } from '../../src-shared/profile/views';
import { firstSampleAtOrAfter } from './profile-selection';

interface Row {
  cost: LineCost;
  // The last sample counted in `total`, so a recursive function counts a line once per sample.
  stamp: number;
}

/** The cost per line of `frame` (a frame index of `profile`) in a selection. */
export function lineCostsOf(profile: Profile, selection: ProfileSelection, frame: number): FunctionLineCosts {
  const lines = profile.lines;
  if (lines?.sampleNode) return sampledLineCosts(profile, selection, frame, lines.sampleNode);
  if (lines && lines.ticks.length > 0) return tickedLineCosts(profile, selection, frame);
  return { source: 'none', selectionHonoured: true, lines: [], totalWeight: 0 };
}

function rowOf(rows: Map<number, Row>, line: number, withTotal: boolean): Row {
  let row = rows.get(line);
  if (!row) {
    row = { cost: { line, self: 0, selfSamples: 0, total: withTotal ? 0 : null }, stamp: -1 };
    rows.set(line, row);
  }
  return row;
}

function sortedCosts(rows: Map<number, Row>): LineCost[] {
  return [...rows.values()].map((row) => row.cost).sort((left, right) => left.line - right.line);
}

function sampledLineCosts(
  profile: Profile,
  selection: ProfileSelection,
  frame: number,
  sampleNode: Int32Array,
): FunctionLineCosts {
  const { samples, stacks } = profile;
  const nodes = profile.lines!.nodes;
  // Stacks with the function somewhere on them (a parent row comes before its children).
  const holds = new Uint8Array(stacks.length);
  for (let stack = 0; stack < stacks.length; stack++) {
    const parent = stacks.parent[stack]!;
    holds[stack] = stacks.frame[stack] === frame || (parent >= 0 && holds[parent] === 1) ? 1 : 0;
  }
  let first = 0;
  let last = samples.length;
  if (selection.range) {
    first = firstSampleAtOrAfter(samples.time, selection.range.start - profile.startTime);
    last = firstSampleAtOrAfter(samples.time, selection.range.end - profile.startTime);
  }
  const rows = new Map<number, Row>();
  let totalWeight = 0;
  for (let index = first; index < last; index++) {
    if (selection.thread !== null && samples.thread[index] !== selection.thread) continue;
    const weight = samples.weight[index]!;
    totalWeight += weight;
    if (holds[samples.stack[index]!] !== 1) continue;
    let node = sampleNode[index]!;
    let top = true;
    // Bounded by the node count: a damaged table with a cycle cannot loop forever.
    for (let steps = 0; node >= 0 && node < nodes.length && steps < nodes.length; steps++) {
      const stack = nodes.stack[node]!;
      if (holds[stack] !== 1) break;
      const line = nodes.line[node]!;
      if (stacks.frame[stack] === frame && line > 0) {
        const row = rowOf(rows, line, true);
        if (top) {
          row.cost.self += weight;
          row.cost.selfSamples += sampleCountAt(samples, index);
        }
        if (row.stamp !== index) {
          row.stamp = index;
          row.cost.total! += weight;
        }
      }
      top = false;
      node = nodes.parent[node]!;
    }
  }
  return { source: 'samples', selectionHonoured: true, lines: sortedCosts(rows), totalWeight };
}

function tickedLineCosts(profile: Profile, selection: ProfileSelection, frame: number): FunctionLineCosts {
  const { samples, stacks } = profile;
  const ticks = profile.lines!.ticks;
  // A tick weighs its stack's mean sample weight over the recording (the sampling interval drifts).
  const weight = new Float64Array(stacks.length);
  const count = new Float64Array(stacks.length);
  let totalWeight = 0;
  for (let index = 0; index < samples.length; index++) {
    const stack = samples.stack[index]!;
    weight[stack]! += samples.weight[index]!;
    count[stack]! += sampleCountAt(samples, index);
    totalWeight += samples.weight[index]!;
  }
  const sampled = sampleTotal(samples);
  const meanWeight = sampled > 0 ? totalWeight / sampled : 0;
  const rows = new Map<number, Row>();
  for (let row = 0; row < ticks.length; row++) {
    const stack = ticks.stack[row]!;
    if (stack < 0 || stack >= stacks.length || stacks.frame[stack] !== frame) continue;
    const tickCount = ticks.ticks[row]!;
    const cost = rowOf(rows, ticks.line[row]!, false).cost;
    cost.selfSamples += tickCount;
    cost.self += tickCount * (count[stack]! > 0 ? weight[stack]! / count[stack]! : meanWeight);
  }
  const threadHonoured = selection.thread === null || profile.threads.length <= 1;
  return {
    source: 'ticks',
    selectionHonoured: selection.range === null && threadHonoured,
    lines: sortedCosts(rows),
    totalWeight,
  };
}

/** The line with the most self cost, then total; null when there is none. */
export function hottestLineOf(lines: readonly LineCost[]): number | null {
  let best: LineCost | null = null;
  for (const cost of lines) {
    if (!best || cost.self > best.self || (cost.self === best.self && (cost.total ?? 0) > (best.total ?? 0)))
      best = cost;
  }
  return best && (best.self > 0 || (best.total ?? 0) > 0) ? best.line : null;
}
