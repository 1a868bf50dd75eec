// One reading of every thread (src-shared/diagnosis/threads.ts) as one small blob, so a target with
// 50 threads read once a second costs one row and about a kilobyte a second, not 50 rows.
//
// Layout (version 1, little-endian):
//   u8 version | u8 wait channel count W | W × (u8 byte length, UTF-8 bytes)
//   u32 thread count | per thread 20 bytes:
//     u32 tid | u32 pid | u8 state | u8 wait channel index (0xff: none) | u16 CPU in hundredths of a
//     percent of one core (0xffff: unknown) | f32 voluntary switches/s | f32 involuntary switches/s (NaN: unknown)
// A reading names each distinct wait channel once (most threads share a handful); past 254 distinct
// ones in one reading the rest are stored as unknown.

import type { ThreadReading, ThreadState } from '../../src-shared/diagnosis/threads';

/** The blob layout this build writes; bump it (and keep a decoder) when the layout changes. */
export const threadEncodingVersion = 1;

const states: readonly ThreadState[] = ['running', 'sleeping', 'disk-wait', 'other'];
const stateCodes: Readonly<Record<ThreadState, number>> = { running: 0, sleeping: 1, 'disk-wait': 2, other: 3 };
const bytesPerThread = 20;
const noChannel = 0xff;
const unknownCpu = 0xffff;
/** Longest wait channel name kept, in bytes (its length is one byte). */
const channelLimit = 255;

// The encoder runs once a second while recording: it writes through one reused buffer and view, and
// keeps the UTF-8 bytes of the wait channels it met (kernel function names, a few dozen at most).
// better-sqlite3 copies a blob when it binds it, so handing out the reused buffer is safe.
let scratch = Buffer.allocUnsafe(4096);
let view = new DataView(scratch.buffer, scratch.byteOffset, scratch.length);
const channelCache = new Map<string, Buffer>();
const channelCacheLimit = 1024;
const channels: string[] = [];
const channelIndex = new Map<string, number>();

/** A wait channel's UTF-8 bytes, cut to `channelLimit` bytes as Buffer.write would cut them. */
function channelBytes(channel: string): Buffer {
  let bytes = channelCache.get(channel);
  if (bytes !== undefined) return bytes;
  const whole = Buffer.from(channel, 'utf8');
  if (whole.length <= channelLimit) bytes = whole;
  else {
    bytes = Buffer.allocUnsafe(channelLimit);
    bytes = bytes.subarray(0, bytes.write(channel, 0, channelLimit, 'utf8'));
  }
  if (channelCache.size >= channelCacheLimit) channelCache.clear();
  channelCache.set(channel, bytes);
  return bytes;
}

/** Encodes one reading of threads; the result is valid until the next call (copy it to keep it). */
export function encodeThreadReadings(threads: readonly ThreadReading[]): Buffer {
  channels.length = 0;
  channelIndex.clear();
  let size = 2 + 4 + threads.length * bytesPerThread;
  for (const thread of threads) {
    const channel = thread.waitChannel;
    if (channel === null || channelIndex.has(channel) || channels.length >= noChannel) continue;
    channelIndex.set(channel, channels.length);
    channels.push(channel);
    size += 1 + channelBytes(channel).length;
  }
  if (scratch.length < size) {
    scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
    view = new DataView(scratch.buffer, scratch.byteOffset, scratch.length);
  }
  const buffer = scratch;
  buffer[0] = threadEncodingVersion;
  buffer[1] = channels.length;
  let offset = 2;
  for (const channel of channels) {
    const bytes = channelBytes(channel);
    buffer[offset] = bytes.length;
    buffer.set(bytes, offset + 1);
    offset += 1 + bytes.length;
  }
  view.setUint32(offset, threads.length, true);
  offset += 4;
  for (const thread of threads) {
    const { waitChannel, cpu } = thread;
    view.setUint32(offset, thread.tid, true);
    view.setUint32(offset + 4, thread.pid, true);
    buffer[offset + 8] = stateCodes[thread.state];
    buffer[offset + 9] = waitChannel === null ? noChannel : (channelIndex.get(waitChannel) ?? noChannel);
    view.setUint16(offset + 10, cpu === null ? unknownCpu : Math.min(10_000, Math.round(cpu * 100)), true);
    view.setFloat32(offset + 12, thread.voluntarySwitchRate ?? Number.NaN, true);
    view.setFloat32(offset + 16, thread.involuntarySwitchRate ?? Number.NaN, true);
    offset += bytesPerThread;
  }
  return buffer.subarray(0, offset);
}

/** Decodes a blob written by encodeThreadReadings; throws on an unknown version or a truncated blob. */
export function decodeThreadReadings(blob: Uint8Array): ThreadReading[] {
  const buffer = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const version = buffer.readUInt8(0);
  if (version !== threadEncodingVersion)
    throw new Error(
      `Thread readings of layout version ${version} are not readable by this build (it reads version ${threadEncodingVersion}).`,
    );
  const channels: string[] = [];
  let offset = 2;
  for (let index = buffer.readUInt8(1); index > 0; index--) {
    const length = buffer.readUInt8(offset);
    channels.push(buffer.toString('utf8', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  const count = buffer.readUInt32LE(offset);
  offset += 4;
  const threads: ThreadReading[] = new Array<ThreadReading>(count);
  for (let index = 0; index < count; index++, offset += bytesPerThread) {
    const cpu = buffer.readUInt16LE(offset + 10);
    const voluntary = buffer.readFloatLE(offset + 12);
    const involuntary = buffer.readFloatLE(offset + 16);
    threads[index] = {
      tid: buffer.readUInt32LE(offset),
      pid: buffer.readUInt32LE(offset + 4),
      state: states[buffer.readUInt8(offset + 8)] ?? 'other',
      cpu: cpu === unknownCpu ? null : cpu / 100,
      voluntarySwitchRate: Number.isNaN(voluntary) ? null : voluntary,
      involuntarySwitchRate: Number.isNaN(involuntary) ? null : involuntary,
      waitChannel: channels[buffer.readUInt8(offset + 9)] ?? null,
    };
  }
  return threads;
}
