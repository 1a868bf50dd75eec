// Synthetic metric streams for the alert and anomaly tests and the watch benchmark: steady noise of
// several shapes (what a healthy service looks like to the sampler) into which tests plant spikes,
// level shifts and drifts. Seeded, so every run sees the same numbers.

import type { AlertMetric } from '../../src-shared/model/watch';
import { seededRandom } from './seeded-random';

/** A steady noise shape: the reading at one sample, from a seeded uniform source. */
export type NoiseShape = 'gaussian' | 'studentT3' | 'integerCount' | 'cpuJitter' | 'idleCpu';

/** Every shape the false-alarm measurements cover. */
export const noiseShapes: readonly NoiseShape[] = ['gaussian', 'studentT3', 'integerCount', 'cpuJitter', 'idleCpu'];

/**
 * The metric each shape is judged as, which sets the detector's least scale (its unit's resolution):
 * counts for the two continuous shapes, so their own spread (5) is what the scale learns.
 */
export const noiseMetric: Readonly<Record<NoiseShape, AlertMetric>> = {
  gaussian: 'threads',
  studentT3: 'threads',
  integerCount: 'fileDescriptors',
  cpuJitter: 'cpu',
  idleCpu: 'cpu',
};

/** A standard normal deviate (Box–Muller). */
export function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A Student t deviate with 3 degrees of freedom: Z / √(χ²₃ / 3), heavy-tailed (finite variance 3). */
export function studentT3(random: () => number): number {
  const chiSquare = normal(random) ** 2 + normal(random) ** 2 + normal(random) ** 2;
  return normal(random) / Math.sqrt(chiSquare / 3);
}

/**
 * Returns a generator of steady readings of one shape at a sample interval:
 * - gaussian: 50 ± 5 (say, MiB of a steady heap);
 * - studentT3: 50 + 5·t(3), occasional readings 10–20 spreads out;
 * - integerCount: round(200 + 2·N), like a file-descriptor count;
 * - cpuJitter: a process on 2 cores that is idle or one busy core from sample to sample: 0 or 100 %
 *   four times in five, anything between otherwise, quantized to the CPU tick's resolution at this
 *   interval (10 ms ticks: 1 % at 1 s, 10 % at 100 ms);
 * - idleCpu: a sleeping process: 0 % but for a tick or two now and then (2 % of 100 ms readings).
 */
export function steadySeries(shape: NoiseShape, seed: number, intervalMs: number): () => number {
  const random = seededRandom(seed);
  switch (shape) {
    case 'gaussian':
      return () => 50 + 5 * normal(random);
    case 'studentT3':
      return () => 50 + 5 * studentT3(random);
    case 'integerCount':
      return () => Math.round(200 + 2 * normal(random));
    case 'cpuJitter': {
      const resolution = 1000 / intervalMs;
      return () => {
        const draw = random();
        const busy = draw < 0.4 ? 0 : draw < 0.8 ? 100 : random() * 100;
        return Math.round(busy / resolution) * resolution;
      };
    }
    case 'idleCpu': {
      const resolution = 1000 / intervalMs;
      const tickChance = 0.02 * (intervalMs / 100);
      return () => (random() < tickChance ? resolution * (random() < 0.8 ? 1 : 2) : 0);
    }
  }
}
