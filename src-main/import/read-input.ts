// Opens a profile file as an ImportInput: a small decompressed head for format detection and a
// re-startable stream of the whole (decompressed) content. Gzip is detected by its magic bytes
// (RFC 1952), never by the file name, and decompression is capped so a gzip bomb fails fast with a
// clear message instead of exhausting memory.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ThermographError } from '../../src-shared/api/errors';
import { formatBytes } from '../../src-shared/format/units';
import type { Bytes } from '../../src-shared/units';
import type { ImportInput } from './importer';

/** How many decompressed bytes the head holds: enough for every detector. */
export const headBytes: Bytes = 64 * 1024;

/** The default limit on a gzip file's decompressed size. */
export const defaultMaximumDecompressedBytes: Bytes = 2 * 1024 ** 3;

/** Settings for opening an input. */
export interface ReadInputOptions {
  /** Refuse gzip files that decompress to more than this many bytes. */
  maximumDecompressedBytes?: Bytes;
}

/** True when the bytes start with the gzip magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Opens a file for import. Throws ThermographError: 'not-found' for a missing file,
 * 'permission-denied' when it cannot be read, 'invalid-argument' for a directory and
 * 'invalid-profile' for an empty or undecompressible file, and for a gzip file that decompresses past
 * the cap (found before any importer runs).
 */
export async function openImportInput(path: string, options: ReadInputOptions = {}): Promise<ImportInput> {
  const size = await fileSize(path);
  const rawHead = await readRawHead(path);
  const raw = () => fileChunks(path);
  const input = await inputFrom(path, size, rawHead, raw, options);
  if (input.chunks !== raw) return input;
  return { ...input, wholeContent: () => wholeFile(path, size), transientChunks: () => reusedFileChunks(path) };
}

// Reads `size` bytes into one buffer in large steps: a fast path reading a whole file this way
// skips copying 1 MiB stream chunks into place (60 ms of a 157 MB .cpuprofile).
async function wholeFile(path: string, size: Bytes): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(size);
  let handle;
  try {
    handle = await open(path, 'r');
    let length = 0;
    while (length < size) {
      const { bytesRead } = await handle.read(buffer, length, Math.min(size - length, 16 * 1024 * 1024), length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    throw fileError(path, error);
  } finally {
    await handle?.close();
  }
}

/** Wraps bytes already in memory (tests, drag-and-drop) as an ImportInput; gzip is detected the same way. */
export async function importInputFromBytes(
  name: string,
  bytes: Buffer,
  options: ReadInputOptions = {},
): Promise<ImportInput> {
  if (bytes.length === 0) throw emptyFile(name);
  const raw = async function* (): AsyncIterable<Buffer> {
    yield bytes;
  };
  return inputFrom(name, bytes.length, bytes.subarray(0, headBytes), raw, options);
}

async function inputFrom(
  name: string,
  size: Bytes,
  rawHead: Buffer,
  raw: () => AsyncIterable<Buffer>,
  options: ReadInputOptions,
): Promise<ImportInput> {
  if (!isGzip(rawHead)) return unicodeInput({ name, size, head: rawHead, chunks: raw });
  const limit = options.maximumDecompressedBytes ?? defaultMaximumDecompressedBytes;
  const chunks = () => gunzipChunks(name, size, raw(), limit);
  return unicodeInput({ name, ...(await surveyGzip(name, chunks)), chunks });
}

// Text with a byte-order mark, as Windows tools write it (PowerShell's `>` writes UTF-16): every
// importer reads UTF-8, so UTF-16 is transcoded as it streams and a UTF-8 mark is dropped.
async function unicodeInput(input: ImportInput): Promise<ImportInput> {
  const { head } = input;
  const source = input.chunks;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { ...input, size: input.size - 3, head: head.subarray(3), chunks: () => skipBytes(source(), 3) };
  }
  const encoding =
    head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : null;
  if (encoding === null) return input;
  const chunks = () => transcoded(source(), encoding);
  // UTF-8 of mostly ASCII text is half its UTF-16 size: an estimate, which readers only use to plan.
  return { ...input, size: Math.ceil(input.size / 2), head: await headOf(chunks), chunks };
}

async function* skipBytes(chunks: AsyncIterable<Buffer>, count: number): AsyncIterable<Buffer> {
  let left = count;
  for await (const chunk of chunks) {
    const cut = Math.min(left, chunk.length);
    left -= cut;
    if (cut < chunk.length) yield cut === 0 ? chunk : chunk.subarray(cut);
  }
}

async function* transcoded(chunks: AsyncIterable<Buffer>, encoding: 'utf-16le' | 'utf-16be'): AsyncIterable<Buffer> {
  // The decoder drops the byte-order mark and keeps a character split across chunks for the next.
  const decoder = new TextDecoder(encoding);
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.decode();
  if (rest !== '') yield Buffer.from(rest, 'utf8');
}

// The first headBytes of a stream: it stops there, so detection never reads a whole file.
async function headOf(chunks: () => AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of chunks()) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= headBytes) break;
  }
  return Buffer.concat(parts).subarray(0, headBytes);
}

// Decompresses the whole file once, keeping only the head and a count, before any importer sees
// it: a gzip bomb is refused at the cap as its bytes arrive, in the time it takes to inflate the
// cap and in the memory of one chunk, instead of after an importer has parsed (and held) gigabytes.
// Inflating runs at over 1 GB/s, so a genuine file pays a fraction of its parse time for this.
async function surveyGzip(name: string, chunks: () => AsyncIterable<Buffer>): Promise<{ size: Bytes; head: Buffer }> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks()) {
    if (size < headBytes) parts.push(chunk);
    size += chunk.length;
  }
  if (size === 0) throw emptyFile(name);
  return { size, head: Buffer.concat(parts).subarray(0, headBytes) };
}

async function fileSize(path: string): Promise<Bytes> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw fileError(path, error);
  }
  if (info.isDirectory()) {
    throw new ThermographError('invalid-argument', `${path} is a folder, not a profile file. Choose a file inside it.`);
  }
  if (info.size === 0) throw emptyFile(path);
  return info.size;
}

async function readRawHead(path: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(buffer, 0, headBytes, 0);
    // A file can be emptied between stat and read (a profiler still writing it).
    if (bytesRead === 0) throw emptyFile(path);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw error instanceof ThermographError ? error : fileError(path, error);
  } finally {
    await handle?.close();
  }
}

// A file's chunks read into two buffers in turn, the next read running while the caller uses the
// last chunk (a caller asks for the next chunk only when done with the last).
async function* reusedFileChunks(path: string): AsyncIterable<Buffer> {
  const chunkSize = 1024 * 1024;
  const buffers = [Buffer.allocUnsafe(chunkSize), Buffer.allocUnsafe(chunkSize)];
  let handle;
  let next: Promise<{ bytesRead: number; buffer: Buffer }> | null = null;
  try {
    handle = await open(path, 'r');
    let position = 0;
    let turn = 0;
    next = handle.read(buffers[0]!, 0, chunkSize, position);
    for (;;) {
      const { bytesRead, buffer } = await next;
      next = null;
      if (bytesRead === 0) return;
      position += bytesRead;
      turn ^= 1;
      next = handle.read(buffers[turn]!, 0, chunkSize, position);
      yield buffer.subarray(0, bytesRead);
    }
  } catch (error) {
    throw fileError(path, error);
  } finally {
    // A caller that stops early leaves a read running: let it end before the handle closes.
    await next?.catch(() => {});
    await handle?.close();
  }
}

async function* fileChunks(path: string): AsyncIterable<Buffer> {
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) yield chunk as Buffer;
  } catch (error) {
    throw fileError(path, error);
  }
}

async function* gunzipChunks(
  name: string,
  compressedSize: Bytes,
  raw: AsyncIterable<Buffer>,
  limit: Bytes,
): AsyncIterable<Buffer> {
  let compressedRead = 0;
  const counted = async function* (): AsyncIterable<Buffer> {
    for await (const chunk of raw) {
      compressedRead += chunk.length;
      yield chunk;
    }
  };
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  // pipeline destroys every stream on error or early exit, so the file handle never leaks.
  const output = pipeline(Readable.from(counted(), { objectMode: false }), gunzip, () => {});
  let total = 0;
  try {
    for await (const chunk of output) {
      total += (chunk as Buffer).length;
      if (total > limit) {
        throw new ThermographError(
          'invalid-profile',
          `${name} decompresses to more than ${formatBytes(limit)}, so Thermograph stopped reading it after ` +
            `${formatBytes(compressedRead)} of its ${formatBytes(compressedSize)} (it may be a damaged file or a gzip ` +
            'bomb). If the profile is genuine, decompress it with gunzip and import the result.',
        );
      }
      yield chunk as Buffer;
    }
  } catch (error) {
    if (error instanceof ThermographError) throw error;
    throw new ThermographError(
      'invalid-profile',
      `${name} looks gzip-compressed but could not be decompressed (${(error as Error).message}). ` +
        'The file is probably truncated or damaged; copy it again from its source.',
    );
  } finally {
    output.destroy();
  }
}

function emptyFile(name: string): ThermographError {
  return new ThermographError('invalid-profile', `${name} is empty. Choose a profile file that has content.`);
}

function fileError(path: string, error: unknown): ThermographError {
  if (error instanceof ThermographError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new ThermographError('not-found', `${path} does not exist. Check the path and try again.`);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new ThermographError(
      'permission-denied',
      `${path} cannot be read: permission denied. Make the file readable (chmod) or copy it somewhere you own.`,
    );
  }
  if (code === 'EISDIR') {
    return new ThermographError(
      'invalid-argument',
      `${path} is a folder, not a profile file. Choose a file inside it.`,
    );
  }
  return new ThermographError('invalid-profile', `${path} could not be read: ${(error as Error).message}.`);
}
