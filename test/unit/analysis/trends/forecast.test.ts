// The forecast: the t quantile against published table values, the prediction interval's coverage of
// a future session over 200 seeded histories, the reason given when the history is too short, and the
// whole trend report on a history with a planted change point and a known slope after it.

import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { describe, expect, it } from 'vitest';
import { dayMs, forecast } from '../../../../src-main/analysis/trends/forecast';
import { trendReport } from '../../../../src-main/analysis/trends/trend';
import { seededRandom } from '../../../helpers/seeded-random';
import { normal } from '../../../helpers/watch-series';
import { plantedHistory, plantedValue, type PlantedHistory } from './synthetic';

describe('t quantile', () => {
  it('matches the published table values', () => {
    // Student's t table (e.g. NIST/SEMATECH e-Handbook §1.3.6.7.2), to its 3 decimals, and SciPy 1.17.1's
    // stats.t.ppf to 12 digits: t(0.975; 10) = 2.228138851986274, t(0.975; 1) = 12.706204736174694,
    // t(0.95; 5) = 2.0150483733330233, t(0.995; 30) = 2.7499956535672254.
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 12);
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 11);
    expect(tQuantile(0.95, 5)).toBeCloseTo(2.0150483733330233, 12);
    expect(tQuantile(0.995, 30)).toBeCloseTo(2.7499956535672254, 12);
  });
});

describe('forecast', () => {
  it('says why there is no forecast: too few sessions or too few days', () => {
    const history = plantedHistory(seededRandom(3), { sessions: 7, level: 10, slopePerDay: 1, noise: 1, gapDays: 0.3 });
    const result = forecast(history);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^7 sessions over 1\.\d days; a forecast needs ≥ 8 over ≥ 3 days\.$/);
  });

  it('holds a future session in its 95 % prediction interval about 95 % of the time (200 histories)', () => {
    const plan: PlantedHistory = { sessions: 12, level: 2000, slopePerDay: 15, noise: 40 };
    let covered7 = 0;
    let covered30 = 0;
    const trials = 200;
    for (let trial = 0; trial < trials; trial++) {
      const random = seededRandom(9000 + trial);
      const history = plantedHistory(random, plan);
      const result = forecast(history);
      if (!result.ok) throw new Error(result.reason);
      const [week, month] = result.points;
      // The session that really comes then: the line plus fresh noise.
      const future7 = plantedValue(plan, week!.time) + plan.noise * normal(random);
      const future30 = plantedValue(plan, month!.time) + plan.noise * normal(random);
      if (week!.low <= future7 && future7 <= week!.high) covered7++;
      if (month!.low <= future30 && future30 <= month!.high) covered30++;
      expect(result.sessions).toBe(12);
    }
    // Measured: 0.955 at 7 days, 0.96 at 30 days (binomial sd at 200 trials is 1.5 %).
    expect(covered7 / trials).toBeGreaterThanOrEqual(0.91);
    expect(covered7 / trials).toBeLessThanOrEqual(0.99);
    expect(covered30 / trials).toBeGreaterThanOrEqual(0.91);
    expect(covered30 / trials).toBeLessThanOrEqual(0.99);
  });

  it('widens with the horizon', () => {
    const history = plantedHistory(seededRandom(4), { sessions: 10, level: 50, slopePerDay: 4, noise: 3 });
    const result = forecast(history);
    if (!result.ok) throw new Error(result.reason);
    const [week, month] = result.points;
    expect(month!.high - month!.low).toBeGreaterThan(week!.high - week!.low);
    expect(result.slopePerDay).toBeGreaterThan(0);
    expect(week!.time - history.at(-1)!.time).toBe(7 * dayMs);
  });

  it('clamps a metric that cannot be negative at zero', () => {
    const history = plantedHistory(seededRandom(4), { sessions: 10, level: 50, slopePerDay: -4, noise: 3 });
    const result = forecast(history);
    if (!result.ok) throw new Error(result.reason);
    expect(result.points[1]).toMatchObject({ estimate: 0, low: 0 });
    expect(result.slopePerDay).toBeLessThan(0);
  });
});

describe('trend report', () => {
  it('recovers a planted change point and the slope after it, and forecasts from there', () => {
    let slopeCovered = 0;
    let changeFound = 0;
    const trials = 50;
    for (let trial = 0; trial < trials; trial++) {
      // Flat at 1000 for 20 sessions, then 300 higher and growing 10 a day.
      const random = seededRandom(300 + trial);
      const before = plantedHistory(random, { sessions: 20, level: 1000, slopePerDay: 0, noise: 20 });
      const origin = before.at(-1)!.time + dayMs;
      const after = plantedHistory(random, { sessions: 20, level: 1300, slopePerDay: 10, noise: 20 }).map(
        (point, index) => ({ ...point, sessionId: 21 + index, time: origin + point.time - dayMs }),
      );
      const report = trendReport('wall', [...before, ...after]);
      if (report.changePoints.length === 1 && report.changePoints[0]!.index === 20) changeFound++;
      if (report.slope && report.slope.low <= 10 && 10 <= report.slope.high) slopeCovered++;
      expect(report.forecast.ok).toBe(true);
    }
    // Measured: the change found at session 20 in 50 of 50; the slope's interval holds 10 in 49 of 50.
    expect(changeFound).toBeGreaterThanOrEqual(47);
    expect(slopeCovered).toBeGreaterThanOrEqual(44);
  });

  it('gives a reason instead of a slope for too few sessions', () => {
    const report = trendReport(
      'wall',
      plantedHistory(seededRandom(5), { sessions: 3, level: 1, slopePerDay: 0, noise: 1 }),
    );
    expect(report.slope).toBeNull();
    expect(report.slopeReason).toBe('3 sessions; a trend needs ≥ 5 at different times.');
    expect(report.forecast.ok).toBe(false);
  });

  it('says the forecast rests on the sessions since the last change point', () => {
    // 30 daily sessions at 100, then 5 at 200: a clear change, too few sessions after it to forecast.
    const history = plantedHistory(seededRandom(6), { sessions: 35, level: 100, slopePerDay: 0, noise: 2 }).map(
      (point, index) => ({ ...point, value: point.value + (index >= 30 ? 100 : 0) }),
    );
    const report = trendReport('wall', history);
    expect(report.changePoints.map((change) => change.index)).toEqual([30]);
    expect(report.forecast).toMatchObject({ ok: false, sessions: 5 });
    if (!report.forecast.ok)
      expect(report.forecast.reason).toMatch(
        /^5 sessions since the last change point over \d(\.\d)? days; a forecast needs/,
      );
  });
});
