// A profile as one blob: a small JSON header (strings, threads, source, lengths) followed by the
// typed-array columns, each 8-byte aligned, little-endian. Decoding is one copy of the blob and a
// view per column, so loading a million-sample profile costs a memcpy and one JSON.parse.
//
// Layout: "TGPF" | u32 version | u32 header length | header JSON | pad to 8 | columns.
// Version 1: frames, stacks, samples. Version 2 (line costs, profile.ts) adds to the header
// `lineNodes`, `lineTicks` and `sampleLines`, and after version 1's columns: the sample line nodes
// (when sampleLines), the line nodes' parent, stack and line, and the ticks' stack, line and count.
// Version 3 (folded samples, src-shared/profile/sample-folding.ts) adds `sampleCounts` to the header
// and, when true, the samples' counts (u32) as the last column. Version 1 and 2 blobs still decode
// (a profile without line costs; one whose every row is one sample).

import type { Profile, ProfileSource, ProfileThread } from '../../src-shared/profile/profile';

/** The blob layout this build writes; bump it (and keep a decoder) when the layout changes. */
export const profileEncodingVersion = 3;

const magic = 0x46504754; // "TGPF" read as a little-endian u32

interface Header {
  kind: Profile['kind'];
  weightUnit: Profile['weightUnit'];
  startTime: number;
  durationMs: number;
  source: ProfileSource;
  strings: readonly string[];
  threads: readonly ProfileThread[];
  frames: number;
  stacks: number;
  samples: number;
  /** Version 2: line costs; absent in version 1. */
  lineNodes?: number;
  lineTicks?: number;
  sampleLines?: boolean;
  /** Version 3: the samples carry counts (some rows stand for several samples). */
  sampleCounts?: boolean;
}

type Column = Int32Array | Float64Array | Uint16Array | Uint8Array | Uint32Array;

function columnsOf(profile: Profile): Column[] {
  const { frames, stacks, samples } = profile;
  return [
    frames.name,
    frames.file,
    frames.line,
    frames.column,
    frames.module,
    frames.kind,
    stacks.parent,
    stacks.frame,
    samples.stack,
    samples.time,
    samples.weight,
    samples.thread,
    ...lineColumnsOf(profile),
    ...(samples.count ? [samples.count] : []),
  ];
}

function lineColumnsOf(profile: Profile): Column[] {
  const lines = profile.lines;
  if (!lines) return [];
  const { nodes, ticks } = lines;
  return [
    ...(lines.sampleNode ? [lines.sampleNode] : []),
    nodes.parent,
    nodes.stack,
    nodes.line,
    ticks.stack,
    ticks.line,
    ticks.ticks,
  ];
}

const align = (offset: number): number => (offset + 7) & ~7;

/** Encodes a profile into one buffer. Little-endian machines only (every platform Node ships for). */
export function encodeProfile(profile: Profile): Buffer {
  const header: Header = {
    kind: profile.kind,
    weightUnit: profile.weightUnit,
    startTime: profile.startTime,
    durationMs: profile.durationMs,
    source: profile.source,
    strings: profile.strings,
    threads: profile.threads,
    frames: profile.frames.length,
    stacks: profile.stacks.length,
    samples: profile.samples.length,
    ...(profile.lines
      ? {
          lineNodes: profile.lines.nodes.length,
          lineTicks: profile.lines.ticks.length,
          sampleLines: profile.lines.sampleNode !== null,
        }
      : {}),
    ...(profile.samples.count ? { sampleCounts: true } : {}),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const columns = columnsOf(profile);
  let size = align(12 + headerBytes.length);
  for (const column of columns) size = align(size + column.byteLength);
  const output = Buffer.alloc(size);
  output.writeUInt32LE(magic, 0);
  output.writeUInt32LE(profileEncodingVersion, 4);
  output.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(output, 12);
  let offset = align(12 + headerBytes.length);
  for (const column of columns) {
    output.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), offset);
    offset = align(offset + column.byteLength);
  }
  return output;
}

/** Decodes a blob written by encodeProfile; throws when it is damaged. */
export function decodeProfile(blob: Uint8Array): Profile {
  // One aligned copy: SQLite's buffer may start at any byte, and typed views need their alignment.
  const bytes = new Uint8Array(new ArrayBuffer(align(blob.byteLength)));
  bytes.set(blob);
  const view = new DataView(bytes.buffer);
  if (blob.byteLength < 12 || view.getUint32(0, true) !== magic) throw new Error('not a Thermograph profile blob');
  const version = view.getUint32(4, true);
  if (version < 1 || version > profileEncodingVersion)
    throw new Error(`profile blob version ${version} is not supported`);
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(Buffer.from(bytes.buffer, 12, headerLength).toString('utf8')) as Header;
  let offset = align(12 + headerLength);
  function take<T extends Column>(
    create: new (buffer: ArrayBuffer, offset: number, length: number) => T,
    length: number,
  ): T {
    const elementSize = (create as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    if (offset + length * elementSize > blob.byteLength) throw new Error('profile blob is truncated');
    const column = new create(bytes.buffer, offset, length);
    offset = align(offset + column.byteLength);
    return column;
  }
  const frameCount = header.frames;
  const frames = {
    length: frameCount,
    name: take(Int32Array, frameCount),
    file: take(Int32Array, frameCount),
    line: take(Int32Array, frameCount),
    column: take(Int32Array, frameCount),
    module: take(Int32Array, frameCount),
    kind: take(Uint8Array, frameCount),
  };
  const stacks = {
    length: header.stacks,
    parent: take(Int32Array, header.stacks),
    frame: take(Int32Array, header.stacks),
  };
  const samples = {
    length: header.samples,
    stack: take(Int32Array, header.samples),
    time: take(Float64Array, header.samples),
    weight: take(Float64Array, header.samples),
    thread: take(Uint16Array, header.samples),
  };
  let lines: Profile['lines'];
  if (version >= 2 && header.lineNodes !== undefined && header.lineTicks !== undefined) {
    const sampleNode = header.sampleLines ? take(Int32Array, header.samples) : null;
    const nodeCount = header.lineNodes;
    const nodes = {
      length: nodeCount,
      parent: take(Int32Array, nodeCount),
      stack: take(Int32Array, nodeCount),
      line: take(Int32Array, nodeCount),
    };
    const tickCount = header.lineTicks;
    const ticks = {
      length: tickCount,
      stack: take(Int32Array, tickCount),
      line: take(Int32Array, tickCount),
      ticks: take(Float64Array, tickCount),
    };
    lines = { sampleNode, nodes, ticks };
  }
  const count = version >= 3 && header.sampleCounts ? take(Uint32Array, header.samples) : null;
  return {
    kind: header.kind,
    weightUnit: header.weightUnit,
    startTime: header.startTime,
    durationMs: header.durationMs,
    source: header.source,
    strings: header.strings,
    threads: header.threads,
    frames,
    stacks,
    samples: { ...samples, count },
    ...(lines ? { lines } : {}),
  };
}
