// Folding a long profile's old samples (src-shared/profile/sample-folding.ts): a simulated hour at
// Node.js's 1 kHz, folded every minute as a recording does, stays bounded and still counts every
// sample and every millisecond; the pinned minute of an alert keeps each sample, in time order.

import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import { simulateLongProfile } from '../../helpers/long-profile';
import { sampleTotal, type Profile } from '../../../src-shared/profile/profile';
import { foldProfile, foldSampleRows } from '../../../src-shared/profile/sample-folding';
import { summarizeProfile } from '../../../src-main/analysis/profile-summary';
import { selectSamples } from '../../../src-main/analysis/profile-selection';
import { decodeProfile, encodeProfile } from '../../../src-main/store/profile-encoding';
import { profileFullDetailLimitMs } from '../../../src-shared/model/retention';

const startTime = 1_800_000_003_250; // not on a bucket boundary, as a real recording's start is not
const hourMs = 3_600_000;
const rateHz = 1_000;
const bucketMs = 10_000;
const pin = { from: startTime + 20 * 60_000, to: startTime + 21 * 60_000 }; // an alert's minute
const stackCount = 40;

describe('folding a long profile', () => {
  const simulated = simulateLongProfile({
    startTime,
    minutes: 60,
    rateHz,
    stackCount,
    retention: {
      fullDetailMs: hourMs,
      bucketMs,
      pinned: [{ ...pin, id: 1, sessionId: 1, reason: 'alert', label: 'cpu>90%' }],
    },
  });
  const { profile } = simulated;

  it('holds the recent ten minutes, the pinned minute and one row per bucket and stack beyond', () => {
    const samples = hourMs * (rateHz / 1000);
    // Between two folds: the full-detail window, the minute since the last fold, the pinned minute
    // widened to whole buckets, and a row per stack in each folded bucket.
    const bound =
      (profileFullDetailLimitMs + 60_000 + 60_000 + 2 * bucketMs) * (rateHz / 1000) + (hourMs / bucketMs) * stackCount;
    expect(simulated.maximumRows).toBeLessThan(bound);
    expect(bound).toBeLessThan(samples / 4);
    expect(profile.samples.length).toBeLessThan(bound);
  });

  it('counts every sample and every millisecond, per stack', () => {
    expect(sampleTotal(profile.samples)).toBe(hourMs * (rateHz / 1000));
    const summary = summarizeProfile(profile);
    expect(summary.sampleCount).toBe(hourMs * (rateHz / 1000));
    expect(summary.achievedRateHz).toBeCloseTo(rateHz, 2);
    const count = new Float64Array(simulated.countByStack.length);
    const weight = new Float64Array(simulated.countByStack.length);
    for (let index = 0; index < profile.samples.length; index++) {
      count[profile.samples.stack[index]!]! += profile.samples.count![index]!;
      weight[profile.samples.stack[index]!]! += profile.samples.weight[index]!;
    }
    expect([...count]).toEqual([...simulated.countByStack]);
    for (let stack = 0; stack < weight.length; stack++)
      expect(weight[stack]).toBeCloseTo(simulated.weightByStack[stack]!, 6);
  });

  it('keeps the rows in time order and the pinned minute sample by sample', () => {
    const { time, count } = profile.samples;
    let outOfOrder = 0;
    for (let index = 1; index < profile.samples.length; index++) if (time[index]! < time[index - 1]!) outOfOrder++;
    expect(outOfOrder).toBe(0);
    const pinned: number[] = [];
    let pinnedCounts = 0;
    for (let index = 0; index < profile.samples.length; index++) {
      if (startTime + time[index]! < pin.from || startTime + time[index]! > pin.to) continue;
      pinnedCounts += count![index]!;
      pinned.push(time[index]!);
    }
    expect(pinnedCounts).toBe(pinned.length);
    expect(pinned).toEqual(simulated.pinnedTimes);
  });

  it('gives an old range its weight exact to the bucket, and survives the store', () => {
    // Minute 5 is folded: its six buckets hold exactly its samples.
    const range = { start: startTime - (startTime % bucketMs) + 30 * bucketMs, end: 0 };
    range.end = range.start + 6 * bucketMs;
    const selected = selectSamples(profile, { kind: 'cpu', range, thread: null });
    expect(selected.sampleCount).toBe(60_000);
    const decoded = decodeProfile(encodeProfile(profile));
    expect([...decoded.samples.count!]).toEqual([...profile.samples.count!]);
    expect(selectSamples(decoded, { kind: 'cpu', range, thread: null }).totalWeight).toBeCloseTo(
      selected.totalWeight,
      6,
    );
  });
});

describe('foldSampleRows', () => {
  function rowsOf(times: number[], stacks: number[]) {
    return {
      length: times.length,
      stack: Int32Array.from(stacks),
      time: Float64Array.from(times),
      weight: new Float64Array(times.length).fill(1),
      thread: new Uint16Array(times.length),
      node: null,
      count: null,
    };
  }

  it('folds nothing younger than the window, and says so', () => {
    expect(foldSampleRows(rowsOf([0, 1, 2], [0, 0, 0]), 10_000, { before: 10_000, keep: [], bucketMs: 1_000 })).toBe(
      null,
    );
  });

  it('merges per bucket and stack, and folding again changes nothing', () => {
    const rows = rowsOf([0, 100, 200, 1_100, 1_200, 2_500], [0, 1, 0, 0, 0, 0]);
    const rule = { before: 2_000, keep: [], bucketMs: 1_000 };
    const once = foldSampleRows(rows, 0, rule)!;
    expect([...once.time]).toEqual([0, 100, 1_100, 2_500]);
    expect([...once.count!]).toEqual([2, 1, 2, 1]);
    expect([...once.weight]).toEqual([2, 1, 2, 1]);
    const twice = foldSampleRows(once, 0, rule)!;
    expect([...twice.count!]).toEqual([...once.count!]);
  });

  it('refuses a bucket that is not a positive duration', () => {
    expect(() => foldSampleRows(rowsOf([0], [0]), 0, { before: 1, keep: [], bucketMs: 0 })).toThrow(/positive/);
  });

  it('keeps a profile whole when the rule folds nothing', () => {
    expect(foldProfile(simulatedSmall(), { before: 0, keep: [], bucketMs: 1_000 }).samples.count).toBe(null);
  });
});

function simulatedSmall(): Profile {
  const builder = new ProfileBuilder({
    kind: 'cpu',
    weightUnit: 'milliseconds',
    startTime: 5_000,
    source: { tool: 'test', requestedIntervalMs: 1 },
  });
  builder.sample(builder.stack(-1, builder.frame({ name: 'f', kind: 'js' })), 0, 1);
  return builder.build();
}
