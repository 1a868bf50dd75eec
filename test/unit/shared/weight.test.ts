import { describe, expect, it } from 'vitest';
import { formatShare, formatWeight, formatWeightLong, weightNoun } from '../../../src-shared/format/weight';

describe('weight formatting', () => {
  it('formats CPU time with three significant digits, then as a duration past a minute', () => {
    expect(formatWeight(0, 'milliseconds')).toBe('0 ms');
    // What sums of differences leave behind is nothing, not "-0 ms".
    expect(formatWeight(-1e-17, 'milliseconds')).toBe('0 ms');
    expect(formatWeight(-0, 'milliseconds')).toBe('0 ms');
    expect(formatWeight(0.25, 'milliseconds')).toBe('0.25 ms');
    expect(formatWeight(12.34, 'milliseconds')).toBe('12.3 ms');
    expect(formatWeight(850, 'milliseconds')).toBe('850 ms');
    // Where three digits would round up to "1000 ms" or "60 s", the next unit reads better.
    expect(formatWeight(999.7, 'milliseconds')).toBe('1 s');
    expect(formatWeight(12_340, 'milliseconds')).toBe('12.3 s');
    expect(formatWeight(59_970, 'milliseconds')).toBe('1 min 00 s');
    expect(formatWeight(125_000, 'milliseconds')).toBe('2 min 05 s');
  });

  it('keeps the sign of a difference between two profiles', () => {
    expect(formatWeight(-12.34, 'milliseconds')).toBe('-12.3 ms');
    expect(formatWeight(-125_000, 'milliseconds')).toBe('-2 min 05 s');
    expect(formatWeight(-1536, 'bytes')).toBe('-1.5 KiB');
    expect(formatWeight(-20, 'samples')).toBe('-20');
  });

  it('formats sizes and sample counts like the rest of the app', () => {
    expect(formatWeight(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatWeight(5 * 1024 * 1024, 'bytes')).toBe('5 MiB');
    expect(formatWeight(1234, 'samples')).toBe('1,234');
    expect(formatWeight(45_600, 'samples')).toBe('45.6k');
    expect(formatWeight(Number.NaN, 'milliseconds')).toBe('—');
    expect(formatWeight(Number.POSITIVE_INFINITY, 'bytes')).toBe('—');
  });

  it('spells out the unit only where the number alone is ambiguous', () => {
    expect(formatWeightLong(1, 'samples')).toBe('1 sample');
    expect(formatWeightLong(12, 'samples')).toBe('12 samples');
    expect(formatWeightLong(850, 'milliseconds')).toBe('850 ms');
    expect(formatWeightLong(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatWeightLong(Number.NaN, 'samples')).toBe('—');
  });

  it('formats shares of a total', () => {
    expect(formatShare(345, 1000)).toBe('34.5%');
    expect(formatShare(1, 1e6)).toBe('<0.1%');
    expect(formatShare(0, 1000)).toBe('0.0%');
    expect(formatShare(1000, 1000)).toBe('100%');
    expect(formatShare(1, 0)).toBe('—');
  });

  it('names what each unit measures', () => {
    expect(weightNoun('milliseconds')).toBe('CPU time');
    expect(weightNoun('bytes')).toBe('allocated bytes');
    expect(weightNoun('samples')).toBe('samples');
  });
});
