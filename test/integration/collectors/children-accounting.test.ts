// CPU and I/O of a process tree whose children come and go: short-lived children that the
// once-a-second discovery never sees alive, and a child whose I/O the kernel folds into its parent's
// /proc/PID/io when the parent reaps it. Real programs, real /proc.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ResourceSample } from '../../../src-shared/model/resource';
import { parseProcessStat } from '../../../src-main/collectors/proc/parse-process-stat';
import { userHz } from '../../../src-main/collectors/proc/kernel';
import { createResourceSampler } from '../../../src-main/collectors/resource-sampler';
import { favourTarget, startTarget } from '../../fixtures/targets/start-target';
import { collectSpannedSamples, integrate, mean, type SpannedSample, releaseAfterEach } from './helpers';

const started = releaseAfterEach();

const cpu = (sample: ResourceSample) => (sample.cpuUser ?? 0) + (sample.cpuSystem ?? 0);
const samplesOf = (spanned: SpannedSample[]) => spanned.map(({ sample }) => sample);

/** CPU seconds of a process and of every child it has reaped: utime + stime + cutime + cstime. */
function treeCpuSeconds(pid: number): number {
  const stat = parseProcessStat(readFileSync(`/proc/${pid}/stat`, 'latin1'))!;
  return (stat.userTicks + stat.systemTicks + stat.childUserTicks + stat.childSystemTicks) / userHz;
}

/** Starts a target and samples it every 100 ms from right after its ready line. */
async function record(
  name: string,
  args: string[],
  includeChildren: boolean,
  options: { count: number; until?: () => boolean; extra?: number },
): Promise<SpannedSample[]> {
  started.target = await startTarget(name, args);
  favourTarget(started.target);
  const startedAtMs = performance.now();
  started.sampler = createResourceSampler({ pid: started.target.pid, includeChildren });
  return collectSpannedSamples(started.sampler, startedAtMs, options);
}

describe('short-lived children', () => {
  it('counts the CPU of children too short-lived to be seen, and agrees with the kernel’s total', async () => {
    started.target = await startTarget('short-children.js', ['20']);
    favourTarget(started.target);
    const kernelBefore = treeCpuSeconds(started.target.pid);
    const startedAtMs = performance.now();
    started.sampler = createResourceSampler({ pid: started.target.pid, includeChildren: true });
    const samples = await collectSpannedSamples(started.sampler, startedAtMs, { count: 30 });
    const kernelSeconds = treeCpuSeconds(started.target.pid) - kernelBefore;
    // The children burn about a full core between them.
    expect(mean(samplesOf(samples), cpu)).toBeGreaterThanOrEqual(50);
    // The parent's utime+stime+cutime+cstime grew by the tree's CPU, except for the child running at
    // either end (about 0.1 s each): nothing was lost, and nothing seen alive was counted twice.
    const countedSeconds = integrate(samples, cpu) / 100;
    expect(countedSeconds).toBeGreaterThan(kernelSeconds * 0.75);
    expect(countedSeconds).toBeLessThan(kernelSeconds * 1.25);
  });

  it('shows only the parent’s own CPU when children are not included', async () => {
    const samples = await record('short-children.js', ['20'], false, { count: 30 });
    expect(mean(samplesOf(samples), cpu)).toBeLessThan(25);
    for (const { sample } of samples) expect(sample.processCount).toBe(1);
  });
});

describe('a child that does I/O and is reaped', () => {
  const mebibytes = 32;
  const bytes = mebibytes * 1024 * 1024;
  const untilReaped = () => started.target?.lines.includes('done') ?? false;

  it('counts the child’s bytes once when children are included', async () => {
    const samples = await record('child-writer.js', ['20', String(mebibytes)], true, {
      count: 100,
      until: untilReaped,
      extra: 5,
    });
    expect(untilReaped()).toBe(true);
    // The child lived long enough to be sampled: its bytes were seen both in its own counters and,
    // after the reap, in its parent's.
    expect(samples.some(({ sample }) => sample.processCount === 2)).toBe(true);
    expect(integrate(samples, (sample) => sample.writeBytesRate)).toBeGreaterThan(bytes * 0.75);
    expect(integrate(samples, (sample) => sample.writeBytesRate)).toBeLessThan(bytes * 1.25);
    expect(integrate(samples, (sample) => sample.readBytesRate)).toBeGreaterThan(bytes * 0.75);
    expect(integrate(samples, (sample) => sample.readBytesRate)).toBeLessThan(bytes * 1.25);
  });

  it('shows the child’s bytes in the parent at the reap when children are not included', async () => {
    const samples = await record('child-writer.js', ['20', String(mebibytes)], false, {
      count: 100,
      until: untilReaped,
      extra: 5,
    });
    expect(untilReaped()).toBe(true);
    // The kernel's attribution: the parent's /proc/PID/io includes the children it has reaped.
    const written = integrate(samples, (sample) => sample.writeBytesRate);
    expect(written).toBeGreaterThan(bytes * 0.75);
    expect(written).toBeLessThan(bytes * 1.25);
    // ... all of it in the sample that observed the reap.
    const largest = Math.max(...samples.map(({ sample, seconds }) => (sample.writeBytesRate ?? 0) * seconds));
    expect(largest).toBeGreaterThan(bytes * 0.75);
  });
});
