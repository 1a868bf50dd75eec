import { writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { metricKeys } from '../../../src-shared/model/resource';
import { ThermographError } from '../../../src-shared/api/errors';
import { createResourceSampler } from '../../../src-main/collectors/resource-sampler';
import { favourTarget, startTarget } from '../../fixtures/targets/start-target';
import { collectSamples, mean, releaseAfterEach } from './helpers';

const started = releaseAfterEach();

async function sampleTarget(name: string, args: string[] = ['10'], includeChildren = false) {
  started.target = await startTarget(name, args);
  favourTarget(started.target);
  started.sampler = createResourceSampler({ pid: started.target.pid, includeChildren });
  return collectSamples(started.sampler, 20);
}

const cpu = (sample: { cpuUser: number | null; cpuSystem: number | null }) =>
  (sample.cpuUser ?? 0) + (sample.cpuSystem ?? 0);

describe('resource sampler on real targets', () => {
  it('sees a busy program use at least half a core', async () => {
    const samples = await sampleTarget('cpu-busy.js');
    expect(mean(samples, cpu)).toBeGreaterThanOrEqual(50);
  });

  it('reports no rates for a sample taken right after the baseline, then measures the longer span', async () => {
    started.target = await startTarget('cpu-busy.js', ['10']);
    favourTarget(started.target);
    started.sampler = createResourceSampler({ pid: started.target.pid, includeChildren: false });
    const immediate = started.sampler.sample();
    expect(immediate.cpuUser).toBeNull();
    expect(immediate.readBytesRate).toBeNull();
    expect(immediate.rss!).toBeGreaterThan(0);
    await delay(300);
    const later = started.sampler.sample();
    // Measured over the whole 300 ms since the baseline: a busy loop is near one core, never 150%.
    expect(cpu(later)).toBeGreaterThan(40);
    expect(cpu(later)).toBeLessThanOrEqual(125);
  });

  it('sees a sleeping program use almost nothing, with every metric present', async () => {
    const samples = await sampleTarget('sleeper.js');
    expect(mean(samples, cpu)).toBeLessThanOrEqual(5);
    const last = samples.at(-1)!;
    expect(Object.keys(last).sort()).toEqual(['time', ...metricKeys].sort());
    // As root every metric of our own child is readable, so none is null; the JS heap comes from the
    // Node.js profiler, not the sampler, which leaves it null.
    const profilerMetrics: string[] = ['jsHeapUsed', 'jsHeapTotal'];
    for (const key of metricKeys) {
      if (profilerMetrics.includes(key)) expect(last[key], key).toBeNull();
      else expect(last[key], key).not.toBeNull();
    }
    expect(last.rss!).toBeGreaterThan(10 * 1024 * 1024);
    expect(last.pss!).toBeGreaterThan(0);
    expect(last.pss!).toBeLessThanOrEqual(last.rss! * 1.1);
    expect(last.threads!).toBeGreaterThanOrEqual(2);
    expect(last.fileDescriptors!).toBeGreaterThanOrEqual(3);
    expect(last.processCount).toBe(1);
    expect(last.systemMemoryUsed!).toBeLessThan(last.systemMemoryTotal!);
    expect(started.sampler!.limitations()).toEqual([]);
  });

  it('sees a file writer write bytes', async () => {
    const samples = await sampleTarget('file-writer.js');
    expect(mean(samples, (sample) => sample.writeBytesRate)).toBeGreaterThan(100_000);
    expect(mean(samples, (sample) => sample.writeSyscallRate)).toBeGreaterThan(0);
  });

  it('sees an allocating program grow', async () => {
    const samples = await sampleTarget('allocator.js');
    const first = samples[0]!.rss!;
    const last = samples.at(-1)!.rss!;
    expect(last - first).toBeGreaterThan(20 * 1024 * 1024);
    expect(mean(samples, (sample) => sample.minorFaultRate)).toBeGreaterThan(0);
  });

  it('sums a parent and its busy child when children are included', async () => {
    const samples = await sampleTarget('busy-parent.js', ['10', '1'], true);
    expect(samples.at(-1)!.processCount).toBe(2);
    expect(mean(samples, cpu)).toBeGreaterThanOrEqual(50);
  });

  it('reports only the parent when children are not included', async () => {
    const samples = await sampleTarget('busy-parent.js', ['10', '1'], false);
    expect(samples.at(-1)!.processCount).toBe(1);
    expect(mean(samples, cpu)).toBeLessThan(25);
  });

  it('keeps sampling a parent whose child vanished, without negative rates', async () => {
    started.target = await startTarget('busy-parent.js', ['10', '2']);
    started.sampler = createResourceSampler({ pid: started.target.pid, includeChildren: true });
    const before = await collectSamples(started.sampler, 12);
    expect(before.at(-1)!.processCount).toBe(3);
    process.kill(Number(started.target.lines[0]!.split(' ')[1]), 'SIGKILL');
    const after = await collectSamples(started.sampler, 12);
    expect(after.at(-1)!.processCount).toBe(2);
    for (const sample of [...before, ...after]) {
      for (const key of metricKeys) if (sample[key] !== null) expect(sample[key], key).toBeGreaterThanOrEqual(0);
    }
  });

  it('throws process-not-found once the target has exited', async () => {
    started.target = await startTarget('sleeper.js', ['10']);
    started.sampler = createResourceSampler({ pid: started.target.pid, includeChildren: false });
    started.sampler.sample();
    await started.target.stop();
    await delay(50);
    expect(() => started.sampler!.sample()).toThrow(ThermographError);
    try {
      started.sampler.sample();
    } catch (error) {
      expect((error as ThermographError).code).toBe('process-not-found');
    }
  });

  // Root can steer the next PID through /proc/sys/kernel/ns_last_pid, which makes real PID reuse testable.
  it.runIf(process.getuid?.() === 0)(
    'does not mistake a new process that reuses the PID for the target',
    async (context) => {
      started.target = await startTarget('sleeper.js', ['10']);
      const pid = started.target.pid;
      started.sampler = createResourceSampler({ pid, includeChildren: false });
      started.sampler.sample();
      await started.target.stop();
      started.target = null;
      for (let attempt = 0; attempt < 20 && started.target === null; attempt++) {
        writeFileSync('/proc/sys/kernel/ns_last_pid', String(pid - 1));
        const candidate = await startTarget('sleeper.js', ['10']);
        if (candidate.pid === pid) started.target = candidate;
        else await candidate.stop();
      }
      // Another process on the machine may take the PID first every time; then this proves nothing.
      if (started.target === null) return context.skip();
      expect(() => started.sampler!.sample()).toThrow(expect.objectContaining({ code: 'process-not-found' }));
    },
  );

  it('tells that an unknown PID does not exist', () => {
    expect(() => createResourceSampler({ pid: 2 ** 22 + 1, includeChildren: false })).toThrow(
      `No process with PID ${2 ** 22 + 1} exists; it may have exited. Pick a running process or launch a command.`,
    );
  });
});
