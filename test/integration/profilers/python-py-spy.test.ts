// The py-spy profiler on real interpreters: what it collects, how it weighs samples, that it leaves
// nothing running (target exits first, the user stops, an engine crashed), and what it says when it
// cannot attach. The CLI-level tests (launched and attached on 3.10–3.13, the choice of profiler,
// fallbacks without py-spy) are in test/integration/cli/record-python.test.ts.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfilerEvents, ProfilerOptions, ProfilerTarget } from '../../../src-main/profilers/profiler';
import { cleanUpPySpyLeftover, pySpyProfiler } from '../../../src-main/profilers/python';
import { readPySpy } from '../../../src-main/profilers/python/py-spy-access';
import { totalWeight, type Profile } from '../../../src-shared/profile/profile';
import { isRunning, memoryJournal, pythonHot, selfWeights, startProgram, type StartedProgram } from './perf-targets';

const python = (version: string): string => path.join(homedir(), '.pyenv/versions', version, 'bin/python3');
const options: ProfilerOptions = { samplingHz: 999, allocations: false };
const pySpy = await readPySpy();
let program: StartedProgram | null = null;
let warnings: string[] = [];
const events: ProfilerEvents = { warning: (message) => void warnings.push(message) };

afterEach(async () => {
  await program?.stop();
  program = null;
  warnings = [];
});

/** The samples of one thread, as a sample table. */
function onlyThread(profile: Profile, thread: number): Profile['samples'] {
  const keep = [...profile.samples.thread.keys()].filter((sample) => profile.samples.thread[sample] === thread);
  return {
    length: keep.length,
    stack: Int32Array.from(keep, (sample) => profile.samples.stack[sample]!),
    time: Float64Array.from(keep, (sample) => profile.samples.time[sample]!),
    weight: Float64Array.from(keep, (sample) => profile.samples.weight[sample]!),
    thread: Uint16Array.from(keep, () => thread),
    count: null,
  };
}

function targetOf(started: StartedProgram, argv: string[], launched = false): ProfilerTarget {
  return { pid: started.pid, launched, runtime: 'python', argv };
}

// vitest prints no reason for a skip: the title says what is missing.
const missing = [
  pySpy === null ? 'py-spy on PATH (pip install py-spy)' : '',
  existsSync(python('3.11.7')) ? '' : '~/.pyenv/versions/3.11.7',
]
  .filter(Boolean)
  .join(', no ');
describe.skipIf(missing !== '')(`py-spy${missing ? ` — skipped: no ${missing} here` : ''}`, () => {
  const argv = (seconds: string) => [python('3.11.7'), pythonHot, seconds];

  it('samples a running 3.11: functions with their first line, the OS thread, weights from the window', async () => {
    program = await startProgram(argv('30'));
    const journal = memoryJournal();
    const running = await pySpyProfiler.start(targetOf(program, argv('30')), options, events, journal);
    const [entry] = journal.remembered;
    expect(entry).toMatchObject({ kind: 'process', detail: { tool: 'py-spy' } });
    await delay(1500);
    const [profile] = await running.stop();
    expect(isRunning(entry!.pid)).toBe(false);
    expect(existsSync(String(entry!.detail['directory']))).toBe(false);
    expect(journal.entries.size).toBe(0);
    expect(program.child.exitCode).toBeNull();

    expect(profile!.source).toEqual({ tool: 'py-spy', requestedIntervalMs: 1000 / 999 });
    const weights = selfWeights(profile!, ['python']);
    expect(weights.map(([name]) => name).slice(0, 2)).toEqual(['hot_function', 'cold_function']);
    const hot = profile!.strings.indexOf('hot_function');
    const frame = Array.from(profile!.frames.name).indexOf(hot);
    expect(profile!.frames.line[frame]).toBe(9);
    // py-spy names it by its Python name where the interpreter has one ("MainThread (PID)" on 3.11).
    expect(profile!.threads).toEqual([{ name: expect.stringContaining(String(program.pid)), tid: program.pid }]);
    // One thread busy throughout: its samples add up to the sampling window, whatever rate was reached.
    expect(totalWeight(profile!) / profile!.durationMs).toBeGreaterThan(0.9);
    expect(totalWeight(profile!) / profile!.durationMs).toBeLessThanOrEqual(1.0001);
    // Laid end to end: each sample starts where the one before ended.
    expect(profile!.samples.time[1]! - profile!.samples.time[0]!).toBeCloseTo(profile!.samples.weight[0]!, 6);
  });

  it('keeps threads apart, by their OS thread ids and Python names', async () => {
    const threads = [python('3.11.7'), path.resolve(__dirname, '../../fixtures/targets/python-threads.py'), '30'];
    program = await startProgram(threads);
    const running = await pySpyProfiler.start(targetOf(program, threads), options, events, memoryJournal());
    await delay(1000);
    const [profile] = await running.stop();
    const names = profile!.threads.map((thread) => thread.name.replace(/ \(\d+\)$/, ''));
    expect(names.sort()).toEqual(['MainThread', 'worker']);
    expect(profile!.threads.find((thread) => thread.name.startsWith('MainThread'))!.tid).toBe(program.pid);
    const leaf = (thread: number) =>
      selfWeights({ ...profile!, samples: onlyThread(profile!, thread) }, ['python'])[0]![0];
    const main = profile!.threads.findIndex((thread) => thread.name.startsWith('MainThread'));
    expect(leaf(main)).toBe('hot_function');
    expect(leaf(1 - main)).toBe('cold_function');
  });

  it('keeps the profile when the target exits first', async () => {
    program = await startProgram(argv('1'));
    const running = await pySpyProfiler.start(targetOf(program, argv('1')), options, events, memoryJournal());
    for (let attempt = 0; attempt < 50 && isRunning(program.pid); attempt++) await delay(100);
    const [profile] = await running.stop();
    expect(selfWeights(profile!, ['python'])[0]![0]).toBe('hot_function');
  });

  it('says when the process is gone or is not Python', async () => {
    program = await startProgram([
      process.execPath,
      path.resolve(__dirname, '../../fixtures/targets/sleeper.js'),
      '30',
    ]);
    const node = targetOf(program, [process.execPath]);
    await expect(pySpyProfiler.check(node)).resolves.toMatchObject({ message: expect.stringMatching(/not a Python/) });
    await program.stop();
    await expect(pySpyProfiler.start(node, options, events, memoryJournal())).rejects.toMatchObject({
      code: 'profiler-unavailable',
    });
  });

  it('leaves a py-spy a crashed engine journaled to the clean-up, which ends it only if it is still that py-spy', async () => {
    program = await startProgram(argv('30'));
    const journal = memoryJournal();
    const running = await pySpyProfiler.start(targetOf(program, argv('30')), options, events, journal);
    const [entry] = journal.remembered;
    await cleanUpPySpyLeftover({ ...entry!, startTicks: entry!.startTicks + 1 });
    expect(isRunning(entry!.pid)).toBe(true);
    await cleanUpPySpyLeftover(entry!);
    expect(isRunning(entry!.pid)).toBe(false);
    expect(existsSync(String(entry!.detail['directory']))).toBe(false);
    expect(program.child.exitCode).toBeNull();
    await expect(running.stop()).rejects.toMatchObject({ code: 'profiler-unavailable' });
  });
});
