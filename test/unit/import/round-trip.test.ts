// Import → export (every format) → import gives the same stacks and weights.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpuProfileImporter } from '../../../src-main/import/cpuprofile';
import { exportProfile } from '../../../src-main/import/export/index';
import { foldedImporter } from '../../../src-main/import/folded';
import type { ExportFormat, ProfileImporter } from '../../../src-main/import/importer';
import { pprofImporter } from '../../../src-main/import/pprof';
import { openImportInput } from '../../../src-main/import/read-input';
import { speedscopeImporter } from '../../../src-main/import/speedscope';
import type { Profile } from '../../../src-shared/profile/profile';
import { foldedSummary } from '../../helpers/profile-text';

const fixtures = new URL('../../fixtures/profiles/', import.meta.url).pathname;
const options = { fallbackStartTime: 1_700_000_000_000 };
const importerOf: Record<ExportFormat, ProfileImporter> = {
  speedscope: speedscopeImporter,
  folded: foldedImporter,
  pprof: pprofImporter,
  cpuprofile: cpuProfileImporter,
};
const sources: [string, ProfileImporter][] = [
  ['folded/perf-go-hot.folded', foldedImporter],
  ['folded/tricky.folded', foldedImporter],
  ['speedscope/sampled-and-evented.speedscope.json', speedscopeImporter],
  ['speedscope/bytes-and-none.speedscope.json', speedscopeImporter],
  ['pprof/go-cpu.pb.gz', pprofImporter],
  ['pprof/go-allocs.pb.gz', pprofImporter],
  ['cpuprofile/node-hot.cpuprofile', cpuProfileImporter],
  ['cpuprofile/tricky-names.cpuprofile', cpuProfileImporter],
];

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'thermograph-round-trip-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function importWith(importer: ProfileImporter, path: string): Promise<Profile[]> {
  const input = await openImportInput(path);
  expect(importer.detect(input.head)).toBe(true);
  return importer.import(input, options);
}

// Summaries equal line by line, weights within `tolerance` (microsecond rounding in .cpuprofile).
function expectSameStacks(actual: Profile, expected: Profile, tolerance: number): void {
  const parse = (profile: Profile) =>
    foldedSummary(profile, { decimals: 6, omitFrames: ['(idle)'] })
      .split('\n')
      .map((line) => [line.slice(0, line.lastIndexOf(' ')), Number(line.slice(line.lastIndexOf(' ') + 1))] as const);
  const left = parse(actual);
  const right = parse(expected);
  expect(left.map(([path]) => path)).toEqual(right.map(([path]) => path));
  left.forEach(([, weight], index) => expect(Math.abs(weight - right[index]![1])).toBeLessThanOrEqual(tolerance));
}

// The profile with every sample weighing 1: what its folded sample counts describe.
function weighingOne(profile: Profile): Profile {
  return { ...profile, samples: { ...profile.samples, weight: new Float64Array(profile.samples.length).fill(1) } };
}

describe('round trips', () => {
  for (const [source, importer] of sources) {
    for (const format of ['speedscope', 'folded', 'pprof', 'cpuprofile'] as const) {
      it(`${source} → ${format} → back`, async () => {
        const originals = await importWith(importer, join(fixtures, source));
        for (const [index, original] of originals.entries()) {
          const path = join(folder, `${source.replace(/\W/g, '-')}-${index}.${format}`);
          if (format === 'cpuprofile' && original.weightUnit !== 'milliseconds') {
            await expect(exportProfile(original, format, path)).rejects.toMatchObject({ code: 'invalid-argument' });
            continue;
          }
          const { bytes } = await exportProfile(original, format, path);
          expect(bytes).toBeGreaterThan(0);
          const [copy, ...others] = await importWith(importerOf[format], path);
          expect(others).toHaveLength(0);
          const tolerance = format === 'cpuprofile' ? 0.001 * original.samples.length : 1e-6;
          // Folded stacks hold whole counts: a time profile comes back as its samples, one each.
          const counted = format === 'folded' && original.weightUnit === 'milliseconds';
          expectSameStacks(copy!, counted ? weighingOne(original) : original, tolerance);
          // (A profile in samples writes its weights as the count, so only its weights must survive.)
          if (counted || (format === 'pprof' && original.weightUnit !== 'samples')) {
            expect(copy!.samples.length).toBe(original.samples.length);
          }
          if (format !== 'folded') expect(copy!.weightUnit).toBe(original.weightUnit);
          if (format === 'speedscope' || format === 'pprof') {
            expect(copy!.threads.map((thread) => thread.name)).toEqual(original.threads.map((thread) => thread.name));
          }
        }
      });
    }
  }
});
