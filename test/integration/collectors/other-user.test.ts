import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceSample, SamplerLimitation } from '../../../src-shared/model/resource';
import { createResourceSampler } from '../../../src-main/collectors/resource-sampler';
import { startTarget, type RunningTarget } from '../../fixtures/targets/start-target';
import { nobodyId, unprivilegedProblem } from '../../helpers/unprivileged';

// A root-owned target sampled by a sampler running as `nobody`: the real EACCES path of
// /proc/PID/io and smaps_rollup, no mocked fs. Needs root to drop privileges.
const nobody = nobodyId;
const isRoot = process.getuid?.() === 0;
const helper = fileURLToPath(new URL('./sample-as-current-user.ts', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

interface HelperOutput {
  sample: ResourceSample;
  limitations: SamplerLimitation[];
  uid: number;
}

function sampleAsNobody(pid: number): Promise<HelperOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, helper, String(pid)], {
      uid: nobody,
      gid: nobody,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as HelperOutput);
      else reject(new Error(`sampler as nobody exited with ${code}: ${stderr}`));
    });
  });
}

describe.runIf(isRoot)("another user's process", () => {
  let target: RunningTarget;
  beforeAll(async () => {
    target = await startTarget('sleeper.js', ['20']);
  });
  afterAll(async () => {
    await target?.stop();
  });

  it('records what is world-readable, nulls I/O and PSS, and says why once', async (context) => {
    const problem = unprivilegedProblem([helper, tsxCli]);
    if (problem) context.skip(problem);
    const output = await sampleAsNobody(target.pid);
    expect(output.uid).toBe(nobody);
    const { sample, limitations } = output;
    expect(sample.rss!).toBeGreaterThan(0);
    expect(sample.threads!).toBeGreaterThan(0);
    expect(sample.cpuUser).not.toBeNull();
    expect(sample.voluntarySwitchRate).not.toBeNull();
    expect(sample.systemCpu).not.toBeNull();
    expect(sample.readBytesRate).toBeNull();
    expect(sample.writeBytesRate).toBeNull();
    expect(sample.readSyscallRate).toBeNull();
    expect(sample.writeSyscallRate).toBeNull();
    expect(sample.pss).toBeNull();
    expect(limitations).toHaveLength(1);
    expect(limitations[0]!.metrics).toEqual(
      expect.arrayContaining(['readBytesRate', 'writeBytesRate', 'readSyscallRate', 'writeSyscallRate', 'pss']),
    );
    // Since Linux 6.2 the fd count is public (stat() of /proc/PID/fd reports it); before, it is hidden too.
    if (sample.fileDescriptors === null) expect(limitations[0]!.metrics).toContain('fileDescriptors');
    else expect(sample.fileDescriptors).toBeGreaterThan(0);
    expect(limitations[0]!.message).toMatch(
      new RegExp(
        `^I/O(, PSS and open files| and PSS) of PID ${target.pid} \\(owned by root\\) are not readable by user nobody\\. Run Thermograph as that user or as root to record them\\.$`,
      ),
    );
  });
});

// Without root, no privileges can be dropped, but PID 1 usually belongs to root: sample it directly.
const pidOneOwner = (() => {
  try {
    return statSync('/proc/1').uid;
  } catch {
    return null;
  }
})();

describe.runIf(!isRoot && pidOneOwner !== null && pidOneOwner !== process.getuid?.())("another user's PID 1", () => {
  it('records what is world-readable and says why I/O is missing', () => {
    const sampler = createResourceSampler({ pid: 1, includeChildren: false });
    try {
      const sample = sampler.sample();
      expect(sample.rss).not.toBeNull();
      expect(sample.readBytesRate).toBeNull();
      expect(sampler.limitations()[0]!.message).toMatch(/^I\/O.* of PID 1 \(owned by .+\) are not readable by user /);
    } finally {
      sampler.close();
    }
  });
});
