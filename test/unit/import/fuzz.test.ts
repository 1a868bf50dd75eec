// Thousands of damaged inputs per format, from a seeded PRNG so failures reproduce: every one must
// import or fail with ThermographError('invalid-profile'), never with anything else.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ImportFormat } from '../../../src-main/import/importer';
import { importInputFromBytes } from '../../../src-main/import/read-input';
import { ThermographError } from '../../../src-shared/api/errors';
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

const tokens = [
  '1e309',
  '-1',
  '-1e308',
  'NaN',
  'Infinity',
  '-0',
  '9007199254740993',
  '1.5',
  '""',
  '"__proto__"',
  'null',
  '[]',
  '{}',
  '0',
  '4294967296',
  '-2147483649',
  ';',
  '\n',
  '\u0000',
  '"',
  '{',
  ']',
  ' ',
  ':',
];

function mutate(seed: Buffer, random: () => number): Buffer {
  let bytes = Buffer.from(seed);
  const steps = 1 + Math.floor(random() * 3);
  for (let step = 0; step < steps; step++) {
    const at = Math.floor(random() * bytes.length);
    const span = Math.floor(random() * Math.min(64, bytes.length - at)) + 1;
    switch (Math.floor(random() * 7)) {
      case 0:
        bytes[at] = Math.floor(random() * 256);
        break;
      case 1:
        bytes = bytes.subarray(0, at);
        break;
      case 2:
        bytes = Buffer.concat([bytes.subarray(0, at + span), bytes.subarray(at, at + span), bytes.subarray(at + span)]);
        break;
      case 3:
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + span)]);
        break;
      case 4: {
        // Replace a number (JSON value, count, address) with a hostile token.
        const text = bytes.toString('latin1');
        const numbers = [...text.matchAll(/-?\d+(?:\.\d+)?/g)];
        const match = numbers[Math.floor(random() * numbers.length)];
        const token = tokens[Math.floor(random() * tokens.length)]!;
        if (match)
          bytes = Buffer.from(text.slice(0, match.index) + token + text.slice(match.index + match[0].length), 'latin1');
        break;
      }
      case 5: {
        // Swap two JSON values (or any two tokens) of the document.
        const text = bytes.toString('latin1');
        const values = [...text.matchAll(/"[^"]*"|-?\d+(?:\.\d+)?|true|false|null/g)];
        const left = values[Math.floor(random() * values.length)];
        const right = values[Math.floor(random() * values.length)];
        if (left && right && left.index < right.index && left.index + left[0].length <= right.index) {
          bytes = Buffer.from(
            text.slice(0, left.index) +
              right[0] +
              text.slice(left.index + left[0].length, right.index) +
              left[0] +
              text.slice(right.index + right[0].length),
            'latin1',
          );
        }
        break;
      }
      default: {
        const token = Buffer.from(tokens[Math.floor(random() * tokens.length)]!, 'latin1');
        bytes = Buffer.concat([bytes.subarray(0, at), token, bytes.subarray(at)]);
      }
    }
  }
  return bytes;
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
