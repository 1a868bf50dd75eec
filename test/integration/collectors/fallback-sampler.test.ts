import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createFallbackSampler } from '../../../src-main/collectors/fallback-sampler';
import { favourTarget, startTarget } from '../../fixtures/targets/start-target';
import { collectSamples, mean, releaseAfterEach } from './helpers';

// The pidusage-backed sampler is what runs where /proc is absent; on Linux pidusage itself reads
// /proc, so the same real targets exercise it here.
const started = releaseAfterEach();

describe('fallback sampler (pidusage)', () => {
  it('reports CPU and memory of a busy program, says what is missing, and keeps sample() synchronous', async () => {
    started.target = await startTarget('cpu-busy.js', ['10']);
    favourTarget(started.target);
    started.sampler = createFallbackSampler({ pid: started.target.pid, includeChildren: true });
    const samples = await collectSamples(started.sampler, 20);
    const polled = samples.filter((sample) => sample.cpuUser !== null);
    expect(polled.length).toBeGreaterThan(10);
    expect(mean(polled.slice(-5), (sample) => sample.cpuUser)).toBeGreaterThanOrEqual(50);
    expect(samples.at(-1)!.rss!).toBeGreaterThan(1024 * 1024);
    expect(samples.at(-1)!.readBytesRate).toBeNull();
    expect(samples.at(-1)!.systemMemoryTotal!).toBeGreaterThan(0);
    const limitations = started.sampler.limitations();
    expect(limitations.map((limitation) => limitation.metrics).flat()).toEqual(
      expect.arrayContaining(['readBytesRate', 'writeBytesRate', 'processCount']),
    );
  });

  it('throws process-not-found after the target exits', async () => {
    started.target = await startTarget('sleeper.js', ['10']);
    started.sampler = createFallbackSampler({ pid: started.target.pid, includeChildren: false });
    await started.target.stop();
    // The background poll notices within one poll interval (500 ms); give it a few.
    let failure: unknown = null;
    for (let attempt = 0; attempt < 30 && failure === null; attempt++) {
      await delay(100);
      try {
        started.sampler.sample();
      } catch (error) {
        failure = error;
      }
    }
    expect(failure).toMatchObject({ code: 'process-not-found' });
  });

  it('rejects an unknown PID', () => {
    expect(() => createFallbackSampler({ pid: 2 ** 22 + 1, includeChildren: false })).toThrow(
      expect.objectContaining({ code: 'process-not-found' }),
    );
  });
});
