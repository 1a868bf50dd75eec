// Which samples a view covers: a time range and a thread, folded into self weight and self sample
// count per stack. Samples are sorted by time, so a range is two binary searches. The last selection
// of each profile is kept: the flame graph, its hotspots and the bottom-up tree of one selection
// are asked for one after another, and folding a million samples is a third of each answer's time.

import { sampleCountAt, type Profile } from '../../src-shared/profile/profile';
import type { ProfileSelection } from '../../src-shared/profile/views';

/** Self weight and sample count per stack of the selected samples; shared, so never written to. */
export interface SelectedWeights {
  /** Indexed by stack. */
  selfWeight: Float64Array;
  selfSamples: Float64Array;
  totalWeight: number;
  sampleCount: number;
}

/** Index of the first sample whose time is ≥ `time` (milliseconds since the profile's start). */
export function firstSampleAtOrAfter(times: Float64Array, time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The last selection folded for each profile (profiles are immutable, so a profile is its own key). */
const lastSelections = new WeakMap<Profile, { key: string; weights: SelectedWeights }>();

/** Folds the selected samples of a profile into per-stack self weights (the result is shared: read only). */
export function selectSamples(profile: Profile, selection: ProfileSelection): SelectedWeights {
  const key = `${selection.thread}:${selection.range?.start}:${selection.range?.end}`;
  const last = lastSelections.get(profile);
  if (last?.key === key) return last.weights;
  const weights = foldSamples(profile, selection);
  lastSelections.set(profile, { key, weights });
  return weights;
}

function foldSamples(profile: Profile, selection: ProfileSelection): SelectedWeights {
  const { samples } = profile;
  const selfWeight = new Float64Array(profile.stacks.length);
  const selfSamples = new Float64Array(profile.stacks.length);
  let first = 0;
  let last = samples.length;
  if (selection.range) {
    first = firstSampleAtOrAfter(samples.time, selection.range.start - profile.startTime);
    last = firstSampleAtOrAfter(samples.time, selection.range.end - profile.startTime);
  }
  const thread = selection.thread;
  let totalWeight = 0;
  let sampleCount = 0;
  for (let index = first; index < last; index++) {
    if (thread !== null && samples.thread[index] !== thread) continue;
    const stack = samples.stack[index]!;
    const weight = samples.weight[index]!;
    selfWeight[stack]! += weight;
    const count = sampleCountAt(samples, index);
    selfSamples[stack]! += count;
    totalWeight += weight;
    sampleCount += count;
  }
  return { selfWeight, selfSamples, totalWeight, sampleCount };
}
