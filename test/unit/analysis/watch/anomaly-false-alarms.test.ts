// No alarms on steady series: one simulated hour at 1 s and at 100 ms of each noise shape a healthy
// service shows (test/helpers/watch-series.ts), with the detector's defaults. Longer runs and their
// rates per 24 h are in `npx tsx test/bench/watch-bench.ts` and src-main/analysis/watch/README.md.

import { describe, expect, it } from 'vitest';
import { AnomalyDetector } from '../../../../src-main/analysis/watch/anomaly-detector';
import type { Anomaly } from '../../../../src-shared/model/watch';
import { noiseMetric, noiseShapes, steadySeries, type NoiseShape } from '../../../helpers/watch-series';

const hourMs = 3_600_000;

function anHour(shape: NoiseShape, seed: number, intervalMs: number): Anomaly[] {
  const next = steadySeries(shape, seed, intervalMs);
  const detector = new AnomalyDetector(noiseMetric[shape]);
  const found: Anomaly[] = [];
  for (let time = 0; time < hourMs; time += intervalMs) {
    const anomaly = detector.push(time, next());
    if (anomaly) found.push(anomaly);
  }
  return found;
}

describe('AnomalyDetector on steady series', () => {
  for (const intervalMs of [1000, 100]) {
    for (const shape of noiseShapes.filter((shape) => shape !== 'studentT3')) {
      it(`raises nothing in an hour of ${shape} noise at ${intervalMs} ms`, () => {
        for (const seed of [1, 2, 3]) expect(anHour(shape, seed, intervalMs)).toEqual([]);
      });
    }
  }

  // Heavy tails reach 30 spreads now and then; those are spikes by any robust measure. The learned
  // tail raises the spike bar, so the rate stays a few a day rather than one a minute (README.md).
  it('raises few spikes on heavy-tailed t(3) noise, and only spikes or shifts', () => {
    const found = [1, 2, 3].flatMap((seed) => anHour('studentT3', seed, 1000));
    expect(found.length).toBeLessThanOrEqual(3);
    const atTenHertz = [1, 2, 3].flatMap((seed) => anHour('studentT3', seed, 100));
    expect(atTenHertz.length).toBeLessThanOrEqual(15);
    expect(new Set([...found, ...atTenHertz].map((anomaly) => anomaly.kind))).not.toContain('drift');
  });
});
