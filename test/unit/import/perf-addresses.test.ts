// Line costs of perf script text (the perf profiler's line pass for native programs): the first read
// hears each frame line's DSO and address, the second reads them with their locations. A real
// recording of native-hot.c, whose srcline lines (perf's own answer for each address) give the
// locations, must put hot_function's inner loop on top; hand-made samples check a line in another
// file (inlined code) and unknown addresses; and addr2line's `-a -i` output is read as it prints it.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { lineCostsOf } from '../../../src-main/analysis/line-costs';
import {
  addr2lineLocations,
  frameAddress,
  frameDso,
  sourceLocation,
  type SourceLocation,
} from '../../../src-main/import/perf-addresses';
import { parsePerfScript, type PerfScriptOptions } from '../../../src-main/import/perf-script';
import type { Profile } from '../../../src-shared/profile/profile';

const fixtures = new URL('../../fixtures/profiles/perf/', import.meta.url).pathname;
const targets = new URL('../../fixtures/targets/', import.meta.url).pathname;
const options: PerfScriptOptions = {
  epochOf: null,
  fallbackStartTime: 1_700_000_000_000,
  requestedIntervalMs: null,
  tool: 'perf',
};
const all = { kind: 'cpu', range: null, thread: null } as const;

async function parse(text: string, more: Partial<PerfScriptOptions>) {
  return parsePerfScript(
    (async function* () {
      yield Buffer.from(text, 'utf8');
    })(),
    { ...options, ...more },
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

/** perf script text with srcline lines split into the text without them and a location per DSO and address. */
function splitSrclines(text: string): { frames: string; locations: Map<string, SourceLocation | null> } {
  const locations = new Map<string, SourceLocation | null>();
  const kept: string[] = [];
  let key: string | null = null;
  for (const line of text.split('\n')) {
    const bytes = Buffer.from(line);
    const address = frameAddress(bytes, 0, bytes.length);
    if (/^ {2}\S/.test(line) && key !== null) {
      locations.set(key, sourceLocation(line));
      key = null;
      continue;
    }
    const dso = frameDso(line.trim());
    key = address !== null && dso !== null ? `${dso}\n${address}` : null;
    kept.push(line);
  }
  return { frames: kept.join('\n'), locations };
}

describe('perf line costs from addresses', () => {
  it('puts the inner loop of hot_function on top in a real recording of native-hot.c', async () => {
    const { frames, locations } = splitSrclines(await readFile(`${fixtures}native-hot-srcline.txt`, 'utf8'));
    const heard = new Set<string>();
    const first = await parse(frames, { addresses: (dso, address) => heard.add(`${dso}\n${address}`) });
    expect(first.profile.lines).toBeUndefined();
    expect(heard).toEqual(new Set(locations.keys()));
    const result = await parse(frames, { locate: (dso, address) => locations.get(`${dso}\n${address}`) ?? null });
    expect(result.samples).toBe(first.samples);
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
    // libc's debug information (libc6-dbg) names a relative path; kernel frames have no location.
    expect(fileOf(profile, '__libc_start_call_main')).toBe('./csu/../sysdeps/x86/libc-start.c');
    const kernelFiles = [...profile.frames.module.keys()]
      .filter((frame) => profile.strings[profile.frames.module[frame]!] === '[kernel.kallsyms]')
      .map((frame) => profile.frames.file[frame]);
    expect(kernelFiles.length).toBeGreaterThan(0);
    expect(new Set(kernelFiles)).toEqual(new Set([-1]));
  });

  it("keeps a line only in its function's file, and an unknown address as no line", async () => {
    const sample = (time: string, frames: string) => `prog  10/10   ${time}:    1000000 cpu-clock: \n${frames}\n`;
    const text = [
      sample(
        '1.000',
        '\t            1207 hot_function+0x17 (/tmp/b/prog)\n' +
          '\t            1300 main+0x20 (/tmp/b/prog)\n' +
          '\t           2724a __libc_start_call_main (/usr/lib/x86_64-linux-gnu/libc.so.6)',
      ),
      // Code of hot_function located in a header: the frame stays, the header's line is not its.
      sample('1.001', '\t            1230 hot_function+0x40 (/tmp/b/prog)\n\t            1300 main+0x20 (/tmp/b/prog)'),
      sample(
        '1.002',
        '\t            1400 cold+0xc (/tmp/b/prog)\n' +
          '\t           2724a __libc_start_call_main (/usr/lib/x86_64-linux-gnu/libc.so.6)',
      ),
    ].join('\n');
    const locations: Record<string, SourceLocation> = {
      '1207': { file: '/src/prog.c', line: 18 },
      '1230': { file: '/src/inline.h', line: 3 },
      '1300': { file: '/src/prog.c', line: 40 },
    };
    const { profile, samples, skippedLines } = await parse(text, {
      locate: (dso, address) => (dso === '/tmp/b/prog' ? (locations[address] ?? null) : null),
    });
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
    expect(profile.lines!.sampleNode![0]).toBeGreaterThanOrEqual(0);
    expect(profile.lines!.sampleNode![2]).toBe(-1);
  });

  it("reads addr2line's answers, keeping the outermost line of inlined code", () => {
    const output = [
      '0x0000000000001207',
      '/src/native-hot.c:18 (discriminator 3)',
      '0x00000000000011a0',
      '/usr/include/x86_64-linux-gnu/bits/stdio2.h:86',
      '/src/native-hot.c:33',
      '0x0000000000099999',
      '??:0',
      '',
    ].join('\n');
    expect(addr2lineLocations(output)).toEqual(
      new Map([
        ['1207', { file: '/src/native-hot.c', line: 18 }],
        ['11a0', { file: '/src/native-hot.c', line: 33 }],
        ['99999', null],
      ]),
    );
    const line = (text: string) => [Buffer.from(text), 0, text.length] as const;
    expect(frameAddress(...line('\t    0001207 hot (/b)'))).toBe('1207');
    expect(frameAddress(...line('\t    0 hot (/b)'))).toBe('0');
    expect(frameAddress(...line('  /src/prog.c:18'))).toBeNull();
    expect(frameDso('hot+0x17 (/tmp/b/prog)')).toBe('/tmp/b/prog');
    expect(frameDso('[unknown]')).toBeNull();
    expect(sourceLocation('??:?')).toBeNull();
    expect(sourceLocation('/src/prog.c:0')).toBeNull();
  });
});
