// perf script text with the srcline field (the perf profiler's second pass for native programs):
// a real recording of native-hot.c, whose inner loop of hot_function must be the top line, and
// hand-made samples for what perf prints when it knows a line, knows it in another file (inlined
// code), prints `sym+offset` or `??` forms, or prints nothing.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { lineCostsOf } from '../../../src-main/analysis/line-costs';
import { parsePerfScript, type PerfScriptOptions } from '../../../src-main/import/perf-script';
import { sourceLocation, startsWithAddress } from '../../../src-main/import/perf-srcline';
import type { Profile } from '../../../src-shared/profile/profile';

const fixtures = new URL('../../fixtures/profiles/perf/', import.meta.url).pathname;
const targets = new URL('../../fixtures/targets/', import.meta.url).pathname;
const options: PerfScriptOptions = {
  epochOf: null,
  fallbackStartTime: 1_700_000_000_000,
  requestedIntervalMs: null,
  tool: 'perf',
  srclines: true,
};
const all = { kind: 'cpu', range: null, thread: null } as const;

async function parse(text: string | Buffer) {
  return parsePerfScript(
    (async function* () {
      yield typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    })(),
    options,
  );
}

function frameNamed(profile: Profile, name: string): number {
  const frame = [...profile.frames.name].findIndex((index) => profile.strings[index] === name);
  expect(frame, name).toBeGreaterThanOrEqual(0);
  return frame;
}

function fileOf(profile: Profile, name: string): string | null {
  const file = profile.frames.file[frameNamed(profile, name)]!;
  return file >= 0 ? profile.strings[file]! : null;
}

describe('perf script with srcline', () => {
  it('puts the inner loop of hot_function on top in a real recording of native-hot.c', async () => {
    const text = await readFile(`${fixtures}native-hot-srcline.txt`);
    const result = await parse(text);
    const headers = text.toString('utf8').match(/ cpu-clock:/g)!.length;
    expect(result.samples).toBe(headers);
    expect(result.skippedLines).toBe(0);
    const profile = result.profile;
    expect(fileOf(profile, 'hot_function')).toMatch(/\/native-hot\.c$/);
    const source = (await readFile(`${targets}native-hot.c`, 'utf8')).split('\n');
    const hotLine = source.findIndex((line) => line.includes('7000000UL')) + 1;
    const coldLine = source.findIndex((line) => line.includes('3000000UL')) + 1;
    const hot = lineCostsOf(profile, all, frameNamed(profile, 'hot_function'));
    expect(hot.source).toBe('samples');
    const heaviest = [...hot.lines].sort((left, right) => right.self - left.self)[0]!;
    expect(heaviest.line).toBe(hotLine);
    expect(heaviest.selfSamples / hot.lines.reduce((sum, line) => sum + line.selfSamples, 0)).toBeGreaterThan(0.9);
    const cold = lineCostsOf(profile, all, frameNamed(profile, 'cold_function'));
    expect([...cold.lines].sort((left, right) => right.self - left.self)[0]!.line).toBe(coldLine);
    // libc's debug information (libc6-dbg) names a relative path; kernel frames' srclines name no file.
    expect(fileOf(profile, '__libc_start_call_main')).toBe('./csu/../sysdeps/x86/libc-start.c');
    const kernelFiles = [...profile.frames.module.keys()]
      .filter((frame) => profile.strings[profile.frames.module[frame]!] === '[kernel.kallsyms]')
      .map((frame) => profile.frames.file[frame]);
    expect(kernelFiles.length).toBeGreaterThan(0);
    expect(new Set(kernelFiles)).toEqual(new Set([-1]));
  });

  it('keeps a line only in its function file, and reads sym+offset, ?? and a missing srcline as unknown', async () => {
    const sample = (time: string, frames: string) => `prog  10/10   ${time}:    1000000 cpu-clock: \n${frames}\n`;
    const text = [
      sample(
        '1.000',
        '\t            1207 hot_function+0x17 (/tmp/b/prog)\n  /src/prog.c:18\n' +
          '\t            1300 main+0x20 (/tmp/b/prog)\n  /src/prog.c:40\n' +
          '\t           2724a __libc_start_call_main (/usr/lib/x86_64-linux-gnu/libc.so.6)',
      ),
      // Code of hot_function inlined from a header: the frame stays, the header's line is not its.
      sample(
        '1.001',
        '\t            1230 hot_function+0x40 (/tmp/b/prog)\n  /src/inline.h:3\n' +
          '\t            1300 main+0x20 (/tmp/b/prog)\n  /src/prog.c:40',
      ),
      sample(
        '1.002',
        '\t            1400 cold+0xc (/tmp/b/prog)\n  cold+12\n' +
          '\t            1500 other (/tmp/b/prog)\n  ??:0\n' +
          '\t           2724a __libc_start_call_main (/usr/lib/x86_64-linux-gnu/libc.so.6)',
      ),
    ].join('\n');
    const { profile, samples, skippedLines } = await parse(text);
    expect(samples).toBe(3);
    expect(skippedLines).toBe(0);
    expect(fileOf(profile, 'hot_function')).toBe('/src/prog.c');
    expect(fileOf(profile, 'main')).toBe('/src/prog.c');
    expect(fileOf(profile, 'cold')).toBeNull();
    expect(fileOf(profile, '__libc_start_call_main')).toBeNull();
    const hot = lineCostsOf(profile, all, frameNamed(profile, 'hot_function'));
    expect(hot.lines).toEqual([{ line: 18, self: 1, selfSamples: 1, total: 1 }]);
    expect(hot.totalWeight).toBe(3);
    const main = lineCostsOf(profile, all, frameNamed(profile, 'main'));
    expect(main.lines).toEqual([{ line: 40, self: 0, selfSamples: 0, total: 2 }]);
    // The third sample knows no line at all: it has no line node.
    expect([...profile.lines!.sampleNode!]).toEqual([expect.any(Number), expect.any(Number), -1]);
    expect(profile.lines!.sampleNode![0]).toBeGreaterThanOrEqual(0);
  });

  it('tells srcline text from frame lines', () => {
    expect(sourceLocation('  /src/prog.c:18')).toEqual({ file: '/src/prog.c', line: 18 });
    expect(sourceLocation('/src/a b.c:7 (discriminator 2)')).toEqual({ file: '/src/a b.c', line: 7 });
    expect(sourceLocation('ns::run+12')).toBeNull();
    expect(sourceLocation('libc.so.6[27b89]')).toBeNull();
    expect(sourceLocation('??:0')).toBeNull();
    expect(sourceLocation('/src/prog.c:0')).toBeNull();
    const line = (text: string) => [Buffer.from(text), 0, text.length] as const;
    expect(startsWithAddress(...line('\t    1207 hot (/b)'))).toBe(true);
    expect(startsWithAddress(...line('  /src/prog.c:18'))).toBe(false);
    expect(startsWithAddress(...line('  cafe+12'))).toBe(false);
  });
});
