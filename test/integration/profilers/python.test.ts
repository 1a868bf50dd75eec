import { existsSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfilerEvents, ProfilerOptions, ProfilerTarget } from '../../../src-main/profilers/profiler';
import { austinProfiler, choosePythonProfiler, pythonPerfProfiler } from '../../../src-main/profilers/python';
import { readPySpy } from '../../../src-main/profilers/python/py-spy-access';
import { isRunning, memoryJournal, pythonHot, selfWeights, startProgram, type StartedProgram } from './perf-targets';

// Real interpreters from pyenv: austin reads 3.10, the perf trampoline needs 3.12, 3.11 has neither
// (py-spy, preferred where installed, reads them all: python-py-spy.test.ts). The choice between
// them with and without py-spy is tested through the CLI: test/integration/cli/record-python.test.ts.
const python = (version: string): string => path.join(homedir(), '.pyenv/versions', version, 'bin/python3');
const options: ProfilerOptions = { samplingHz: 999, allocations: false };
const events: ProfilerEvents = { warning: () => undefined };
let program: StartedProgram | null = null;

afterEach(async () => {
  await program?.stop();
  // Python run with PYTHONPERFSUPPORT=1 leaves its trampoline map behind.
  if (program) rmSync(`/tmp/perf-${program.pid}.map`, { force: true });
  program = null;
});

function targetOf(started: StartedProgram, argv: string[], launched = true): ProfilerTarget {
  return { pid: started.pid, launched, runtime: 'python', argv };
}

describe.skipIf(!existsSync(python('3.10.13')))('austin on Python 3.10', () => {
  it('finds hot_function on top', async () => {
    const argv = [python('3.10.13'), pythonHot, '20'];
    program = await startProgram(argv);
    const target = targetOf(program, argv, false);
    expect(await austinProfiler.check(target)).toBeNull();
    const journal = memoryJournal();
    const running = await austinProfiler.start(target, options, events, journal);
    const austinPid = journal.remembered[0]!.pid;
    await delay(1500);
    const [profile] = await running.stop();
    expect(isRunning(austinPid)).toBe(false);
    expect(journal.entries.size).toBe(0);
    const weights = selfWeights(profile!, ['python']);
    expect(weights[0]![0]).toBe('hot_function');
    expect(weights.map(([name]) => name)).toContain('cold_function');
    expect(profile!.source.tool).toBe('austin');
    expect(program.child.exitCode).toBeNull();
  });

  it('stops cleanly after the target exited by itself', async () => {
    const argv = [python('3.10.13'), pythonHot, '1'];
    program = await startProgram(argv);
    const running = await austinProfiler.start(targetOf(program, argv), options, events, memoryJournal());
    for (let attempt = 0; attempt < 50 && isRunning(program.pid); attempt++) await delay(100);
    const [profile] = await running.stop();
    expect(selfWeights(profile!, ['python'])[0]![0]).toBe('hot_function');
  });
});

describe.skipIf(!existsSync(python('3.12.1')))('perf trampoline on Python 3.12', () => {
  it('can run on a command before it is launched (no process to check yet: pid 0)', async () => {
    const argv = [python('3.12.1'), pythonHot, '20'];
    expect(await pythonPerfProfiler.check({ pid: 0, launched: true, runtime: 'python', argv })).toBeNull();
  });

  it('shows hot_function as the top Python frame of a launched 3.12', async () => {
    const plan = pythonPerfProfiler.prepareLaunch({ argv: [python('3.12.1'), pythonHot, '20'], env: {} }, options);
    expect(plan.env).toEqual({ PYTHONPERFSUPPORT: '1' });
    program = await startProgram(plan.argv, plan.env);
    const target = targetOf(program, plan.argv);
    expect(await pythonPerfProfiler.check(target)).toBeNull();
    const running = await pythonPerfProfiler.start(target, options, events, memoryJournal());
    await delay(2000);
    const [profile] = await running.stop();
    const weights = selfWeights(profile!, ['python']);
    expect(weights[0]![0]).toBe('hot_function');
    expect(profile!.source.tool).toBe('python-perf');
  });

  it('explains that a 3.12 process started without perf support cannot show Python frames', async () => {
    const argv = [python('3.12.1'), pythonHot, '20'];
    program = await startProgram(argv);
    const problem = await pythonPerfProfiler.check(targetOf(program, argv, false));
    expect(problem?.message).toMatch(/not started with perf support/);
    expect(problem?.fix).toMatch(/PYTHONPERFSUPPORT=1/);
    await expect(
      pythonPerfProfiler.start(targetOf(program, argv, false), options, events, memoryJournal()),
    ).rejects.toMatchObject({
      code: 'profiler-unavailable',
    });
  });
});

describe.skipIf(!existsSync(python('3.11.7')))('Python 3.11', () => {
  it('is read by py-spy only: austin 1.0.1 stops at 3.10 and the trampoline came in 3.12', async () => {
    const argv = [python('3.11.7'), pythonHot, '20'];
    program = await startProgram(argv);
    const chosen = await choosePythonProfiler(targetOf(program, argv));
    if ((await readPySpy()) !== null)
      expect(chosen).toEqual({ profiler: expect.objectContaining({ id: 'py-spy' }), problem: null });
    else expect(chosen.problem?.message).toMatch(/py-spy is not installed.*3\.11\.7 has no other profiler/);
    expect(await austinProfiler.check(targetOf(program, argv))).toMatchObject({
      message: expect.stringMatching(/3\.7–3\.10/),
    });
    expect(await pythonPerfProfiler.check(targetOf(program, argv))).toMatchObject({
      message: expect.stringMatching(/no perf trampoline/),
    });
  });
});
