// Change points on seeded synthetic histories: a planted step is found at (or next to) the session
// where it was planted, with a relative change whose interval holds the planted one; pure noise and a
// steadily creeping metric rarely split (the rates over 1,000 and 300 seeded series are bounded).

import { describe, expect, it } from 'vitest';
import { changePoints, noiseScale } from '../../../../src-main/analysis/trends/change-points';
import { seededRandom } from '../../../helpers/seeded-random';
import { studentT3 } from '../../../helpers/watch-series';
import { plantedHistory } from './synthetic';

describe('change points', () => {
  it('finds a planted 30 % step (6σ) at its session, with the change and its interval', () => {
    let found = 0;
    let covered = 0;
    const trials = 100;
    for (let trial = 0; trial < trials; trial++) {
      const history = plantedHistory(seededRandom(500 + trial), {
        sessions: 40,
        level: 1000,
        slopePerDay: 0,
        noise: 50,
        step: { at: 25, size: 300 },
      });
      const changes = changePoints(history);
      if (changes.length !== 1 || Math.abs(changes[0]!.index - 25) > 1) continue;
      found++;
      const change = changes[0]!.comparison.change!;
      if (change.low <= 0.3 && 0.3 <= change.high) covered++;
      expect(changes[0]!.comparison.verdict).toBe('increase');
    }
    // Measured: found in 100 of 100, all at the very session, the 95 % interval holding +30 % in 97. Smaller
    // steps cost power (a 4σ step is found 82 times in 100, 3σ 38): see the README.
    expect(found).toBeGreaterThanOrEqual(95);
    expect(covered / found).toBeGreaterThanOrEqual(0.88);
  });

  it('finds two steps, down then up, each compared with its neighbours only', () => {
    const history = plantedHistory(seededRandom(7), { sessions: 45, level: 500, slopePerDay: 0, noise: 10 }).map(
      (point, index) => ({ ...point, value: point.value - (index >= 15 && index < 30 ? 100 : 0) }),
    );
    const changes = changePoints(history);
    expect(changes.map((change) => change.index)).toEqual([15, 30]);
    expect(changes.map((change) => change.comparison.verdict)).toEqual(['decrease', 'increase']);
    expect(changes[0]!.comparison.baseline.count).toBe(15);
    expect(changes[0]!.comparison.candidate.count).toBe(15);
  });

  it('rarely splits pure noise: at most 1 % of 1,000 series of 50 sessions (Gaussian and t(3))', () => {
    let gaussianSplits = 0;
    let heavySplits = 0;
    for (let trial = 0; trial < 1000; trial++) {
      const random = seededRandom(20_000 + trial);
      const history = plantedHistory(random, { sessions: 50, level: 100, slopePerDay: 0, noise: 5 });
      if (changePoints(history).length > 0) gaussianSplits++;
      const heavy = history.map((point) => ({ ...point, value: 100 + 5 * studentT3(random) }));
      if (changePoints(heavy).length > 0) heavySplits++;
    }
    // Measured (penalty 4 · ln n, confirmed by the rank-sum test): 1 and 0 in 1,000.
    expect(gaussianSplits / 1000).toBeLessThanOrEqual(0.01);
    expect(heavySplits / 1000).toBeLessThanOrEqual(0.01);
  });

  it('keeps a steadily creeping metric one segment, not a staircase (300 series)', () => {
    let splits = 0;
    for (let trial = 0; trial < 300; trial++) {
      // 40 sessions growing 10 a day under noise of 20: 20σ of growth over the history.
      const history = plantedHistory(seededRandom(300 + trial), {
        sessions: 40,
        level: 1000,
        slopePerDay: 10,
        noise: 20,
      });
      if (changePoints(history).length > 0) splits++;
    }
    // Measured 10 in 300 (3.3 %): Tukey's resistant line through few sessions at irregular days is noisy.
    expect(splits / 300).toBeLessThanOrEqual(0.06);
  });

  it('finds nothing in a constant series or one too short for two segments', () => {
    const flat = plantedHistory(seededRandom(1), { sessions: 30, level: 7, slopePerDay: 0, noise: 0 });
    expect(
      noiseScale(
        flat.map((point) => point.time),
        flat.map((point) => point.value),
      ),
    ).toBe(0);
    expect(changePoints(flat)).toEqual([]);
    const short = plantedHistory(seededRandom(2), { sessions: 7, level: 7, slopePerDay: 0, noise: 1 });
    expect(changePoints(short)).toEqual([]);
  });

  it('estimates the noise of quantized counts (most differences 0) without a zero scale', () => {
    const counts = [10, 10, 10, 11, 10, 10, 10, 10, 9, 10, 10, 10, 10, 11, 10, 10];
    expect(
      noiseScale(
        counts.map((_, index) => index),
        counts,
      ),
    ).toBeGreaterThan(0);
    expect(changePoints(counts.map((value, index) => ({ sessionId: index, time: index * 86_400_000, value })))).toEqual(
      [],
    );
  });
});
