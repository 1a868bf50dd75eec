// Stack chart data: the selected samples in time order as runs of one stack, downsampled to a
// pixel budget. A sample lasts until the next selected sample (the last one its own weight when
// weights are milliseconds, else the requested interval). A folded row of a long recording (several
// samples of one stack in one bucket, sample-folding.ts) lasts its weight, laid after the rows
// before it: the order within a bucket is gone, so the chart keeps each stack's time there, not when. Runs shorter than a pixel gather into
// groups of about a pixel, drawn at the deepest stack all their samples share: that is what a
// chart can show at that zoom, and it bounds the answer to about two runs per pixel. Each run
// counts the samples in it, so a box can say how many samples it stands for; the only samples in no
// run are those of a sub-pixel group whose stacks share no frame (nothing to draw them as).

import { sampleCountAt, type Profile } from '../../src-shared/profile/profile';
import type { ProfileSelection, StackChartView, TimeRange } from '../../src-shared/profile/views';
import { firstSampleAtOrAfter } from './profile-selection';
import { ViewFrameTable } from './view-frames';

/** Collects runs, joining one to the previous when it continues the same stack. */
class RunList {
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly stack: number[] = [];
  readonly samples: number[] = [];

  add(start: number, end: number, stack: number, samples: number): void {
    if (stack < 0) return;
    const last = this.stack.length - 1;
    if (last >= 0 && this.stack[last] === stack && this.end[last] === start) {
      this.end[last] = end;
      this.samples[last]! += samples;
    } else {
      this.start.push(start);
      this.end.push(end);
      this.stack.push(stack);
      this.samples.push(samples);
    }
  }
}

/** The stack chart of a selection, for a chart `width` pixels wide. */
export function stackChart(profile: Profile, selection: ProfileSelection, width: number): StackChartView {
  const { samples, stacks } = profile;
  const range: TimeRange = selection.range ?? {
    start: profile.startTime,
    end: profile.startTime + profile.durationMs,
  };
  const from = range.start - profile.startTime;
  const to = range.end - profile.startTime;
  const pixel = Math.max(to - from, 0) / Math.max(width, 1);
  const depth = stackDepths(profile);
  const common = (left: number, right: number): number => {
    while (depth[left]! > depth[right]!) left = stacks.parent[left]!;
    while (depth[right]! > depth[left]!) right = stacks.parent[right]!;
    while (left !== right) {
      left = stacks.parent[left]!;
      right = stacks.parent[right]!;
    }
    return left;
  };
  const first = firstSampleAtOrAfter(samples.time, from);
  const last = firstSampleAtOrAfter(samples.time, to);
  const thread = selection.thread;
  const runs = new RunList();
  let group = -2;
  let groupStart = 0;
  let groupEnd = 0;
  let groupSamples = 0;
  let sampleCount = 0;
  let previous = -1;
  let previousStart = 0;
  const folded = (index: number) =>
    profile.weightUnit === 'milliseconds' && samples.count !== null && samples.count[index]! > 1;
  const lastDuration = (index: number) =>
    profile.weightUnit === 'milliseconds' ? samples.weight[index]! : (profile.source.requestedIntervalMs ?? 0);
  // Each selected sample ends where the next begins, so the loop settles sample `previous` on
  // reaching the next one (and the last after the loop).
  const settle = (index: number, start: number, end: number) => {
    const stack = samples.stack[index]!;
    const count = sampleCountAt(samples, index);
    if (group === -2) {
      if (end - start >= pixel) runs.add(start, end, stack, count);
      else [group, groupStart, groupEnd, groupSamples] = [stack, start, end, count];
      return;
    }
    if (end - start >= pixel) {
      // A run long enough to draw ends the group, however short the group is.
      runs.add(groupStart, groupEnd, group, groupSamples);
      runs.add(start, end, stack, count);
      group = -2;
      return;
    }
    group = group < 0 ? -1 : common(group, stack);
    groupEnd = end;
    groupSamples += count;
    if (groupEnd - groupStart >= pixel) {
      runs.add(groupStart, groupEnd, group, groupSamples);
      group = -2;
    }
  };
  for (let index = first; index < last; index++) {
    if (thread !== null && samples.thread[index] !== thread) continue;
    sampleCount += sampleCountAt(samples, index);
    let start = samples.time[index]!;
    if (previous >= 0) {
      const end = folded(previous) ? previousStart + samples.weight[previous]! : Math.max(start, previousStart);
      start = Math.max(start, end);
      settle(previous, previousStart, end);
    }
    previous = index;
    previousStart = start;
  }
  if (previous >= 0)
    settle(previous, previousStart, Math.min(previousStart + lastDuration(previous), Math.max(to, previousStart)));
  if (group !== -2) runs.add(groupStart, groupEnd, group, groupSamples);
  return {
    selection,
    weightUnit: profile.weightUnit,
    range,
    pixelMs: pixel,
    sampleCount,
    ...chartNodes(profile, runs, depth),
  };
}

/** Depth of every stack (1 for a root). */
function stackDepths(profile: Profile): Int32Array {
  const { parent, length } = profile.stacks;
  const depth = new Int32Array(length);
  for (let stack = 0; stack < length; stack++) depth[stack] = parent[stack]! < 0 ? 1 : depth[parent[stack]!]! + 1;
  return depth;
}

/** The node table of the stacks the runs use (and their callers), and the runs pointing into it. */
function chartNodes(profile: Profile, runs: RunList, depth: Int32Array) {
  const { stacks } = profile;
  const used = new Int32Array(stacks.length).fill(-1);
  for (const stack of runs.stack) {
    for (let row = stack; row >= 0 && used[row]! < 0; row = stacks.parent[row]!) used[row] = 0;
  }
  // Renumbered in stack order, which keeps parents before children.
  let length = 0;
  for (let stack = 0; stack < stacks.length; stack++) if (used[stack] === 0) used[stack] = length++;
  const frames = new ViewFrameTable(profile);
  const nodes = {
    length,
    frame: new Int32Array(length),
    parent: new Int32Array(length),
    depth: new Int32Array(length),
  };
  let maximumDepth = 0;
  for (let stack = 0; stack < stacks.length; stack++) {
    const node = used[stack]!;
    if (node < 0) continue;
    const parent = stacks.parent[stack]!;
    nodes.frame[node] = frames.add(stacks.frame[stack]!);
    nodes.parent[node] = parent < 0 ? -1 : used[parent]!;
    nodes.depth[node] = depth[stack]!;
    if (depth[stack]! > maximumDepth) maximumDepth = depth[stack]!;
  }
  const startTime = profile.startTime;
  const count = runs.stack.length;
  const chartRuns = {
    length: count,
    start: new Float64Array(count),
    end: new Float64Array(count),
    node: new Int32Array(count),
    samples: Int32Array.from(runs.samples),
  };
  for (let index = 0; index < count; index++) {
    chartRuns.start[index] = startTime + runs.start[index]!;
    chartRuns.end[index] = startTime + runs.end[index]!;
    chartRuns.node[index] = used[runs.stack[index]!]!;
  }
  return { frames: frames.frames, nodes, maximumDepth, runs: chartRuns };
}
