// Line costs (src-shared/profile/profile.ts): built per sample or as V8 ticks, kept by the store
// (and old blobs without them still read), and folded per line of one function by lineCostsOf.

import { describe, expect, it } from 'vitest';
import { hottestLineOf, lineCostsOf } from '../../../src-main/analysis/line-costs';
import { appendCpuProfile } from '../../../src-main/import/cpuprofile';
import { decodeProfile, encodeProfile } from '../../../src-main/store/profile-encoding';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import type { Profile } from '../../../src-shared/profile/profile';

const all = { kind: 'cpu', range: null, thread: null } as const;

function builder(): ProfileBuilder {
  return new ProfileBuilder({
    kind: 'cpu',
    weightUnit: 'milliseconds',
    startTime: 1_000,
    source: { tool: 'austin', requestedIntervalMs: 1 },
  });
}

/**
 * main (file a.py) calls work from line 5 (and line 6), work runs lines 11 and 12, and work calls
 * itself from line 13: 10 samples, one per millisecond, on two threads.
 */
function sampledProfile(): { profile: Profile; main: number; work: number; other: number } {
  const target = builder();
  const main = target.frame({ name: 'main', kind: 'python', file: '/a.py', line: 1 });
  const work = target.frame({ name: 'work', kind: 'python', file: '/a.py', line: 10 });
  target.thread('main', 1);
  const other = target.thread('other', 2);
  const add = (time: number, frames: number[], lines: number[], thread = 0) => {
    const { stack, node } = target.lineStackOf(frames, lines);
    target.sample(stack, time, 1, thread, node);
  };
  for (let time = 0; time < 6; time++) add(time, [main, work], [5, 11]); // 6 × line 11
  add(6, [main, work], [6, 12]);
  add(7, [main, work, work], [5, 13, 12]); // recursion: work's line 13 calls work, which runs 12
  add(8, [main], [7]);
  add(9, [main, work], [5, 11], other);
  return { profile: target.build(), main, work, other };
}

const byLine = (costs: ReturnType<typeof lineCostsOf>) =>
  Object.fromEntries(costs.lines.map((cost) => [cost.line, [cost.self, cost.total]]));

describe('line costs per sample', () => {
  it('charges self to the running line and total to the call site, once per sample through recursion', () => {
    const { profile, main, work } = sampledProfile();
    const costs = lineCostsOf(profile, all, work);
    expect(costs.source).toBe('samples');
    expect(costs.selectionHonoured).toBe(true);
    // Line 12 runs in sample 6 and (in the inner call) sample 7; line 13 holds sample 7's call.
    expect(byLine(costs)).toEqual({ 11: [7, 7], 12: [2, 2], 13: [0, 1] });
    expect(byLine(lineCostsOf(profile, all, main))).toEqual({ 5: [0, 8], 6: [0, 1], 7: [1, 1] });
    expect(hottestLineOf(costs.lines)).toBe(11);
    expect(costs.totalWeight).toBe(10);
  });

  it('follows the range and the thread', () => {
    const { profile, work, other } = sampledProfile();
    const range = { start: 1_006, end: 1_008 };
    expect(byLine(lineCostsOf(profile, { ...all, range }, work))).toEqual({ 12: [2, 2], 13: [0, 1] });
    expect(byLine(lineCostsOf(profile, { ...all, thread: other }, work))).toEqual({ 11: [1, 1] });
  });

  it('survives storage, and a version 1 blob (no line costs) still reads', () => {
    const { profile, work } = sampledProfile();
    const decoded = decodeProfile(encodeProfile(profile));
    expect(byLine(lineCostsOf(decoded, all, work))).toEqual(byLine(lineCostsOf(profile, all, work)));
    // A profile without line costs is laid out as version 1 was: stamping the version reads it as one.
    const plain = builder();
    plain.sample(plain.stackOf([plain.frame({ name: 'f', kind: 'python' })]), 0, 1);
    const blob = encodeProfile(plain.build());
    blob.writeUInt32LE(1, 4);
    const old = decodeProfile(blob);
    expect(old.lines).toBeUndefined();
    expect(lineCostsOf(old, all, 0)).toEqual({ source: 'none', selectionHonoured: true, lines: [], totalWeight: 0 });
  });

  it('refuses a line node that is not on the sample stack, and drops unknown lines', () => {
    const target = builder();
    const a = target.frame({ name: 'a', kind: 'python' });
    const b = target.frame({ name: 'b', kind: 'python' });
    const { stack, node } = target.lineStackOf([a, b], [0, 2 ** 40]);
    expect(() => target.sample(target.stackOf([a]), 0, 1, 0, node)).toThrow(/not on stack/);
    target.sample(stack, 0, 1, 0, node);
    expect(lineCostsOf(target.build(), all, b).lines).toEqual([]);
  });
});

describe('line costs from V8 positionTicks', () => {
  const frame = (functionName: string, lineNumber: number) => ({ functionName, url: 'file:///srv/app.js', lineNumber });
  const cdp = {
    nodes: [
      { id: 1, callFrame: frame('(root)', -1), children: [2], positionTicks: [{ line: 99, ticks: 5 }] },
      { id: 2, callFrame: frame('main', 0), children: [3], positionTicks: [{ line: 2, ticks: 1 }] },
      {
        id: 3,
        callFrame: frame('hot', 4),
        positionTicks: [
          { line: 6, ticks: 3 },
          { line: 7, ticks: 1 },
        ],
      },
    ],
    startTime: 0,
    endTime: 5_000,
    samples: [2, 3, 3, 3, 3],
    timeDeltas: [1_000, 1_000, 1_000, 1_000, 1_000],
  };

  function imported(): Profile {
    const target = new ProfileBuilder({
      kind: 'cpu',
      weightUnit: 'milliseconds',
      startTime: 0,
      source: { tool: 'cpuprofile', requestedIntervalMs: null },
    });
    appendCpuProfile(target, cdp, { toProfileTime: (time) => time / 1000, negativeDeltas: 'reject', sourceName: 'x' });
    return target.build();
  }

  it('gives self cost per line for the whole recording, weighted by the stack mean sample', () => {
    const profile = imported();
    const hot = profile.frames.name.findIndex((name) => profile.strings[name] === 'hot');
    const costs = lineCostsOf(profile, all, hot);
    expect(costs.source).toBe('ticks');
    expect(costs.lines).toEqual([
      { line: 6, self: 3, selfSamples: 3, total: null },
      { line: 7, self: 1, selfSamples: 1, total: null },
    ]);
    // '(root)' has no frame of its own: its ticks are not charged to main.
    const main = profile.frames.name.findIndex((name) => profile.strings[name] === 'main');
    expect(lineCostsOf(profile, all, main).lines.map((cost) => cost.line)).toEqual([2]);
  });

  it('says a range is not honoured rather than splitting ticks over time', () => {
    const profile = imported();
    const hot = profile.frames.name.findIndex((name) => profile.strings[name] === 'hot');
    const costs = lineCostsOf(profile, { ...all, range: { start: 0, end: 2 } }, hot);
    expect(costs.selectionHonoured).toBe(false);
    expect(costs.lines.map((cost) => cost.selfSamples)).toEqual([3, 1]);
  });
});
