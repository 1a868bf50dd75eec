import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Profile as PprofProfile } from 'pprof-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProfile } from '../../../src-main/import/export/index';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import { profileFromText } from '../../helpers/profile-text';

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'thermograph-export-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

// main.js:3 → work (file, line 10, column 5) plus a kernel frame.
function locatedProfile() {
  const builder = new ProfileBuilder({
    kind: 'cpu',
    weightUnit: 'milliseconds',
    startTime: 1_700_000_000_000,
    source: { tool: 'test', requestedIntervalMs: 1 },
  });
  const main = builder.frame({ name: 'main', kind: 'js', file: '/app/main.js', line: 3, column: 1 });
  const work = builder.frame({ name: 'work', kind: 'js', file: '/app/work.js', line: 10, column: 5 });
  const kernel = builder.frame({ name: 'page_fault', kind: 'kernel' });
  builder.sample(builder.stackOf([main, work]), 0, 2);
  builder.sample(builder.stackOf([main]), 2, 1);
  builder.sample(builder.stackOf([main, work, kernel]), 5, 0.5);
  return builder.build();
}

describe('exportProfile', () => {
  it('writes folded stacks: merged stacks, kernel suffix, separators in names replaced', async () => {
    const path = join(folder, 'out.folded');
    const profile = profileFromText('a;b 1\na;b 2\na 4\n');
    const { bytes } = await exportProfile(profile, 'folded', path);
    expect(await readFile(path, 'utf8')).toBe('a 4\na;b 3\n');
    expect(bytes).toBe((await stat(path)).size);
    await exportProfile(locatedProfile(), 'folded', path);
    // A time profile writes whole sample counts, which flamegraph.pl and speedscope read.
    expect(await readFile(path, 'utf8')).toBe('main 1\nmain;work 1\nmain;work;page_fault_[k] 1\n');
    await exportProfile(
      profileFromText('a 1024.4\na;b 0.4\n', { kind: 'allocation', weightUnit: 'bytes' }),
      'folded',
      path,
    );
    expect(await readFile(path, 'utf8')).toBe('a 1024\n');
  });

  it('writes speedscope JSON with shared frames, one sampled profile per thread and weights', async () => {
    const path = join(folder, 'out.speedscope.json');
    await exportProfile(locatedProfile(), 'speedscope', path);
    const file = JSON.parse(await readFile(path, 'utf8'));
    expect(file.$schema).toBe('https://www.speedscope.app/file-format-schema.json');
    expect(file.shared.frames[1]).toEqual({ name: 'work', file: '/app/work.js', line: 10, col: 5 });
    expect(file.shared.frames[2]).toEqual({ name: 'page_fault' });
    expect(file.profiles).toEqual([
      {
        type: 'sampled',
        name: 'main',
        unit: 'milliseconds',
        startValue: 0,
        endValue: 3.5,
        samples: [[0, 1], [0], [0, 1, 2]],
        weights: [2, 1, 0.5],
      },
    ]);
  });

  it('writes gzipped pprof with sample types for the unit, functions with files and lines', async () => {
    const path = join(folder, 'out.pb.gz');
    await exportProfile(locatedProfile(), 'pprof', path);
    const pprof = PprofProfile.decode(gunzipSync(await readFile(path)));
    const text = (index: unknown) => pprof.stringTable.strings[Number(index)];
    expect(pprof.sampleType.map((type) => `${text(type.type)}/${text(type.unit)}`)).toEqual([
      'samples/count',
      'cpu/nanoseconds',
    ]);
    expect(pprof.function.map((entry) => [text(entry.name), text(entry.filename), Number(entry.startLine)])).toEqual([
      ['main', '/app/main.js', 3],
      ['work', '/app/work.js', 10],
      ['page_fault', '', 0],
    ]);
    expect(pprof.location.map((location) => Number(location.line[0]!.line))).toEqual([3, 10, 0]);
    expect(pprof.sample.map((sample) => [sample.locationId.map(Number), sample.value.map(Number)])).toEqual([
      [
        [2, 1],
        [1, 2_000_000],
      ],
      [[1], [1, 1_000_000]],
      [
        [3, 2, 1],
        [1, 500_000],
      ],
    ]);
    expect(Number(pprof.timeNanos)).toBeCloseTo(1_700_000_000_000 * 1e6, -6);
    expect(Number(pprof.period)).toBe(1_000_000);

    const bytesPath = join(folder, 'bytes.pb.gz');
    await exportProfile(profileFromText('a;b 100\n', { kind: 'allocation', weightUnit: 'bytes' }), 'pprof', bytesPath);
    const allocations = PprofProfile.decode(gunzipSync(await readFile(bytesPath)));
    const types = allocations.sampleType.map((type) => allocations.stringTable.strings[Number(type.type)]);
    expect(types).toEqual(['alloc_objects', 'alloc_space']);
  });

  it('writes a .cpuprofile: 0-based positions, µs deltas, idle samples for gaps, endTime after the last', async () => {
    const path = join(folder, 'out.cpuprofile');
    await exportProfile(locatedProfile(), 'cpuprofile', path);
    const file = JSON.parse(await readFile(path, 'utf8'));
    const names = Object.fromEntries(
      file.nodes.map((node: { id: number; callFrame: { functionName: string } }) => [node.id, node]),
    );
    expect(file.nodes[0].callFrame.functionName).toBe('(root)');
    const work = file.nodes.find(
      (node: { callFrame: { functionName: string } }) => node.callFrame.functionName === 'work',
    );
    expect(work.callFrame).toEqual({
      functionName: 'work',
      scriptId: '2',
      url: '/app/work.js',
      lineNumber: 9,
      columnNumber: 4,
    });
    expect(file.samples.map((id: number) => names[id].callFrame.functionName)).toEqual([
      'work',
      'main',
      '(idle)',
      'page_fault',
    ]);
    expect(file.timeDeltas).toEqual([0, 2000, 1000, 2000]);
    expect(file.startTime).toBe(1_700_000_000_000_000);
    expect(file.endTime).toBe(1_700_000_000_005_500);
  });

  it('refuses a .cpuprofile of allocation or count profiles, saying why, and creates no file', async () => {
    const path = join(folder, 'refused.cpuprofile');
    const allocation = profileFromText('a 10', { kind: 'allocation', weightUnit: 'bytes' });
    await expect(exportProfile(allocation, 'cpuprofile', path)).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/allocation profile.*only CPU samples.*speedscope, pprof or folded/),
    });
    await expect(exportProfile(profileFromText('a 10'), 'cpuprofile', path)).rejects.toMatchObject({
      message: expect.stringMatching(/weighted in samples, without times/),
    });
    expect(existsSync(path)).toBe(false);
  });

  it('explains a folder that does not exist and leaves nothing behind', async () => {
    const path = join(folder, 'missing', 'out.folded');
    await expect(exportProfile(profileFromText('a 1'), 'folded', path)).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/missing\/out\.folded: its folder does not exist/),
    });
  });

  it('streams a million-sample profile in every format', async () => {
    const builder = new ProfileBuilder({
      kind: 'cpu',
      weightUnit: 'milliseconds',
      startTime: 0,
      source: { tool: 'test', requestedIntervalMs: 1 },
    });
    const frames = Array.from({ length: 50 }, (_, index) =>
      builder.frame({ name: `function${index}`, kind: 'js', file: `/app/f${index % 7}.js`, line: index + 1 }),
    );
    const stacks = Array.from({ length: 200 }, (_, index) =>
      builder.stackOf(
        frames.slice(0, 5 + (index % 40)).map((frame, depth) => frames[(depth * 7 + index) % 50] ?? frame),
      ),
    );
    for (let index = 0; index < 1_000_000; index++) builder.sample(stacks[(index * 31) % stacks.length]!, index, 1);
    const profile = builder.build();
    for (const format of ['speedscope', 'folded', 'pprof', 'cpuprofile'] as const) {
      const path = join(folder, `million.${format}`);
      const { bytes } = await exportProfile(profile, format, path);
      expect(bytes).toBe((await stat(path)).size);
    }
    const speedscope = JSON.parse(await readFile(join(folder, 'million.speedscope'), 'utf8'));
    expect(speedscope.profiles[0].weights).toHaveLength(1_000_000);
  }, 60_000);
});
