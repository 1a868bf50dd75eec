import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePerfScript, perfFrame, perfScriptImporter, PerfScriptParser } from '../../../src-main/import/perf-script';
import { importInputFromBytes, openImportInput } from '../../../src-main/import/read-input';
import { ThermographError } from '../../../src-shared/api/errors';
import { frameKinds, type Profile } from '../../../src-shared/profile/profile';
import { foldedSummary } from '../../helpers/profile-text';

const fixtures = new URL('../../fixtures/profiles/perf/', import.meta.url).pathname;
const options = { epochOf: null, fallbackStartTime: 1_700_000_000_000, requestedIntervalMs: null, tool: 'perf-script' };

async function parseText(text: string) {
  return parsePerfScript(
    (async function* () {
      yield Buffer.from(text, 'utf8');
    })(),
    options,
  );
}

/** Self weight per leaf frame name, largest first. */
function leaves(profile: Profile): [string, number][] {
  const weights = new Map<string, number>();
  for (let sample = 0; sample < profile.samples.length; sample++) {
    const frame = profile.stacks.frame[profile.samples.stack[sample]!]!;
    const name = profile.strings[profile.frames.name[frame]!]!;
    weights.set(name, (weights.get(name) ?? 0) + profile.samples.weight[sample]!);
  }
  return [...weights].sort((left, right) => right[1] - left[1]);
}

function kindOf(profile: Profile, name: string): string | undefined {
  const frame = [...profile.frames.name].findIndex((index) => profile.strings[index] === name);
  return frame < 0 ? undefined : frameKinds[profile.frames.kind[frame]!];
}

describe('perf script', () => {
  it('detects perf script text and rejects other formats', async () => {
    for (const name of ['native-hot-fp.txt', 'node-default-fields.txt', 'python-trampoline-dwarf.txt']) {
      expect(perfScriptImporter.detect(await readFile(`${fixtures}${name}`))).toBe(true);
    }
    expect(
      perfScriptImporter.detect(Buffer.from('# ========\n# captured on: x\n#\nsh 1/1 5.000001: 1 cpu-clock: \n')),
    ).toBe(true);
    expect(perfScriptImporter.detect(Buffer.from('a;b;c 42\n'))).toBe(false);
    expect(perfScriptImporter.detect(Buffer.from('Thread 5617a2584ff0;<module> (a.py);L1 10\n'))).toBe(false);
    expect(perfScriptImporter.detect(Buffer.from('{"nodes": []}'))).toBe(false);
  });

  it('imports a native frame-pointer recording: hot_function on top, kernel frames marked', async () => {
    const [profile] = await perfScriptImporter.import(await openImportInput(`${fixtures}native-hot-fp.txt`), {
      fallbackStartTime: 5,
    });
    const top = leaves(profile!);
    expect(top[0]![0]).toBe('hot_function');
    const user = top.filter(([name]) => name === 'hot_function' || name === 'cold_function');
    expect(user[0]![1] / (user[0]![1] + user[1]![1])).toBeGreaterThan(0.55);
    expect(profile!.threads).toEqual([{ name: 'native-hot', tid: 3391 }]);
    expect(profile!.weightUnit).toBe('milliseconds');
    // cpu-clock's period is in nanoseconds: each sample weighs 1.001001 ms.
    expect(profile!.samples.weight[0]).toBeCloseTo(1.001001, 6);
    expect(profile!.samples.time[0]).toBe(0);
    expect(profile!.startTime).toBe(5);
    expect(kindOf(profile!, 'hot_function')).toBe('native');
    expect(foldedSummary(profile!)).toMatch(/^__libc_start_call_main;hot_function \d/m);
    const kernel = profile!.strings.findIndex((name) => name === 'asm_common_interrupt' || name === 'schedule');
    if (kernel >= 0) expect(kindOf(profile!, profile!.strings[kernel]!)).toBe('kernel');
  });

  it('reads JavaScript names from perf-PID.map frames and strips +offsets (default perf script fields)', async () => {
    const [profile] = await perfScriptImporter.import(
      await openImportInput(`${fixtures}node-default-fields.txt`),
      options,
    );
    const hot = profile!.strings.indexOf('hot');
    const frame = [...profile!.frames.name].indexOf(hot);
    expect(frameKinds[profile!.frames.kind[frame]!]).toBe('js');
    expect(profile!.strings[profile!.frames.file[frame]!]).toBe('/tmp/th/hot.js');
    expect([profile!.frames.line[frame], profile!.frames.column[frame]]).toEqual([1, 13]);
    expect(profile!.strings.some((name) => /\+0x/.test(name))).toBe(false);
    expect(kindOf(profile!, 'Builtins_InterpreterEntryTrampoline')).toBe('native');
  });

  it('marks CPython trampoline frames as Python functions with their file', async () => {
    const [profile] = await perfScriptImporter.import(
      await openImportInput(`${fixtures}python-trampoline-dwarf.txt`),
      options,
    );
    expect(kindOf(profile!, 'hot_function')).toBe('python');
    const frame = [...profile!.frames.name].indexOf(profile!.strings.indexOf('hot_function'));
    expect(profile!.strings[profile!.frames.file[frame]!]).toBe('/tmp/th/hot.py');
    // "(inlined)" is perf's marker, not a module.
    expect(profile!.strings).not.toContain('inlined');
  });

  it('classifies frame texts', () => {
    expect(perfFrame('LazyCompile:*foo /app/a.js:12')).toMatchObject({
      name: 'foo',
      kind: 'js',
      file: '/app/a.js',
      line: 12,
    });
    expect(perfFrame('JS:~ /app/a.js:3:4 (/tmp/perf-9.map)')).toMatchObject({
      name: '(anonymous)',
      kind: 'js',
      line: 3,
      column: 4,
    });
    expect(perfFrame('py::run:/srv/app.py (/tmp/perf-77.map)')).toMatchObject({
      name: 'run',
      kind: 'python',
      file: '/srv/app.py',
    });
    expect(perfFrame('[unknown] (/usr/lib/libfoo.so.1)')).toMatchObject({ name: 'libfoo.so.1', kind: 'native' });
    expect(perfFrame('[unknown] ([unknown])')).toMatchObject({ name: '[unknown]', kind: 'native' });
    expect(perfFrame('do_syscall_64+0x5b ([kernel.kallsyms])')).toMatchObject({
      name: 'do_syscall_64',
      kind: 'kernel',
    });
    expect(perfFrame('std::vector<int>::push_back(int const&)+0x1f (/opt/app)')).toMatchObject({
      name: 'std::vector<int>::push_back(int const&)',
      module: '/opt/app',
    });
  });

  it('reads header variants: [cpu], pid only, comm with spaces, other events, one-line samples', async () => {
    const text = [
      'my worker 12/13 [001] 100.000000: 250000 cycles:u: ',
      '\t  4004 spin (/bin/app)',
      '',
      'my worker 12/13 [001] 100.001000: 250000 cycles:u: ',
      '\t  4004 spin (/bin/app)',
      '',
      'my worker 12/13 [001] 100.101000: 250000 cycles:u: ',
      '\t  4004 spin (/bin/app)',
      '',
      'app 12 100.002000: cpu-clock:  4010 tick+0x4 (/bin/app)',
      '',
    ].join('\n');
    const { profile, samples, skippedLines, event, otherEvents } = await parseText(text);
    expect({ samples, skippedLines }).toEqual({ samples: 3, skippedLines: 0 });
    // One profile per event: cycles (more samples) is kept, cpu-clock named as left out.
    expect(event).toBe('cycles:u');
    expect(otherEvents).toEqual([{ event: 'cpu-clock', samples: 1 }]);
    expect(profile.threads).toEqual([{ name: 'my worker', tid: 13 }]);
    // cycles periods count cycles, not time, and the 100 ms gap is sleep: each sample weighs one.
    expect(profile.weightUnit).toBe('samples');
    expect([...profile.samples.weight]).toEqual([1, 1, 1]);
    expect(foldedSummary(profile)).toBe('spin 3');

    const oneLine = await parseText('app 12 100.002000: cpu-clock:  4010 tick+0x4 (/bin/app)\n');
    expect(oneLine.profile.threads).toEqual([{ name: 'app', tid: 12 }]);
    expect(foldedSummary(oneLine.profile)).toBe('tick 1');
  });

  it('reads headers without a time, separated by tabs, and 16-digit frames flush left (simpleperf)', async () => {
    const text = [
      'my worker 12/13 ',
      '\t  4004 spin (/bin/app)',
      '',
      'app\t14 [001] 2.000100:\t\t1000000 cpu-clock:',
      'ffffffff81bbe9f8\tchacha_permute ([kernel.kallsyms])',
      '            4010\ttick (/bin/app)',
      '',
    ].join('\n');
    expect(perfScriptImporter.detect(Buffer.from(text))).toBe(true);
    const { profile, event, otherEvents } = await parseText(text);
    // The first sample names no event: it is its own (unnamed) one, with one sample.
    expect(event).toBe('cpu-clock');
    expect(otherEvents).toEqual([{ event: '', samples: 1 }]);
    expect(profile.threads).toEqual([{ name: 'app', tid: 14 }]);
    expect(foldedSummary(profile)).toBe('tick;chacha_permute 1');
    const timeless = await parseText('my worker 12/13 \n\t  4004 spin (/bin/app)\n\n');
    expect(timeless.profile.threads).toEqual([{ name: 'my worker', tid: 13 }]);
    expect([...timeless.profile.samples.weight]).toEqual([1]);
  });

  it('gives the same profile whatever the chunk boundaries (sample blocks or line by line)', async () => {
    const names = ['native-hot-fp.txt', 'node-default-fields.txt', 'python-trampoline-dwarf.txt'];
    names.push('native-hot-no-time.txt', 'simpleperf-layout.txt', 'page-faults-no-period.txt');
    for (const name of names) {
      const bytes = await readFile(`${fixtures}${name}`);
      const whole = await parseText(bytes.toString('utf8'));
      // One byte at a time never holds a whole sample: every line is read on its own.
      for (const size of [1, 7, 4096]) {
        const parser = new PerfScriptParser(options);
        for (let offset = 0; offset < bytes.length; offset += size) parser.push(bytes.subarray(offset, offset + size));
        const result = parser.finish();
        expect(foldedSummary(result.profile), `${name} in ${size}-byte chunks`).toBe(foldedSummary(whole.profile));
        expect([result.samples, result.skippedLines]).toEqual([whole.samples, whole.skippedLines]);
      }
    }
  });

  it('reads a file of several megabytes in reused buffers like one chunk', async () => {
    const bytes = await readFile(`${fixtures}native-hot-fp.txt`);
    const path = `${await mkdtemp(join(tmpdir(), 'thermograph-perf-'))}/large.txt`;
    await writeFile(path, Buffer.concat(Array.from({ length: 60 }, () => bytes)));
    const [large] = await perfScriptImporter.import(await openImportInput(path), options);
    const one = (await parseText(bytes.toString('utf8'))).profile;
    expect(large!.samples.length).toBe(60 * one.samples.length);
    expect(foldedSummary(large!).replace(/ \d+(\.\d+)?$/gm, '')).toBe(
      foldedSummary(one).replace(/ \d+(\.\d+)?$/gm, ''),
    );
    await rm(dirname(path), { recursive: true, force: true });
  });

  it('skips and counts garbage lines and a torn last line, keeping the samples around them', async () => {
    const text = [
      'garbage that is no header',
      '\t  stray frame before any sample (/x)',
      'app 7/7 1.000000: 1000000 cpu-clock: ',
      '\t  10 main (/bin/app)',
      '',
      'app 7/7 1.001000: 1000000 cpu-clock: ',
      '\t  10 main (/bin/app)',
      '',
      'app 7/7 1.00',
    ].join('\n');
    const { profile, samples, skippedLines } = await parseText(text);
    expect(samples).toBe(2);
    expect(skippedLines).toBe(3);
    expect(foldedSummary(profile)).toBe('main 2');
  });

  it('rejects input without any sample as invalid-profile, naming the file', async () => {
    const input = await importInputFromBytes('broken.txt', Buffer.from('hello\nworld\n'));
    const failure = await perfScriptImporter.import(input, { fallbackStartTime: 0 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ThermographError);
    expect((failure as ThermographError).code).toBe('invalid-profile');
    expect((failure as ThermographError).message).toMatch(/broken\.txt.*2 unreadable lines.*perf script/);
  });
});
