// Memory time-to-limit inside one session, on seeded RSS readings at 1 s: a planted leak's time to the
// limit is recovered within its interval, and steady, short or already-full series get the answer
// that says so instead of a number.

import { describe, expect, it } from 'vitest';
import { timeToLimit } from '../../../../src-main/analysis/trends/time-to-limit';
import { seededRandom } from '../../../helpers/seeded-random';
import { normal } from '../../../helpers/watch-series';

const mebibyte = 1024 * 1024;

/** `seconds` readings at 1 s from epoch 10⁶ ms: start + rate·t + Gaussian noise. */
function readings(seed: number, seconds: number, startBytes: number, bytesPerSecond: number, noiseBytes: number) {
  const random = seededRandom(seed);
  const times: number[] = [];
  const values: number[] = [];
  for (let second = 0; second < seconds; second++) {
    times.push(1_000_000 + second * 1000);
    values.push(startBytes + bytesPerSecond * second + noiseBytes * normal(random));
  }
  return { times, values };
}

describe('memory time to limit', () => {
  it('recovers a planted leak: 1 MiB/s from 200 MiB reaches 1 GiB in about 11 minutes', () => {
    let covered = 0;
    const trials = 100;
    for (let trial = 0; trial < trials; trial++) {
      const { times, values } = readings(70 + trial, 300, 200 * mebibyte, mebibyte, 8 * mebibyte);
      const result = timeToLimit(times, values, 1024 * mebibyte);
      if (result.status !== 'growing') throw new Error(`trial ${trial}: ${result.status}`);
      // From the last reading at 299 s, the true line has 1024 − 200 − 299 = 525 MiB left at 1 MiB/s.
      const truth = 525_000;
      if (result.remainingLowMs <= truth && truth <= result.remainingHighMs) covered++;
      expect(result.remainingLowMs).toBeLessThanOrEqual(result.remainingMs);
      expect(result.remainingHighMs).toBeGreaterThanOrEqual(result.remainingMs);
    }
    // Measured 0.93; the slope's interval rests on 60 bucket medians of 5 readings.
    expect(covered / trials).toBeGreaterThanOrEqual(0.9);
  });

  it('says "not growing" for a steady noisy series, with the slope interval that includes 0', () => {
    let growing = 0;
    for (let trial = 0; trial < 100; trial++) {
      const { times, values } = readings(400 + trial, 600, 300 * mebibyte, 0, 5 * mebibyte);
      const result = timeToLimit(times, values, 1024 * mebibyte);
      if (result.status === 'growing') growing++;
      else expect(result.status).toBe('not-growing');
    }
    // Measured 3 of 100: a 95 % interval misses a zero slope on its low side about 2.5 % of the time.
    expect(growing).toBeLessThanOrEqual(8);
    const steady = readings(1, 600, 300 * mebibyte, 0, 5 * mebibyte);
    const result = timeToLimit(steady.times, steady.values, 1024 * mebibyte);
    if (result.status === 'not-growing') expect(result.reason).toMatch(/the interval includes no growth\.$/);
  });

  it('says "not enough data" for a short window and "at limit" once reached', () => {
    const short = readings(2, 30, 100 * mebibyte, mebibyte, mebibyte);
    const result = timeToLimit(short.times, short.values, 1024 * mebibyte);
    expect(result).toMatchObject({ status: 'not-enough-data', readings: 30 });
    if (result.status === 'not-enough-data')
      expect(result.reason).toBe('30 readings over 29 s; a memory forecast needs ≥ 10 over ≥ 1 min 00 s.');
    const full = readings(3, 120, 1000 * mebibyte, mebibyte, mebibyte);
    expect(timeToLimit(full.times, full.values, 1024 * mebibyte).status).toBe('at-limit');
  });

  it('looks only at the recent window and skips missing readings', () => {
    // Flat for an hour, then growing for the last 5 minutes: the 10-minute window sees the growth.
    const flat = readings(4, 3600, 100 * mebibyte, 0, mebibyte);
    const growth = readings(5, 300, 100 * mebibyte, 2 * mebibyte, mebibyte);
    const times = [...flat.times, ...growth.times.map((time) => time + 3_600_000)];
    const values = [...flat.values, ...growth.values];
    values[3700] = Number.NaN;
    const result = timeToLimit(times, values, 2048 * mebibyte);
    expect(result.status).toBe('growing');
    // 301 flat readings and 300 growing ones in the last 10 minutes, one of them missing.
    expect(result.readings).toBe(600);
  });
});
