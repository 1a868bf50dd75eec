import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headBytes, importInputFromBytes, isGzip, openImportInput } from '../../../src-main/import/read-input';
import type { ImportInput } from '../../../src-main/import/importer';

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'thermograph-read-input-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function readAll(input: ImportInput): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of input.chunks()) parts.push(chunk);
  return Buffer.concat(parts);
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a rejection');
}

describe('openImportInput', () => {
  it('reads a plain file: head is the first 64 KiB, chunks the whole content, repeatable', async () => {
    const content = Buffer.alloc(200_000, 'a;b 1\n');
    const path = join(folder, 'plain.txt');
    await writeFile(path, content);
    const input = await openImportInput(path);
    expect(input.size).toBe(content.length);
    expect(input.head.equals(content.subarray(0, headBytes))).toBe(true);
    expect((await readAll(input)).equals(content)).toBe(true);
    expect((await readAll(input)).equals(content)).toBe(true);
  });

  it('reads a plain file in two reused buffers for readers that copy, and whole into one', async () => {
    const content = Buffer.from(Array.from({ length: 400_000 }, (_, index) => `line ${index}\n`).join(''));
    const path = join(folder, 'large.txt');
    await writeFile(path, content);
    const input = await openImportInput(path);
    const parts: Buffer[] = [];
    const seen = new Set<ArrayBufferLike>();
    for await (const chunk of input.transientChunks!()) {
      seen.add(chunk.buffer);
      parts.push(Buffer.from(chunk));
    }
    expect(Buffer.concat(parts).equals(content)).toBe(true);
    expect(parts.length).toBeGreaterThan(4);
    expect(seen.size).toBeLessThanOrEqual(2);
    expect((await input.wholeContent!()).equals(content)).toBe(true);
    // A reader that stops early leaves nothing open (the next read is awaited before closing).
    for await (const chunk of input.transientChunks!()) if (chunk.length > 0) break;
  });

  it('detects gzip by magic bytes, not by name, and decompresses head and chunks', async () => {
    const content = Buffer.from('main;work 5\n'.repeat(20_000));
    const path = join(folder, 'no-extension');
    await writeFile(path, gzipSync(content));
    const input = await openImportInput(path);
    expect(isGzip(await import('node:fs').then((fs) => fs.readFileSync(path)))).toBe(true);
    expect(input.head.equals(content.subarray(0, headBytes))).toBe(true);
    expect((await readAll(input)).equals(content)).toBe(true);
  });

  it('refuses a gzip that decompresses past the cap when it is opened, naming the limit', async () => {
    const path = join(folder, 'bomb.gz');
    await writeFile(path, gzipSync(Buffer.alloc(5 * 1024 * 1024)));
    const error = await rejection(openImportInput(path, { maximumDecompressedBytes: 1024 * 1024 }));
    expect(error.code).toBe('invalid-profile');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/decompresses to more than 1 MiB/);
  });

  it('stops reading a gzip bomb at the cap: the rest of the file is never read', async () => {
    // Gzip members may follow one another (RFC 1952 §2.2): 4,096 members of 1 MiB of text each make
    // 4 GiB from 8 MB, which gunzip inflates whole.
    const member = gzipSync(Buffer.alloc(1024 * 1024, 'main;work 1\n'), { level: 9 });
    const path = join(folder, 'bomb.folded.gz');
    await writeFile(path, Buffer.concat(Array.from({ length: 4096 }, () => member)));
    const error = await rejection(openImportInput(path, { maximumDecompressedBytes: 16 * 1024 * 1024 }));
    const read = /stopped reading it after ([\d.]+) MiB of its ([\d.]+) MiB/.exec(error.message);
    expect(read, error.message).not.toBeNull();
    // 16 MiB of text is 16 members (33 KB); reading runs at most a few 1 MiB chunks ahead.
    expect(Number(read![1])).toBeLessThan(4);
    expect(Number(read![2])).toBeGreaterThan(8);
  });

  it('reports a truncated gzip as damaged when it is opened', async () => {
    const compressed = gzipSync(Buffer.from('main;work 5\n'.repeat(50_000)));
    const error = await rejection(importInputFromBytes('cut.gz', compressed.subarray(0, compressed.length / 2)));
    expect(error.code).toBe('invalid-profile');
    expect(error.message).toMatch(/cut\.gz .*could not be decompressed.*truncated/);
  });

  it('gives the decompressed size of a gzip file', async () => {
    const content = Buffer.from('main;work 5\n'.repeat(20_000));
    const input = await importInputFromBytes('small.gz', gzipSync(content));
    expect(input.size).toBe(content.length);
  });

  it('explains a missing file, a folder, an empty file and an unreadable file', async () => {
    const missing = await rejection(openImportInput(join(folder, 'missing.cpuprofile')));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toMatch(/missing\.cpuprofile does not exist/);

    const directory = await rejection(openImportInput(folder));
    expect(directory.code).toBe('invalid-argument');
    expect(directory.message).toMatch(/is a folder/);

    const empty = join(folder, 'empty.folded');
    await writeFile(empty, '');
    const emptyError = await rejection(openImportInput(empty));
    expect(emptyError.code).toBe('invalid-profile');
    expect(emptyError.message).toMatch(/empty\.folded is empty/);

    const locked = join(folder, 'locked.folded');
    await writeFile(locked, 'a 1\n');
    await chmod(locked, 0o000);
    // root reads anything: the check only means something for ordinary users.
    if (process.getuid?.() !== 0) {
      const denied = await rejection(openImportInput(locked));
      expect(denied.code).toBe('permission-denied');
      expect(denied.message).toMatch(/permission denied/);
    }
  });
});
