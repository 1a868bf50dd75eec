// A process is its PID, not its program: the reader and the sampler follow a target through exec,
// however the exec falls between opening its /proc files and reading them.

import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessReader } from '../../../src-main/collectors/process-reader';
import { createResourceSampler, type ResourceSampler } from '../../../src-main/collectors/resource-sampler';

let shell: ChildProcess | null = null;
let reader: ProcessReader | null = null;
let sampler: ResourceSampler | null = null;
afterEach(() => {
  reader?.close();
  sampler?.close();
  shell?.kill('SIGKILL');
  reader = sampler = shell = null;
});

/** A shell that replaces itself with `sleep 5` after `afterSeconds`. */
function execingShell(afterSeconds: number): ChildProcess {
  return spawn('sh', ['-c', `sleep ${afterSeconds}; exec sleep 5`], { stdio: 'ignore' });
}

describe('following a process through exec', () => {
  it('reads a process that exec’d between opening its files and the first read', async () => {
    shell = execingShell(0.2);
    reader = new ProcessReader(shell.pid!);
    await delay(700);
    // smaps_rollup was opened for the shell's address space; after the exec its fd answers ESRCH.
    expect(reader.read().rssBytes).toBeGreaterThan(0);
    expect(reader.readProportionalSetSize()).toBeGreaterThan(0);
    expect(reader.readContextSwitches().voluntary).not.toBeNull();
    expect(shell.exitCode).toBeNull();
  });

  it('notices an exec that keeps the command name (sh exec’ing sh) and reopens what it must', async () => {
    shell = spawn('sh', ['-c', 'sleep 0.3; exec sh -c "sleep 5"'], { stdio: 'ignore' });
    reader = new ProcessReader(shell.pid!);
    reader.read();
    expect(reader.takeExec()).toBeNull();
    await delay(800);
    reader.read();
    expect(reader.takeExec()).toEqual({ command: 'sh' });
    expect(reader.readProportionalSetSize()).toBeGreaterThan(0);
    expect(reader.takeExec()).toBeNull();
  });

  it('samples on through an exec and reports the new program once', async () => {
    shell = execingShell(0.3);
    sampler = createResourceSampler({ pid: shell.pid!, includeChildren: false });
    expect(sampler.takeExec()).toBeNull();
    await delay(800);
    const sample = sampler.sample();
    expect(sample.rss).toBeGreaterThan(0);
    expect(sampler.takeExec()).toEqual({ command: 'sleep', commandLine: 'sleep 5' });
    await delay(1_200);
    sampler.sample();
    expect(sampler.takeExec()).toBeNull();
  });
});
