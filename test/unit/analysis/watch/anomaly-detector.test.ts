// Planted anomalies in steady noise (test/helpers/watch-series.ts): each is found with the right kind
// and direction within a bounded number of readings, across many seeds.

import { describe, expect, it } from 'vitest';
import { AnomalyDetector, defaultAnomalyOptions } from '../../../../src-main/analysis/watch/anomaly-detector';
import type { Anomaly } from '../../../../src-shared/model/watch';
import { steadySeries, type NoiseShape } from '../../../helpers/watch-series';

const intervalMs = 1000;
/** Past the warm-up (60 readings and 30 s) with room for the baseline to settle. */
const plantAt = 300;

interface Found {
  index: number;
  anomaly: Anomaly;
}

/** Runs a detector over `count` readings of a steady shape with `plant(index, value)` applied. */
function detect(
  shape: NoiseShape,
  seed: number,
  count: number,
  plant: (index: number, value: number) => number | null,
  step = intervalMs,
): Found[] {
  const next = steadySeries(shape, seed, step);
  // A count (resolution 1), so the noise's own spread (5) is what the scale learns.
  const detector = new AnomalyDetector('threads');
  const found: Found[] = [];
  for (let index = 0; index < count; index++) {
    const anomaly = detector.push(index * step, plant(index, next()));
    if (anomaly) found.push({ index, anomaly });
  }
  return found;
}

const seeds = Array.from({ length: 20 }, (_, index) => 1000 + index);

describe('AnomalyDetector finds planted anomalies', () => {
  it('a spike of 3 readings 15 spreads up, decided on the reading after it, as one anomaly', () => {
    for (const seed of seeds) {
      const found = detect('gaussian', seed, 600, (index, value) =>
        index >= plantAt && index < plantAt + 3 ? value + 75 : value,
      );
      expect(found.map(({ index, anomaly }) => [index, anomaly.kind, anomaly.direction])).toEqual([
        [plantAt + 3, 'spike', 'up'],
      ]);
      const { anomaly } = found[0]!;
      expect(anomaly.since).toBe(plantAt * intervalMs);
      expect(anomaly.score).toBeGreaterThan(10);
      expect(Math.abs(anomaly.baseline.center - 50)).toBeLessThan(1.5);
      // The learned scale is the noise's (5) within 20 %.
      expect(anomaly.baseline.scale).toBeGreaterThan(4);
      expect(anomaly.baseline.scale).toBeLessThan(6);
    }
  });

  it('a large level shift (10 spreads down) within 5 readings, then nothing more', () => {
    for (const seed of seeds) {
      const found = detect('gaussian', seed, 1200, (index, value) => (index >= plantAt ? value - 50 : value));
      expect(found.map(({ index, anomaly }) => [index, anomaly.kind, anomaly.direction])).toEqual([
        [plantAt + 4, 'levelShift', 'down'],
      ]);
    }
  });

  it('a small level shift (2 spreads up) within 40 readings, as a shift, in 18 of 20 seeds at least', () => {
    let right = 0;
    for (const seed of seeds) {
      const found = detect('gaussian', seed, 1200, (index, value) => (index >= plantAt ? value + 10 : value));
      expect(found).toHaveLength(1);
      const { index, anomaly } = found[0]!;
      // The CUSUM trips within about 15 readings; the shape is judged on 20 more.
      expect(index - plantAt).toBeLessThan(40);
      expect(anomaly.direction).toBe('up');
      // The step's fitted start is the estimate of when the change began.
      expect(Math.abs(anomaly.since / intervalMs - plantAt)).toBeLessThanOrEqual(20);
      if (anomaly.kind === 'levelShift') right++;
    }
    expect(right).toBeGreaterThanOrEqual(18);
  });

  it('a drift of one spread per 15 s within 60 readings, as a drift, in 16 of 20 seeds at least', () => {
    let right = 0;
    for (const seed of seeds) {
      const found = detect('gaussian', seed, plantAt + 60, (index, value) =>
        index >= plantAt ? value + ((index - plantAt) * 5) / 15 : value,
      );
      expect(found).toHaveLength(1);
      expect(found[0]!.anomaly.direction).toBe('up');
      if (found[0]!.anomaly.kind === 'drift') right++;
    }
    expect(right).toBeGreaterThanOrEqual(16);
  });

  it('a drift of one spread a minute within 2 minutes, as a drift or a shift (too slow to tell at first)', () => {
    for (const seed of seeds) {
      const found = detect('gaussian', seed, plantAt + 120, (index, value) =>
        index >= plantAt ? value + ((index - plantAt) * 5) / 60 : value,
      );
      expect(found.map(({ anomaly }) => anomaly.direction)).toEqual(['up']);
    }
  });

  it('a spike in a quantized count and in a jittering CPU', () => {
    const fds = detect('integerCount', 7, 600, (index, value) => (index === plantAt ? value + 60 : value));
    expect(fds.map(({ index, anomaly }) => [index, anomaly.kind])).toEqual([[plantAt + 1, 'spike']]);
    // A process that flips between idle and one busy core, then uses both cores fully for 5 s: a shift.
    const cpu = detect('cpuJitter', 7, 600, (index, value) => (index >= plantAt && index < plantAt + 5 ? 200 : value));
    expect(cpu.map(({ anomaly }) => anomaly.kind)).toEqual([]);
  });
});

describe('AnomalyDetector edge cases', () => {
  it('says why it does not judge yet, then what it judges against', () => {
    const detector = new AnomalyDetector('threads');
    expect(detector.status()).toEqual({
      metric: 'threads',
      judging: false,
      reason: 'threads: learning what is usual (0 of 60 readings, 0 ms of 30 s); no anomaly is judged before',
    });
    for (let index = 0; index < 100; index++) detector.push(index * 100, 8);
    expect(detector.status()).toMatchObject({
      judging: false,
      reason: expect.stringContaining('(60 of 60 readings, 9.9 s of 30 s)'),
    });
    for (let index = 100; index < 400; index++) detector.push(index * 100, 8);
    expect(detector.status()).toEqual({ metric: 'threads', judging: true, baseline: { center: 8, scale: 1 } });
  });

  it('lets an idle process tick, and flags it using both cores for 0.2 s', () => {
    // 10 % ticks at 100 ms on a flat 0 %: the learned step (one tick) is the least scale, so they are ordinary.
    const next = steadySeries('idleCpu', 4, 100);
    const detector = new AnomalyDetector('cpu');
    const found: Found[] = [];
    for (let index = 0; index < 3000; index++) {
      const anomaly = detector.push(index * 100, index === 2000 || index === 2001 ? 200 : next());
      if (anomaly) found.push({ index, anomaly });
    }
    expect(found.map(({ index, anomaly }) => [index, anomaly.kind, anomaly.baseline.scale])).toEqual([
      [2002, 'spike', 10],
    ]);
  });

  it('gives no verdict during the warm-up, by readings and by time', () => {
    // A huge reading at reading 40 (warm-up readings) and at 100 ms × 200 = 20 s (warm-up time).
    expect(detect('gaussian', 3, 100, (index, value) => (index === 40 ? 1e6 : value))).toEqual([]);
    expect(detect('gaussian', 3, 290, (index, value) => (index === 200 ? 1e6 : value), 100)).toEqual([]);
    // After both, the same reading is a spike.
    expect(detect('gaussian', 3, 400, (index, value) => (index === 350 ? 1e6 : value), 100)).toHaveLength(1);
  });

  it('judges a flat series by its level and resolution instead of a zero spread', () => {
    // RSS flat at 100 MiB: a 64 KiB wobble is nothing, a 20 MiB jump is a shift (floor: 1 % of the level).
    const detector = new AnomalyDetector('rss');
    const mib = 1024 * 1024;
    const found: Anomaly[] = [];
    for (let index = 0; index < 400; index++) {
      const value = 100 * mib + (index % 50 === 0 ? 64 * 1024 : 0) + (index >= 300 ? 20 * mib : 0);
      const anomaly = detector.push(index * 1000, value);
      if (anomaly) found.push(anomaly);
    }
    expect(found.map((anomaly) => anomaly.kind)).toEqual(['levelShift']);
    expect(found[0]!.baseline.center / mib).toBeCloseTo(100, 2);
    expect(found[0]!.baseline.scale / mib).toBeCloseTo(1, 2);
    expect(found[0]!.message).toBe('rss: a level shift up to 120 MiB against a usual 100 MiB ± 1 MiB (score 20.1)');
  });

  it('skips unreadable readings without breaking a departure', () => {
    const found = detect('gaussian', 5, 600, (index, value) => {
      if (index % 7 === 0) return index % 14 === 0 ? null : Number.NaN;
      return index >= plantAt ? value + 100 : value;
    });
    expect(found.map(({ anomaly }) => anomaly.kind)).toEqual(['levelShift']);
  });

  it('treats a counter that resets as a restart, not a drop, and judges its rate', () => {
    // 1,000 events a second ± 5, restarting from zero at reading 400, twice as fast from reading 600.
    const next = steadySeries('gaussian', 9, intervalMs);
    const detector = new AnomalyDetector('readSyscallRate', { counter: true });
    let count = 0;
    const found: Found[] = [];
    for (let index = 0; index < 800; index++) {
      count = index === 400 ? 0 : count + (index >= 600 ? 2000 : 1000) + next() - 50;
      const anomaly = detector.push(index * intervalMs, count);
      if (anomaly) found.push({ index, anomaly });
    }
    expect(found.map(({ index, anomaly }) => [index, anomaly.kind, anomaly.direction])).toEqual([
      [604, 'levelShift', 'up'],
    ]);
    expect(found[0]!.anomaly.baseline.center).toBeCloseTo(1000, -1);
  });

  it('still finds a tall spike, down as well as up, in heavy-tailed noise', () => {
    // t(3) noise reaches 30 spreads now and then, so the learned tail raises the bar; 100 spreads clears it.
    for (const seed of [1, 2, 3]) {
      const found = detect('studentT3', seed, 2400, (index, value) => (index === 2000 ? value - 500 : value));
      expect(
        found
          .filter(({ index }) => index > 1990 && index < 2010)
          .map(({ anomaly }) => [anomaly.kind, anomaly.direction]),
      ).toEqual([['spike', 'down']]);
    }
  });

  it('keeps one anomaly per cooldown', () => {
    const found = detect('gaussian', 13, 600, (index, value) =>
      index >= plantAt && index % 10 === 0 ? value + 200 : value,
    );
    const times = found.map(({ anomaly }) => anomaly.time / 1000);
    expect(times).toEqual([301, 361, 421, 481, 541]);
    expect(defaultAnomalyOptions.cooldownMs).toBe(60_000);
  });
});
