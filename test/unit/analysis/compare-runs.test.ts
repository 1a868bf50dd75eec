import { describe, expect, it } from 'vitest';
import { compareRuns, smallestPossibleP } from '../../../src-main/analysis/compare/compare-runs';
import { medianInterval, shiftInterval } from '../../../src-main/analysis/compare/intervals';
import { benjaminiHochbergAdjusted, holmAdjusted } from '../../../src-main/analysis/compare/multiple-tests';
import { rankSumTest } from '../../../src-main/analysis/compare/rank-sum';
import { seededRandom } from '../../helpers/seeded-random';

// Reference values come from SciPy 1.17.1 (python3 -c "import scipy.stats as st; …"), as noted at
// each; the first data set is Hollander & Wolfe's, the example of R's ?wilcox.test.
const hollanderX = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const hollanderY = [1.15, 0.88, 0.9, 0.74, 1.21];

/** `count` run times around `typical`, log-normal with a 3 % spread plus rare 20 % outliers (a GC, a busy core). */
function runs(next: () => number, count: number, typical: number): number[] {
  return Array.from({ length: count }, () => {
    const normal = Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
    const outlier = next() < 0.05 ? 1.2 : 1;
    return typical * Math.exp(0.03 * normal) * outlier;
  });
}

describe('rankSumTest', () => {
  it('matches SciPy exactly without ties (mannwhitneyu(x, y, method="exact"): U = 35, p = 0.2544122544122544)', () => {
    const result = rankSumTest(hollanderY, hollanderX)!;
    expect(result.method).toBe('exact');
    expect(result.u).toBe(35);
    expect(result.p).toBeCloseTo(0.2544122544122544, 12);
  });

  it('matches SciPy with ties (asymptotic, continuity corrected: U = 15, p = 0.04689138865209036)', () => {
    const result = rankSumTest([3, 4, 4, 6, 7, 7, 8, 9], [1, 2, 2, 3, 4, 5, 5, 5, 6])!;
    expect(result.method).toBe('normal');
    expect(result.u).toBe(15);
    expect(result.p).toBeCloseTo(0.04689138865209036, 12);
  });

  it('says p = 1 when every run is equal, and nothing for an empty side', () => {
    expect(rankSumTest([5, 5, 5], [5, 5, 5])!.p).toBe(1);
    expect(rankSumTest([], [1])).toBeNull();
  });
});

describe('intervals', () => {
  it("gives the median's order-statistic interval (n = 10: ranks 2 and 9, confidence 0.978515625 = 1 − 2·binom.cdf(1, 10, ½))", () => {
    expect(medianInterval([5, 1, 9, 3, 7, 2, 8, 4, 6, 10])).toEqual({
      estimate: 5.5,
      low: 2,
      high: 9,
      confidence: 0.978515625,
    });
    expect(medianInterval([1, 2, 3, 4, 5])).toBeNull();
  });

  it('gives the Hodges–Lehmann shift with the interval of the inverted exact test (SciPy by test inversion: −0.305 in [−0.76, 0.15])', () => {
    const shift = shiftInterval(hollanderX, hollanderY)!;
    expect(shift.estimate).toBeCloseTo(-0.305, 12);
    expect(shift.low).toBeCloseTo(-0.76, 12);
    expect(shift.high).toBeCloseTo(0.15, 12);
    expect(shift.confidence).toBeGreaterThanOrEqual(0.95);
  });
});

describe('multiple tests', () => {
  const pValues = [0.01, 0.04, 0.03, 0.005, 0.2];

  it('adjusts like SciPy false_discovery_control (Benjamini–Hochberg): [0.025, 0.05, 0.05, 0.025, 0.2]', () => {
    benjaminiHochbergAdjusted(pValues).forEach((value, index) =>
      expect(value).toBeCloseTo([0.025, 0.05, 0.05, 0.025, 0.2][index]!, 12),
    );
  });

  it("adjusts by Holm's step-down definition: sorted p × (5, 4, 3, 2, 1), kept non-decreasing", () => {
    holmAdjusted(pValues).forEach((value, index) =>
      expect(value).toBeCloseTo([0.04, 0.09, 0.09, 0.025, 0.2][index]!, 12),
    );
  });
});

describe('compareRuns', () => {
  it('says when there are too few runs to ever be significant, instead of "no change"', () => {
    expect(smallestPossibleP(3, 3)).toBeCloseTo(0.1, 12);
    const result = compareRuns([10, 11, 12], [20, 21, 22]);
    expect(result.verdict).toBe('insufficient');
    expect(result.reason).toMatch(/cannot reach p < 0.05/);
  });

  it('states a relative change with its interval, and needs it to pass the threshold', () => {
    const baseline = [100, 101, 99, 102, 98, 100, 101, 99, 100, 102];
    const candidate = baseline.map((value) => value * 1.1);
    const result = compareRuns(baseline, candidate);
    expect(result.verdict).toBe('increase');
    expect(result.change!.estimate).toBeCloseTo(0.1, 1);
    expect(result.change!.low).toBeLessThan(result.change!.estimate);
    expect(result.change!.high).toBeGreaterThan(result.change!.estimate);
    expect(compareRuns(baseline, candidate, { threshold: 0.2 }).verdict).toBe('no-change');
  });

  it('never says a metric that cannot go below zero fell by more than all of it', () => {
    const result = compareRuns([1, 1, 40, 2], [1, 2, 1, 1]);
    expect(result.change!.low).toBeGreaterThanOrEqual(-1);
    // A metric that can be negative (a printed score) keeps its whole interval.
    expect(compareRuns([1, 1, 2, 1], [-5, -4, -6, -5]).change!.low).toBeLessThan(-1);
  });

  // Measured when written: 4.45 % false alarms over 2,000 A/A trials, 98.2 % detection over 500
  // planted +10 % trials (10 runs a side, 3 % noise, 5 % outliers).
  it('A/A: the same program twice comes out "no change" in at least 95 % of 2,000 comparisons', () => {
    const next = seededRandom(7);
    let alarms = 0;
    const trials = 2_000;
    for (let trial = 0; trial < trials; trial++) {
      if (compareRuns(runs(next, 10, 1_000), runs(next, 10, 1_000)).verdict !== 'no-change') alarms++;
    }
    expect(alarms / trials).toBeLessThanOrEqual(0.05);
  });

  it('a planted 10 % regression is reported as an increase in at least 95 % of 500 comparisons', () => {
    const next = seededRandom(11);
    let found = 0;
    const trials = 500;
    for (let trial = 0; trial < trials; trial++) {
      if (compareRuns(runs(next, 10, 1_000), runs(next, 10, 1_100)).verdict === 'increase') found++;
    }
    expect(found / trials).toBeGreaterThanOrEqual(0.95);
  });
});
