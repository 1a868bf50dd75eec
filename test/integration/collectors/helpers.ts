// Shared by the collector integration tests: sample a sampler at a steady interval, and release what
// a test started.
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach } from 'vitest';
import type { ResourceSample } from '../../../src-shared/model/resource';
import type { ResourceSampler } from '../../../src-main/collectors/resource-sampler';
import type { RunningTarget } from '../../fixtures/targets/start-target';

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

/** A sample with the span it measures: from the previous sample (or the sampler's creation) to it. */
export interface SpannedSample {
  sample: ResourceSample;
  seconds: number;
}

/**
 * Takes a sample every `intervalMs` (at most `count`), each with its span measured from `startedAtMs`
 * (performance.now() just before the sampler was created) or the previous sample; stops early, after
 * `extra` more samples, once `until()` is true.
 */
export async function collectSpannedSamples(
  sampler: ResourceSampler,
  startedAtMs: number,
  options: { count: number; intervalMs?: number; until?: () => boolean; extra?: number },
): Promise<SpannedSample[]> {
  const samples: SpannedSample[] = [];
  let previousMs = startedAtMs;
  let left = options.count;
  while (left-- > 0) {
    await delay(options.intervalMs ?? 100);
    const nowMs = performance.now();
    samples.push({ sample: sampler.sample(), seconds: (nowMs - previousMs) / 1000 });
    previousMs = nowMs;
    if (options.until?.() && left > (options.extra ?? 0)) left = options.extra ?? 0;
  }
  return samples;
}

/** The integral of a per-second metric over spanned samples: bytes from bytes/s, %·s from %. */
export function integrate(samples: SpannedSample[], read: (sample: ResourceSample) => number | null): number {
  return samples.reduce((sum, { sample, seconds }) => sum + (read(sample) ?? 0) * seconds, 0);
}

/** The target and sampler a test started; `releaseAfterEach` closes and stops them after every test. */
export interface Started {
  target: RunningTarget | null;
  sampler: ResourceSampler | null;
}

/** Registers an afterEach that closes the test's sampler and stops its target (and its children). */
export function releaseAfterEach(): Started {
  const started: Started = { target: null, sampler: null };
  afterEach(async () => {
    started.sampler?.close();
    started.sampler = null;
    await started.target?.stop();
    started.target = null;
  });
  return started;
}
