// A file read in parts while its reader works on what has arrived: the .cpuprofile scanner must
// build exactly what it builds from the whole buffer, wherever the parts happen to end.

import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanCpuProfile } from '../../../src-main/import/cpuprofile-scan';
import { IncrementalRead } from '../../../src-main/import/incremental-read';

const fixtures = resolve(__dirname, '../../fixtures/profiles/cpuprofile');

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'thermograph-incremental-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Reads `path` in parts of `partBytes`. */
async function incremental(path: string, partBytes: number): Promise<IncrementalRead> {
  const size = (await readFile(path)).length;
  return new IncrementalRead(Buffer.alloc(size), path, (error) => error, partBytes);
}

describe('IncrementalRead', () => {
  it('lets a reader wait for a prefix, and ends with the whole file', async () => {
    const content = Buffer.from(Array.from({ length: 20_000 }, (_, index) => `${index},`).join(''));
    const path = join(folder, 'numbers.txt');
    await writeFile(path, content);
    const read = await incremental(path, 1_000);
    await read.until(4_500);
    expect(read.bytes.length).toBeGreaterThanOrEqual(4_500);
    expect(read.bytes.equals(content.subarray(0, read.bytes.length))).toBe(true);
    expect((await read.whole()).equals(content)).toBe(true);
    expect(read.complete).toBe(true);
    await read.until(Number.POSITIVE_INFINITY);
  });

  it('hands a read error to whoever waits, as the caller words it', async () => {
    const read = new IncrementalRead(Buffer.alloc(100), join(folder, 'missing'), () => new Error('gone'), 10);
    await expect(read.whole()).rejects.toThrow('gone');
    await expect(read.until(5)).rejects.toThrow('gone');
  });
});

describe('.cpuprofile scan of a file still arriving', () => {
  it('builds what the whole buffer builds, with parts and margins smaller than a node', async () => {
    for (const name of (await readdir(fixtures)).filter((file) => file.endsWith('.cpuprofile'))) {
      const path = join(fixtures, name);
      const expected = await scanCpuProfile(await readFile(path));
      expect(expected, name).not.toBeNull();
      // A wide margin reads every node as it arrives; one shorter than a node meets the end of what
      // arrived and starts again on the whole file. Both must agree with the whole buffer.
      for (const [partBytes, margin] of [
        [97, 2_000],
        [1_024, 300],
        [64, 8],
      ] as const) {
        const table = await scanCpuProfile(await incremental(path, partBytes), margin);
        expect(table, `${name}, parts of ${partBytes}, margin ${margin}`).toEqual(expected);
      }
    }
  });
});
