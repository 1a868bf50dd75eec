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
const bytesPerThread = 20;
const noChannel = 0xff;
const unknownCpu = 0xffff;

// Grown when a reading does not fit; reused, since better-sqlite3 copies a blob when it binds it.
let scratch = Buffer.allocUnsafe(4096);

/** Encodes one reading of threads; the result is valid until the next call (copy it to keep it). */
export function encodeThreadReadings(threads: readonly ThreadReading[]): Buffer {
  const channels: string[] = [];
  const channelIndex = new Map<string, number>();
  let channelBytes = 0;
  for (const thread of threads) {
    const channel = thread.waitChannel;
    if (channel === null || channelIndex.has(channel) || channels.length >= noChannel) continue;
    channelIndex.set(channel, channels.length);
    channels.push(channel);
    channelBytes += 1 + Math.min(255, Buffer.byteLength(channel));
  }
  const size = 2 + channelBytes + 4 + threads.length * bytesPerThread;
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
  const buffer = scratch;
  let offset = buffer.writeUInt8(threadEncodingVersion, 0);
  offset = buffer.writeUInt8(channels.length, offset);
  for (const channel of channels) {
    const length = buffer.write(channel, offset + 1, 255, 'utf8');
    buffer.writeUInt8(length, offset);
    offset += 1 + length;
  }
  offset = buffer.writeUInt32LE(threads.length, offset);
  for (const thread of threads) {
    offset = buffer.writeUInt32LE(thread.tid, offset);
    offset = buffer.writeUInt32LE(thread.pid, offset);
    offset = buffer.writeUInt8(states.indexOf(thread.state), offset);
    offset = buffer.writeUInt8(
      thread.waitChannel === null ? noChannel : (channelIndex.get(thread.waitChannel) ?? noChannel),
      offset,
    );
    offset = buffer.writeUInt16LE(
      thread.cpu === null ? unknownCpu : Math.min(10_000, Math.round(thread.cpu * 100)),
      offset,
    );
    offset = buffer.writeFloatLE(thread.voluntarySwitchRate ?? Number.NaN, offset);
    offset = buffer.writeFloatLE(thread.involuntarySwitchRate ?? Number.NaN, offset);
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
