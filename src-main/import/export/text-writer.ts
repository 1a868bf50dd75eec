// Writes text to a file in buffered pieces, waiting for the stream to drain, so exporting a profile
// of a million samples never builds one giant string (V8 caps strings at ~512 MiB anyway).

import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { ThermographError } from '../../../src-shared/api/errors';
import type { Bytes } from '../../../src-shared/units';

// Pieces are joined until about this many characters, then written: few syscalls, bounded memory.
const flushCharacters = 256 * 1024;

/** A buffered, backpressure-aware text (or binary) file writer. */
export class TextWriter {
  private readonly stream: WriteStream;
  private pending: string[] = [];
  private pendingLength = 0;
  private failure: Error | null = null;
  /** Bytes handed to the file so far. */
  bytes: Bytes = 0;

  constructor(private readonly path: string) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  /** Queues text; await the result only when it is a promise (the buffer was flushed). */
  write(text: string): Promise<void> | void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= flushCharacters) return this.flush();
  }

  /** Writes raw bytes after any queued text. */
  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    await this.put(bytes);
  }

  /** Flushes and closes the file. */
  async close(): Promise<Bytes> {
    await this.flush();
    this.stream.end();
    // once() also rejects on 'error' and removes its listeners either way.
    if (!this.failure) await once(this.stream, 'finish').catch(() => {});
    this.check();
    return this.bytes;
  }

  /** Closes the file after a failure and removes what was written, so no half file is left behind. */
  async abandon(): Promise<void> {
    this.stream.destroy();
    await rm(this.path, { force: true }).catch(() => {});
  }

  private async flush(): Promise<void> {
    if (this.pendingLength === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    await this.put(Buffer.from(text, 'utf8'));
  }

  private async put(bytes: Uint8Array): Promise<void> {
    this.check();
    this.bytes += bytes.length;
    if (!this.stream.write(bytes)) await once(this.stream, 'drain').catch(() => {});
    this.check();
  }

  private check(): void {
    if (this.failure) throw writeError(this.path, this.failure);
  }
}

function writeError(path: string, error: Error): ThermographError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ThermographError(
      'permission-denied',
      `Cannot write ${path}: permission denied. Choose a folder you can write to.`,
    );
  }
  if (code === 'ENOENT') {
    return new ThermographError(
      'not-found',
      `Cannot write ${path}: its folder does not exist. Create it or choose another.`,
    );
  }
  if (code === 'ENOSPC') {
    return new ThermographError(
      'storage-full',
      `Cannot write ${path}: the disk is full. Free some space and try again.`,
    );
  }
  if (code === 'EISDIR') {
    return new ThermographError('invalid-argument', `Cannot write ${path}: it is a folder. Choose a file name.`);
  }
  return new ThermographError('storage-error', `Cannot write ${path}: ${error.message}.`);
}
