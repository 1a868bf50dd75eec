// Shared by the collector integration tests: sample a sampler at a steady interval.
import { setTimeout as delay } from 'node:timers/promises';
import type { ResourceSample } from '../../../src-shared/model/resource';
import type { ResourceSampler } from '../../../src-main/collectors/resource-sampler';

/** Takes `count` samples `intervalMs` apart (the first after one interval). */
export async function collectSamples(
  sampler: ResourceSampler,
  count: number,
  intervalMs = 100,
): Promise<ResourceSample[]> {
  const samples: ResourceSample[] = [];
  for (let index = 0; index < count; index++) {
    await delay(intervalMs);
    samples.push(sampler.sample());
  }
  return samples;
}

/** The mean of a metric over samples, ignoring nulls (NaN when all are null). */
export function mean(samples: ResourceSample[], read: (sample: ResourceSample) => number | null): number {
  const values = samples.map(read).filter((value): value is number => value !== null);
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
