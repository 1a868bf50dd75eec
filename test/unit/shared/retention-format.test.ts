import { describe, expect, it } from 'vitest';
import { describeDownsampled, describeRetention, formatSpan } from '../../../src-shared/format/retention';
import type { RetentionState } from '../../../src-shared/model/retention';
import { bucketMeans, downsampledSpans, envelopePoints, type TierEnvelope } from '../../../src-shared/timeline/tiers';

const state: RetentionState = {
  sessionId: 1,
  fullDetailMs: 3_600_000,
  bucketMs: 10_000,
  isDefault: true,
  pinned: [],
  downsampledBefore: null,
  bucketCount: 0,
  bucketedSamples: 0,
};

describe('retention in words', () => {
  it('says the window, the pins and the buckets as the session view and show print them', () => {
    expect(describeRetention(state)).toBe('Full detail: last 1 h · older: 10 s min/mean/max');
    expect(describeRetention(state, true)).toBe(
      'Full detail: last 1 h (profile: last 10 min) · older: 10 s min/mean/max',
    );
    expect(describeRetention({ ...state, fullDetailMs: 600_000 }, true)).toBe(
      'Full detail: last 10 min · older: 10 s min/mean/max',
    );
    const pin = { id: 1, sessionId: 1, from: 0, to: 1, reason: 'user' as const, label: '' };
    expect(describeRetention({ ...state, pinned: [pin, { ...pin, id: 2 }] })).toBe(
      'Full detail: last 1 h and 2 pinned ranges · older: 10 s min/mean/max',
    );
    expect(describeDownsampled(state)).toBeNull();
    expect(describeDownsampled({ ...state, bucketCount: 8_280, bucketedSamples: 82_800 })).toBe(
      '82,800 older samples kept as 8,280 buckets',
    );
    expect([600_000, 90_000, 1_500, 500].map(formatSpan)).toEqual(['10 min', '90 s', '1.5 s', '500 ms']);
  });
});

describe('tiers as drawn', () => {
  // A bucket of 10 samples (10 s to 19 s, min 1, mean 4, max 30) then two samples kept whole.
  const times = Float64Array.from([19_000, 20_000, 21_000]);
  const envelope: TierEnvelope = {
    counts: Float64Array.from([10, 1, 1]),
    starts: Float64Array.from([10_000, 20_000, 21_000]),
    minimum: { cpuUser: Float64Array.from([1, 5, 6]) },
    maximum: { cpuUser: Float64Array.from([30, 5, 6]) },
  };

  it('draws a bucket as its minimum at its start and its maximum at its end', () => {
    const drawn = envelopePoints(times, { cpuUser: Float64Array.from([4, 5, 6]) }, envelope);
    expect(Array.from(drawn.times)).toEqual([10_000, 19_000, 20_000, 21_000]);
    expect(Array.from(drawn.columns.cpuUser!)).toEqual([1, 30, 5, 6]);
  });

  it('averages bucket means over their samples, breaking the line where samples kept whole lie between', () => {
    // Buckets of 10, 10 and 5 samples with means 4, 7 and 2; a pinned sample between the second and third.
    const read = Float64Array.from([9_000, 19_000, 20_000, 24_000]);
    const tiers: TierEnvelope = {
      counts: Float64Array.from([10, 10, 1, 5]),
      starts: Float64Array.from([0, 10_000, 20_000, 20_000]),
      minimum: {},
      maximum: {},
    };
    const means = bucketMeans(read, { cpuUser: Float64Array.from([4, 7, 99, 2]) }, tiers, 1);
    expect(Array.from(means.series.cpuUser!)).toEqual([5.5, Number.NaN, 2]);
    expect(Array.from(means.times)).toEqual([9_500, 15_750, 22_000]);
  });

  it('lists the spans drawn from buckets', () => {
    expect(downsampledSpans(times, envelope)).toEqual([{ from: 10_000, to: 19_000 }]);
    expect(downsampledSpans(times, undefined)).toEqual([]);
  });
});
