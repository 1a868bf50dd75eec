// The CUSUM and the step-or-ramp fit on their own, against published run lengths and exact shapes.

import { describe, expect, it } from 'vitest';
import { changeShape } from '../../../../src-main/analysis/watch/change-shape';
import { CusumSide } from '../../../../src-main/analysis/watch/cusum';
import { seededRandom } from '../../../helpers/seeded-random';
import { normal } from '../../../helpers/watch-series';

/** Mean readings until a two-sided CUSUM (k, h) trips on N(shift, 1) readings, over `runs` runs. */
function averageRunLength(shift: number, k: number, h: number, runs: number): number {
  const random = seededRandom(2024);
  let total = 0;
  for (let run = 0; run < runs; run++) {
    const up = new CusumSide();
    const down = new CusumSide();
    let count = 0;
    do {
      const z = shift + normal(random);
      up.add(z, k);
      down.add(-z, k);
      count++;
    } while (up.sum <= h && down.sum <= h);
    total += count;
  }
  return total / runs;
}

describe('CusumSide', () => {
  // Montgomery, Introduction to Statistical Quality Control (6th ed.), Table 9.3: the two-sided tabular
  // CUSUM with k = 1/2, h = 5 has ARL 465 in control and 10.4 for a one-sigma shift; with h = 4, 168
  // and 8.38. (Siegmund's approximation gives 469 and 10.3.) Simulated over 4,000 runs: within 6 %.
  it.each([
    [5, 0, 465],
    [5, 1, 10.4],
    [4, 0, 168],
    [4, 1, 8.38],
  ])('with h = %d, a %dσ shift trips after the published average run length', (h, shift, published) => {
    expect(Math.abs(averageRunLength(shift, 0.5, h, 4000) / published - 1)).toBeLessThan(0.06);
  });
});

describe('changeShape', () => {
  it('fits a step as a step, with its start and level', () => {
    const values = Float64Array.from({ length: 100 }, (_, index) => (index >= 70 ? 3 : 0));
    expect(changeShape(values)).toEqual({ kind: 'levelShift', start: 70, level: 3 });
  });

  it('fits a ramp as a drift, with its start and the level it has reached', () => {
    const values = Float64Array.from({ length: 100 }, (_, index) => (index >= 60 ? (index - 59) * 0.1 : 0));
    const shape = changeShape(values);
    expect(shape.kind).toBe('drift');
    expect(shape.start).toBe(60);
    expect(shape.level).toBeCloseTo(4, 10);
  });

  it('tells them apart in noise', () => {
    const random = seededRandom(5);
    let right = 0;
    for (let trial = 0; trial < 100; trial++) {
      const step = Float64Array.from({ length: 120 }, (_, index) => normal(random) + (index >= 80 ? 2 : 0));
      const ramp = Float64Array.from(
        { length: 120 },
        (_, index) => normal(random) + (index >= 60 ? (index - 60) / 15 : 0),
      );
      if (changeShape(step).kind === 'levelShift') right++;
      if (changeShape(ramp).kind === 'drift') right++;
    }
    expect(right).toBeGreaterThanOrEqual(180);
  });
});
