// Thousands of damaged inputs per format, from a seeded PRNG so failures reproduce: every one must
// import or fail with ThermographError('invalid-profile'), never with anything else.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ImportFormat } from '../../../src-main/import/importer';
import { importInputFromBytes } from '../../../src-main/import/read-input';
import { ThermographError } from '../../../src-shared/api/errors';
import { mutate } from '../../helpers/mutate-bytes';
import { seededRandom } from '../../helpers/seeded-random';

const root = new URL('../../../', import.meta.url).pathname;
const fixtures = `${root}test/fixtures/profiles/`;
const mutationsPerFormat = 1500;
const options = { fallbackStartTime: 1_700_000_000_000 };

const perfScriptSeed = `hot 26281  8246.075155:    2004008 cpu-clock:ppp: 
\t           b5c3c main.hotLoop+0x1c (/tmp/gohot/hot)
\t           b5e1b main.main+0x5b (/tmp/gohot/hot)
\t           37832 runtime.main+0x212 (/tmp/gohot/hot)

hot 26281  8246.078435:    2004008 cpu-clock:ppp: 
\tffffffff8a0001c8 entry_SYSCALL_64_after_hwframe+0x4b ([kernel.kallsyms])
\t           b5c38 main.hotLoop+0x18 (/tmp/gohot/hot)
\t           62301 runtime.goexit.abi0+0x1 (/tmp/gohot/hot)
`;
const austinSeed = `# austin: 3.6.0
# interval: 100
# mode: wall

P4317;T0:4317;/usr/lib/python3.11/runpy.py:_run_module_as_main:198;app.py:<module>:10;app.py:work:5 1000
P4317;T0:4317;/usr/lib/python3.11/runpy.py:_run_module_as_main:198;app.py:<module>:10 250
P4317;T0:4318;app.py:worker:20 300
`;

// Seeds: committed fixtures (decompressed, small ones) plus inline samples.
function seeds(format: ImportFormat): Buffer[] {
  const inline: Partial<Record<ImportFormat, string>> = { 'perf-script': perfScriptSeed, austin: austinSeed };
  const found: Buffer[] = inline[format] ? [Buffer.from(inline[format]!)] : [];
  // perf script fixtures live in perf/, beside how they were recorded.
  const folder = `${fixtures}${format === 'perf-script' ? 'perf' : format}/`;
  if (existsSync(folder)) {
    for (const name of readdirSync(folder)) {
      if (/\.(md|js|py|go|c)$/.test(name)) continue;
      const bytes = readFileSync(folder + name);
      if (bytes.length > 64 * 1024) continue;
      found.push(bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes);
    }
  }
  return found;
}

type Import = (bytes: Buffer) => Promise<unknown>;

// Every input goes through the registry, as a file the user opens would.
async function registry(): Promise<Import> {
  const { importProfile } = await import('../../../src-main/import/index');
  return async (bytes) => importProfile(await importInputFromBytes('fuzzed', bytes), options);
}

describe('fuzzed inputs', () => {
  const formats: ImportFormat[] = ['cpuprofile', 'folded', 'perf-script', 'speedscope', 'pprof', 'austin'];
  for (const [formatIndex, format] of formats.entries()) {
    it(`${format}: ${mutationsPerFormat} mutations import or fail with invalid-profile`, async () => {
      const importAny = await registry();
      const inputs = seeds(format);
      expect(inputs.length).toBeGreaterThan(0);
      const random = seededRandom(0x7e40 + formatIndex);
      const failures: string[] = [];
      let imported = 0;
      for (let round = 0; round < mutationsPerFormat; round++) {
        let bytes = mutate(inputs[round % inputs.length]!, random);
        if (bytes.length === 0) continue;
        if (round % 10 === 0) bytes = gzipSync(bytes);
        try {
          await importAny(bytes);
          imported++;
        } catch (error) {
          const expected = error instanceof ThermographError && error.code === 'invalid-profile';
          if (!expected && failures.length < 5) {
            failures.push(
              `round ${round}: ${String(error)}\n  input: ${JSON.stringify(bytes.toString('latin1').slice(0, 300))}`,
            );
          }
        }
      }
      expect(failures).toEqual([]);
      // Some mutations are harmless: a fuzzer that never produces a valid file tests only the error path.
      expect(imported).toBeGreaterThan(0);
    }, 30_000);
  }
});
