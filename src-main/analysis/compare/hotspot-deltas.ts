// Which functions changed between two profiles: self and total weight per matched function on
// each side, as shares of the side's whole, sorted by how much the self share moved. Between two
// single recordings the only evidence is the sample counts, so each function gets a two-proportion
// test on them, adjusted for testing every function at once (Benjamini–Hochberg). Consecutive
// samples are correlated (a function stays on the CPU for many of them), which makes these tests
// optimistic: the verdicts say so, and repeated runs give the stronger answer.

import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { sampleCountAt, sampleTotal, type Profile } from '../../../src-shared/profile/profile';
import { FrameMatcher, type MatchedFrame } from './frame-key';
import { benjaminiHochbergAdjusted } from './multiple-tests';

/** One side's figures for a function. */
export interface HotspotSide {
  self: number;
  total: number;
  /** self / the side's whole weight (0–1). */
  selfShare: number;
  totalShare: number;
  /** Samples with the function on top / anywhere on the stack. */
  selfSamples: number;
  totalSamples: number;
}

/** How one function changed. */
export interface HotspotDelta {
  frame: MatchedFrame;
  baseline: HotspotSide;
  candidate: HotspotSide;
  /** Candidate self share minus baseline self share (−1–1). */
  selfShareChange: number;
  presence: 'both' | 'baseline-only' | 'candidate-only';
  /** Two-sided p of the self-sample proportions, adjusted over all functions; null without samples. */
  p: number | null;
  verdict: 'increase' | 'decrease' | 'no-change';
}

/** Options of hotspotDeltas. */
export interface HotspotDeltaOptions {
  alpha?: number;
}

/** Functions below this mean self share (both sides) are not tested. */
const minimumTestedShare = 0.005;

export interface SideTotals {
  self: Float64Array;
  total: Float64Array;
  selfSamples: Float64Array;
  totalSamples: Float64Array;
  weight: number;
  samples: number;
}

/** Per matched function of `profile` (numbered by `indexOf`, `count` in all): self and total weight and samples, each sample counted once per function. */
export function sideTotals(profile: Profile, indexOf: (frame: number) => number, count: number): SideTotals {
  // Aggregate samples per stack first: a stack is walked once however many samples it has.
  const stackWeight = new Float64Array(profile.stacks.length);
  const stackSamples = new Float64Array(profile.stacks.length);
  let weight = 0;
  for (let index = 0; index < profile.samples.length; index++) {
    const stack = profile.samples.stack[index]!;
    stackWeight[stack]! += profile.samples.weight[index]!;
    stackSamples[stack]! += sampleCountAt(profile.samples, index);
    weight += profile.samples.weight[index]!;
  }
  const functionOfFrame = Int32Array.from({ length: profile.frames.length }, (_, frame) => indexOf(frame));
  const totals: SideTotals = {
    self: new Float64Array(count),
    total: new Float64Array(count),
    selfSamples: new Float64Array(count),
    totalSamples: new Float64Array(count),
    weight,
    samples: sampleTotal(profile.samples),
  };
  // A function recursing on one stack is counted once: mark it with the stack being walked.
  const seenOn = new Int32Array(count).fill(-1);
  for (let stack = 0; stack < profile.stacks.length; stack++) {
    if (stackSamples[stack] === 0) continue;
    const top = functionOfFrame[profile.stacks.frame[stack]!]!;
    totals.self[top]! += stackWeight[stack]!;
    totals.selfSamples[top]! += stackSamples[stack]!;
    for (let row = stack; row >= 0; row = profile.stacks.parent[row]!) {
      const fn = functionOfFrame[profile.stacks.frame[row]!]!;
      if (seenOn[fn] === stack) continue;
      seenOn[fn] = stack;
      totals.total[fn]! += stackWeight[stack]!;
      totals.totalSamples[fn]! += stackSamples[stack]!;
    }
  }
  return totals;
}

function sideOf(totals: SideTotals, fn: number): HotspotSide {
  const share = (value: number) => (totals.weight > 0 ? value / totals.weight : 0);
  return {
    self: totals.self[fn] ?? 0,
    total: totals.total[fn] ?? 0,
    selfShare: share(totals.self[fn] ?? 0),
    totalShare: share(totals.total[fn] ?? 0),
    selfSamples: totals.selfSamples[fn] ?? 0,
    totalSamples: totals.totalSamples[fn] ?? 0,
  };
}

/** Two-sided p of a pooled two-proportion z-test (x1 of n1 against x2 of n2). */
function proportionP(x1: number, n1: number, x2: number, n2: number): number | null {
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const spread = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(spread > 0)) return 1;
  const z = Math.abs(x1 / n1 - x2 / n2) / spread;
  return Math.min(1, 2 * (1 - normalCdf(z, 0, 1)));
}

/** Every function of either profile with its change, the biggest self-share change first. */
export function hotspotDeltas(
  baseline: Profile,
  candidate: Profile,
  options: HotspotDeltaOptions = {},
): HotspotDelta[] {
  const alpha = options.alpha ?? 0.05;
  const matcher = new FrameMatcher();
  const beforeIndex = matcher.indexer(baseline);
  const afterIndex = matcher.indexer(candidate);
  // Key every frame of both sides first, so both tables have every function's slot.
  for (let frame = 0; frame < baseline.frames.length; frame++) beforeIndex(frame);
  for (let frame = 0; frame < candidate.frames.length; frame++) afterIndex(frame);
  const before = sideTotals(baseline, beforeIndex, matcher.frames.length);
  const after = sideTotals(candidate, afterIndex, matcher.frames.length);
  const rows: Omit<HotspotDelta, 'verdict'>[] = [];
  for (let fn = 0; fn < matcher.frames.length; fn++) {
    if (before.totalSamples[fn] === 0 && after.totalSamples[fn] === 0) continue;
    const beforeSide = sideOf(before, fn);
    const afterSide = sideOf(after, fn);
    rows.push({
      frame: matcher.frames[fn]!,
      baseline: beforeSide,
      candidate: afterSide,
      selfShareChange: afterSide.selfShare - beforeSide.selfShare,
      presence:
        beforeSide.totalSamples === 0 ? 'candidate-only' : afterSide.totalSamples === 0 ? 'baseline-only' : 'both',
      p: proportionP(beforeSide.selfSamples, before.samples, afterSide.selfSamples, after.samples),
    });
  }
  // Only functions with a meaningful share are tested: a runtime's hundreds of tiny functions would
  // dilute the adjustment until no real change could pass it (filtering on size, which says nothing
  // about the difference, keeps the adjustment valid). The rest keep no p-value.
  for (const row of rows) if ((row.baseline.selfShare + row.candidate.selfShare) / 2 < minimumTestedShare) row.p = null;
  const tested = rows.flatMap((row, index) => (row.p === null ? [] : [index]));
  const adjusted = benjaminiHochbergAdjusted(tested.map((index) => rows[index]!.p!));
  tested.forEach((index, position) => (rows[index]!.p = adjusted[position]!));
  return rows
    .map((row) => ({
      ...row,
      verdict:
        row.p !== null && row.p < alpha && row.selfShareChange !== 0
          ? row.selfShareChange > 0
            ? ('increase' as const)
            : ('decrease' as const)
          : ('no-change' as const),
    }))
    .sort((left, right) => Math.abs(right.selfShareChange) - Math.abs(left.selfShareChange));
}
