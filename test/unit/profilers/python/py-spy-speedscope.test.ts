import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pySpyThread, readPySpySpeedscope } from '../../../../src-main/profilers/python/py-spy-speedscope';
import { totalWeight, type Profile } from '../../../../src-shared/profile/profile';

// Real py-spy output: two threads sharing the GIL, 100 rounds requested over 1 s (see the README beside it).
const fixture = readFileSync(
  path.resolve(__dirname, '../../../fixtures/profiles/py-spy/python-threads-3.12.speedscope.json'),
  'utf8',
);
const window = { startTime: 1_000_000, durationMs: 1000, requestedHz: 100, fellBehind: false };

/** "thread: a;b;c weight" per distinct stack, summed: readable, order-free. */
function summary(profile: Profile): string[] {
  const totals = new Map<string, number>();
  for (let sample = 0; sample < profile.samples.length; sample++) {
    const names: string[] = [];
    for (let stack = profile.samples.stack[sample]!; stack >= 0; stack = profile.stacks.parent[stack]!)
      names.push(profile.strings[profile.frames.name[profile.stacks.frame[stack]!]!]!);
    const key = `${profile.threads[profile.samples.thread[sample]!]!.name}: ${names.reverse().join(';')}`;
    totals.set(key, (totals.get(key) ?? 0) + profile.samples.weight[sample]!);
  }
  return [...totals].map(([key, weight]) => `${key} ${Math.round(weight)}`).sort();
}

describe('readPySpySpeedscope', () => {
  it('reads each thread, its stacks root first, and weighs a sample as the window over the rounds', () => {
    const result = readPySpySpeedscope(fixture, window);
    // 100 rounds in 1 s: neither thread was on CPU in every round (65 and 77 samples).
    expect(result).toMatchObject({ samples: 142, rounds: 100, intervalMs: 10 });
    expect(summary(result.profile)).toEqual([
      'MainThread (26223): <module>;main;work;hot_function 650',
      'worker (26227): _bootstrap;_bootstrap_inner;run;work;cold_function 770',
    ]);
    expect(result.profile.threads).toEqual([
      { name: 'MainThread (26223)', tid: 26223 },
      { name: 'worker (26227)', tid: 26227 },
    ]);
    expect(result.profile).toMatchObject({ startTime: 1_000_000, durationMs: 1000, weightUnit: 'milliseconds' });
    expect(result.profile.source).toEqual({ tool: 'py-spy', requestedIntervalMs: 10 });
  });

  it('keeps the function and its first line in one frame (py-spy --function)', () => {
    const { profile } = readPySpySpeedscope(fixture, window);
    const hot = Array.from(profile.frames.name).indexOf(profile.strings.indexOf('hot_function'));
    expect(profile.strings[profile.frames.file[hot]!]).toMatch(/targets\/python-hot\.py$/);
    expect(profile.frames.line[hot]).toBe(9);
    expect(profile.frames.kind[hot]).toBe(2); // 'python'
  });

  it("lays each thread's samples end to end from the window's start", () => {
    const { profile } = readPySpySpeedscope(fixture, window);
    const main = [...profile.samples.time].filter((_, sample) => profile.samples.thread[sample] === 0);
    expect(main.slice(0, 3)).toEqual([0, 10, 20]);
  });

  it('counts the busiest thread as the rounds when it was sampled more often than the rate, or py-spy fell behind', () => {
    // A shorter window than the samples allow at 100 Hz: py-spy cannot have taken fewer rounds than 77.
    expect(readPySpySpeedscope(fixture, { ...window, durationMs: 290 })).toMatchObject({ rounds: 77 });
    const behind = readPySpySpeedscope(fixture, { ...window, fellBehind: true });
    expect(behind).toMatchObject({ rounds: 77, intervalMs: 1000 / 77 });
    expect(totalWeight(behind.profile)).toBeCloseTo((142 * 1000) / 77, 6);
  });

  it('says what is wrong with output it cannot read', () => {
    expect(() => readPySpySpeedscope(fixture.slice(0, 100), window)).toThrow(/not complete JSON/);
    expect(() => readPySpySpeedscope('{"profiles": []}', window)).toThrow(/no "shared.frames"/);
    const badFrame = '{"shared": {"frames": []}, "profiles": [{"name": "Thread 1 \\"\\"", "samples": [[3]]}]}';
    expect(() => readPySpySpeedscope(badFrame, window)).toThrow(
      expect.objectContaining({ code: 'profiler-unavailable', message: expect.stringMatching(/frame 3/) }),
    );
  });
});

describe('pySpyThread', () => {
  it('reads the OS thread id, or keeps a pthread id (hex) only in the name', () => {
    expect(pySpyThread('Thread 7575 ""')).toEqual({ name: 'Thread 7575', tid: 7575 });
    expect(pySpyThread('Thread 7575 "MainThread"')).toEqual({ name: 'MainThread (7575)', tid: 7575 });
    expect(pySpyThread('Thread 0x7F85EAA4BB80 ""')).toEqual({ name: 'Thread 0x7F85EAA4BB80', tid: null });
    expect(pySpyThread('something else')).toEqual({ name: 'something else', tid: null });
  });
});
