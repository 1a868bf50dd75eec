// Inputs built to hurt: gzip bombs, 100,000-deep stacks, names that collide with Object.prototype,
// markup and control characters in names.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProfile } from '../../../src-main/import/export/index';
import { importProfile, importProfileFile } from '../../../src-main/import/index';
import { importInputFromBytes } from '../../../src-main/import/read-input';
import type { ExportFormat } from '../../../src-main/import/importer';
import type { Profile } from '../../../src-shared/profile/profile';
import { foldedSummary } from '../../helpers/profile-text';

const schema = 'https://www.speedscope.app/file-format-schema.json';
const options = { fallbackStartTime: 1_700_000_000_000 };

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'thermograph-hostile-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function importText(name: string, text: string) {
  return importProfile(await importInputFromBytes(name, Buffer.from(text)), options);
}

async function exportAndImport(profile: Profile, format: ExportFormat): Promise<Profile> {
  const path = join(folder, `copy.${format}`);
  await exportProfile(profile, format, path);
  const { profiles } = await importProfileFile(path, options);
  return profiles[0]!;
}

function speedscopeText(names: string[], samples: number[][], weights: number[]): string {
  return JSON.stringify({
    $schema: schema,
    shared: { frames: names.map((name) => ({ name })) },
    profiles: [{ type: 'sampled', name: 'main', unit: 'milliseconds', startValue: 0, endValue: 1, samples, weights }],
  });
}

describe('hostile inputs', () => {
  it('refuses a gzip bomb (100 MB of folded lines) at the decompression cap', async () => {
    const path = join(folder, 'bomb.gz');
    await writeFile(path, gzipSync(Buffer.alloc(100 * 1024 * 1024, 'main;work 1\n'), { level: 9 }));
    await expect(importProfileFile(path, { maximumDecompressedBytes: 8 * 1024 * 1024 })).rejects.toMatchObject({
      code: 'invalid-profile',
      message: expect.stringMatching(/bomb\.gz decompresses to more than 8 MiB.*gunzip/),
    });
  });

  it('imports and exports 100,000-deep stacks without overflowing the call stack', async () => {
    const depth = 100_000;
    const names = Array.from({ length: depth }, (_, index) => `f${index}`);
    const recursion = `recurse;${Array(depth - 1)
      .fill('recurse')
      .join(';')}`;
    const folded = await importText('deep.folded', `${names.join(';')} 3\n${recursion} 2\n`);
    expect(folded.format).toBe('folded');
    expect(folded.profiles[0]!.stacks.length).toBe(2 * depth);
    expect(foldedSummary(folded.profiles[0]!)).toBe(`${names.join(';')} 3\n${recursion} 2`);

    const sampled = await importText(
      'deep.speedscope.json',
      speedscopeText(names, [names.map((_, index) => index)], [4]),
    );
    expect(sampled.profiles[0]!.stacks.length).toBe(depth);
    // Evented: one recursive frame opened 100,000 times, then closed.
    const events = [
      ...names.map(() => ({ type: 'O', frame: 0, at: 0 })),
      ...names.map(() => ({ type: 'C', frame: 0, at: 5 })),
    ];
    const evented = JSON.stringify({
      $schema: schema,
      shared: { frames: [{ name: 'recurse' }] },
      profiles: [{ type: 'evented', name: 'main', unit: 'milliseconds', startValue: 0, endValue: 5, events }],
    });
    const deep = (await importText('deep-evented.speedscope.json', evented)).profiles[0]!;
    expect(foldedSummary(deep)).toBe(`${recursion} 5`);
    for (const format of ['speedscope', 'folded', 'pprof', 'cpuprofile'] as const) {
      // Folded stacks hold sample counts: the one event is one sample.
      expect(foldedSummary(await exportAndImport(deep, format))).toBe(`${recursion} ${format === 'folded' ? 1 : 5}`);
    }
  }, 60_000);

  it('sums frames named like Object.prototype members without touching the prototype', async () => {
    const lines = [
      '__proto__ 1',
      '__proto__;constructor 2',
      'toString 3',
      '__proto__ 4',
      'hasOwnProperty;valueOf 5',
      'constructor 6',
    ];
    const { profiles } = await importText('proto.folded', `${lines.join('\n')}\n`);
    const expected = [
      '__proto__ 5',
      '__proto__;constructor 2',
      'constructor 6',
      'hasOwnProperty;valueOf 5',
      'toString 3',
    ].join('\n');
    expect(foldedSummary(profiles[0]!)).toBe(expected);
    const names = ['__proto__', 'constructor', 'toString'];
    const speedscope = await importText(
      'proto.speedscope.json',
      speedscopeText(names, [[0], [0, 1], [2], [0]], [1, 2, 3, 4]),
    );
    expect(foldedSummary(speedscope.profiles[0]!)).toBe('__proto__ 5\n__proto__;constructor 2\ntoString 3');
    for (const format of ['speedscope', 'folded', 'pprof', 'cpuprofile'] as const) {
      // Folded stacks hold sample counts, not milliseconds.
      expect(foldedSummary(await exportAndImport(speedscope.profiles[0]!, format))).toBe(
        format === 'folded'
          ? '__proto__ 2\n__proto__;constructor 1\ntoString 1'
          : foldedSummary(speedscope.profiles[0]!),
      );
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('keeps markup, quotes and control characters in names literally through every JSON and binary format', async () => {
    const names = [
      '<script>alert(1)</script>',
      `"double" 'single' \`back\``,
      'tab\there\u0001\u001b[31m\u2028\u0000',
      'new\nline',
      '\\back\\slash',
    ];
    const { profiles } = await importText(
      'names.speedscope.json',
      speedscopeText(
        names,
        names.map((_, index) => [index]),
        [1, 2, 3, 4, 5],
      ),
    );
    const original = profiles[0]!;
    for (const format of ['speedscope', 'pprof', 'cpuprofile'] as const) {
      const copy = await exportAndImport(original, format);
      expect(names.every((name) => copy.strings.includes(name))).toBe(true);
      expect(foldedSummary(copy)).toBe(foldedSummary(original));
    }
    // Folded text cannot hold a newline in a name (it ends the line): that one becomes a space.
    const folded = await exportAndImport(original, 'folded');
    expect(names.slice(0, 3).every((name) => folded.strings.includes(name))).toBe(true);
    expect(folded.strings).toContain('new line');
  });
});
