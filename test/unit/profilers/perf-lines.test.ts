// Which perf recordings get line costs: native programs up to the sample cap; not Node.js or
// Python (by their JIT frames or their runtime's binary), not more samples than the cap.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parsePerfScript, type PerfScriptResult } from '../../../src-main/import/perf-script';
import { LineAddresses, lineSampleCap, lineSkipReason } from '../../../src-main/profilers/perf/perf-lines';

const fixtures = new URL('../../fixtures/profiles/perf/', import.meta.url).pathname;
const options = { epochOf: null, fallbackStartTime: 0, requestedIntervalMs: null, tool: 'perf' };

async function parseFile(name: string): Promise<PerfScriptResult> {
  const text = await readFile(`${fixtures}${name}`);
  return parsePerfScript(
    (async function* () {
      yield text;
    })(),
    options,
  );
}

describe('perf line costs: which recordings get them', () => {
  it('collects them for a native program up to the sample cap', async () => {
    const native = await parseFile('native-hot-fp.txt');
    expect(lineSkipReason(native)).toBeNull();
    expect(lineSkipReason({ ...native, samples: lineSampleCap })).toBeNull();
    expect(lineSkipReason({ ...native, samples: lineSampleCap + 1 })).toMatch(
      /has 250,001 samples; .* at most 250,000 .* Record a shorter span/,
    );
  });

  it('skips JavaScript and the Python trampoline, saying why', async () => {
    expect(lineSkipReason(await parseFile('node-default-fields.txt'))).toMatch(/native programs only: .* JavaScript/);
    expect(lineSkipReason(await parseFile('python-trampoline-dwarf.txt'))).toMatch(/native programs only: .* Python/);
  });

  it('skips a runtime recorded without its JIT names, by the runtime binary', async () => {
    const text = 'node 7/7 1.0: 1000 cpu-clock: \n\t 1207 Builtins_CallFunction (/usr/local/bin/node)\n\n';
    const result = await parsePerfScript(
      (async function* () {
        yield Buffer.from(text);
      })(),
      options,
    );
    expect(lineSkipReason(result)).toMatch(/runs Node\.js/);
  });

  it("keeps the first read's text up to 64 MiB for the second, then none of it", () => {
    const addresses = new LineAddresses();
    expect(addresses.text).toBeNull();
    const chunk = Buffer.from('native-hot 1/1 1.0: 1000 cpu-clock: \n');
    addresses.keep(chunk);
    expect(addresses.text).toEqual([chunk]);
    addresses.keep(Buffer.alloc(64 * 1024 * 1024));
    expect(addresses.text).toBeNull();
    addresses.keep(chunk);
    expect(addresses.text).toBeNull();
  });
});
