// The profile views beside the flame graph, on a 1M-sample profile over a 500k-node call tree with
// samples in a realistic time order (stacks repeat for a while, then jump): the Bottom-Up tree,
// stack chart data for a 1,400 px chart, and one transform applied. These run in the main process
// for every brush and click, so each must answer within a frame budget a person does not notice.

import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { bottomUp } from '../../../src-main/analysis/bottom-up';
import { stackChart } from '../../../src-main/analysis/stack-chart';
import { applyTransform } from '../../../src-main/analysis/transforms/apply';
import { exportProfile } from '../../../src-main/import/export';
import type { Profile } from '../../../src-shared/profile/profile';
import type { Transform } from '../../../src-shared/profile/transforms';
import type { ProfileSelection } from '../../../src-shared/profile/views';
import { chromiumFlags, chromiumPath } from '../../helpers/chromium';
import { seededRandom } from '../../helpers/seeded-random';
import { median, type BenchRow } from '../table';
import { scaled } from './bench-cache';
import { makeCallTree, type CallTree } from './call-tree';
import { profileOf } from './compare-bench';
import { quickNote } from './inputs';
import { reason } from './measure-format';
import { ensurePeer, speedscopeRelease } from './peers';
import { serveSpeedscope, timeSpeedscope } from './speedscope-page';
import { timeSpeedscopeTimeOrder } from './speedscope-time-order';

const group = 'profile-views';
const nodes = scaled(500_000);
const sampleCount = scaled(1_000_000);
const runs = 7;
/** speedscope loads a 1M-sample file in seconds: fewer runs of it. */
const peerRuns = 3;
const all: ProfileSelection = { kind: 'cpu', range: null, thread: null };

/**
 * `sampleCount` 1 ms samples whose stacks are drawn from the tree by self samples (hot nodes
 * often), each stack kept for a few samples in a row, as a program stays in a function a while.
 */
function timeOrderedProfile(tree: CallTree): Profile {
  // The compare bench's profile has one sample per node with self samples, weighted by them.
  const base = profileOf(tree, () => 1);
  const cumulative = new Float64Array(base.samples.length);
  let sum = 0;
  for (let index = 0; index < base.samples.length; index++) cumulative[index] = sum += base.samples.weight[index]!;
  const random = seededRandom(21);
  const draw = () => {
    const target = random() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! <= target) low = middle + 1;
      else high = middle;
    }
    return base.samples.stack[low]!;
  };
  const stack = new Int32Array(sampleCount);
  let current = draw();
  for (let index = 0; index < sampleCount; index++) {
    if (random() < 0.3) current = draw();
    stack[index] = current;
  }
  return {
    ...base,
    durationMs: sampleCount,
    samples: {
      length: sampleCount,
      stack,
      time: Float64Array.from({ length: sampleCount }, (_, index) => index),
      weight: new Float64Array(sampleCount).fill(1),
      thread: new Uint16Array(sampleCount),
      count: null,
    },
  };
}

/** The benchmarks' time-ordered profile: 1M samples over a 500k-node call tree (also the stack chart draw's). */
export function timeOrderBenchProfile(): Profile {
  return timeOrderedProfile(makeCallTree({ nodes, seed: 5, deepening: 0.45, maximumDepth: 400 }));
}

/** Median milliseconds of `runs` calls, after one warm-up call. */
function medianMs(work: () => unknown): number {
  work();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const began = performance.now();
    work();
    times.push(performance.now() - began);
  }
  return median(times);
}

/** The frame with the most self weight: the one a person merges or focuses first. */
function hottestFrame(profile: Profile): number {
  const self = new Float64Array(profile.frames.length);
  for (let index = 0; index < profile.samples.length; index++) {
    self[profile.stacks.frame[profile.samples.stack[index]!]!]! += profile.samples.weight[index]!;
  }
  return self.indexOf(Math.max(...self));
}

/**
 * speedscope's time-order view of the same profile, exported as a speedscope file: the median of
 * `peerRuns` loads, each timed from the click on "Time Order" to drawn. A description of why not
 * when it cannot run.
 */
async function speedscopeTimeOrder(profile: Profile): Promise<string> {
  const peer = await ensurePeer('speedscope');
  if (!peer.ok) return `speedscope: not measured (${peer.reason})`;
  const file = join(tmpdir(), `thermograph-bench-time-order-${process.pid}.speedscope.json`);
  await exportProfile(profile, 'speedscope', file);
  const server = await serveSpeedscope(speedscopeRelease(peer.folder), [file]);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
  try {
    const times: number[] = [];
    for (let run = 0; run < peerRuns; run++) {
      await timeSpeedscope(browser, server.pageUrl(file), 180_000, async (page) => {
        times.push(await timeSpeedscopeTimeOrder(page, 60_000));
      });
    }
    return `${median(times).toFixed(0)} ms (speedscope's Time Order, click to drawn; median of ${peerRuns})`;
  } catch (error) {
    return `speedscope: not measured (${reason(error)})`;
  } finally {
    await browser.close();
    await server.close();
    rmSync(file, { force: true });
  }
}

/** Runs the profile-views benchmark and returns its rows. */
export async function runProfileViewsBench(): Promise<BenchRow[]> {
  const profile = timeOrderBenchProfile();
  const size = `${(sampleCount / 1e6).toLocaleString('en-US')}M samples, ${Math.round(profile.stacks.length / 1000)}k stacks`;
  // A null goal: reported beside the others, not one of the goals.
  const row = (measure: string, ms: number, goalMs: number | null, peer = '—'): BenchRow => ({
    group,
    measure: `${measure} (${size}; median of ${runs})${quickNote}`,
    ours: `${ms.toFixed(1)} ms`,
    peer,
    floor: '—',
    goal: goalMs === null ? 'reported' : `≤ ${goalMs} ms`,
    met: goalMs === null || ms <= goalMs,
  });
  const hot = hottestFrame(profile);
  const transforms: [string, Transform][] = [
    ['merge-function of the hottest function', { type: 'merge-function', frame: hot }],
    ['focus-function on the hottest function', { type: 'focus-function', frame: hot }],
    ['drop-internal', { type: 'drop-internal' }],
  ];
  const roots = bottomUp(profile, all, [], 1);
  const heaviest = roots.frames[roots.nodes.frame[1]!]!.id;
  const chart = stackChart(profile, all, 1400);
  // A 10 s window, as when zoomed in on the timeline: runs of their own stacks, not merged to the root.
  const window: ProfileSelection = { ...all, range: { start: 500_000, end: 510_000 } };
  const zoomed = stackChart(profile, window, 1400);
  const rows = [
    row(
      'Bottom-Up tree, functions (first level)',
      medianMs(() => bottomUp(profile, all, [], 1)),
      200,
    ),
    row(
      'Bottom-Up tree, three levels of callers',
      medianMs(() => bottomUp(profile, all, [], 3)),
      null,
    ),
    row(
      'Bottom-Up, expanding the heaviest function',
      medianMs(() => bottomUp(profile, all, [heaviest], 1)),
      200,
    ),
    row(
      `stack chart data for 1,400 px (${chart.runs.length.toLocaleString('en-US')} runs)`,
      medianMs(() => stackChart(profile, all, 1400)),
      200,
    ),
    row(
      `stack chart data for 1,400 px of a 10 s range (${zoomed.runs.length.toLocaleString('en-US')} runs)`,
      medianMs(() => stackChart(profile, window, 1400)),
      200,
    ),
    ...transforms.map(([name, transform]) =>
      row(
        `apply one transform: ${name}`,
        medianMs(() => applyTransform(profile, transform)),
        150,
      ),
    ),
  ];
  // The peer last, so its browser's memory and CPU do not weigh on our rows.
  rows[3]!.peer = await speedscopeTimeOrder(profile);
  return rows;
}
