// The fast path of .cpuprofile import: reads a `node --cpu-prof` or DevTools .cpuprofile straight
// from its bytes into columns. JSON.parse would first make a string of the whole file and then an
// object graph several times its size (a 160 MB, 700,000-node profile took 1.6 s and 600 MB before
// a single node was used). Here each node is read into typed arrays as it is met, and a call
// frame's bytes are parsed once per distinct function. Anything unusual (a trace, an escape in a
// key, an unexpected shape, invalid JSON) returns null, and the general path reads the file and
// reports what is wrong.

import { constants } from 'node:buffer';
import { GrowableColumn } from '../../src-shared/profile/growable';
import type { CdpCallFrame } from './cpuprofile';
import type { CallTreeTable } from './cpuprofile-call-tree';
import { ByteRangeIndex } from './byte-range-index';
import { callFrameAt } from './cpuprofile-frame-bytes';
import type { ImportInput } from './importer';
import { GiveUp, JsonBytes, closeBrace, closeBracket, keyBytes, openBrace, openBracket } from './json-bytes';

/** A .cpuprofile read into columns: what appendCpuProfileTable takes. */
export interface CpuProfileTable {
  tree: CallTreeTable;
  samples: ArrayLike<unknown>;
  timeDeltas: ArrayLike<unknown>;
  startTime: number;
  endTime: unknown;
}

/** Reads a whole input into one buffer, or null when it could not be held in one. */
export async function readAllBytes(input: ImportInput): Promise<Buffer | null> {
  if (input.wholeContent) {
    try {
      return await input.wholeContent();
    } catch (error) {
      // Beyond Buffer's limit or the memory available: the general path streams the file instead.
      if (error instanceof RangeError) return null;
      throw error;
    }
  }
  // The size is exact (gzip files are measured when opened); growing is only for a file that grew.
  let buffer = allocate(Math.max(input.size, 1024 * 1024));
  let length = 0;
  for await (const chunk of input.chunks()) {
    if (!buffer) return null;
    if (length + chunk.length > buffer.length) {
      const larger = allocate(Math.max(buffer.length * 2, length + chunk.length));
      if (!larger) return null;
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    chunk.copy(buffer, length);
    length += chunk.length;
  }
  return buffer?.subarray(0, length) ?? null;
}

// A buffer of `size` bytes, or null beyond Buffer's limit or the memory available: the general
// path then streams the file instead.
function allocate(size: number): Buffer | null {
  if (size > constants.MAX_LENGTH) return null;
  try {
    return Buffer.allocUnsafe(size);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** True when the head can start a plain .cpuprofile (not a trace): the fast path is worth trying. */
export function mayScanCpuProfile(head: Buffer): boolean {
  const text = head.toString('latin1');
  return text.trimStart().startsWith('{') && text.includes('"nodes"') && !text.includes('"traceEvents"');
}

/** The profile in `bytes`, or null when the general path must read it. */
export function scanCpuProfile(bytes: Buffer): CpuProfileTable | null {
  try {
    return new CpuProfileScanner(bytes).profile();
  } catch (error) {
    if (error instanceof GiveUp || error instanceof SyntaxError) return null;
    throw error;
  }
}

// The byte sequences of a node as V8 writes it (compactNode).
const compact = {
  id: keyBytes('{"id":'),
  callFrame: keyBytes(',"callFrame":'),
  hitCount: keyBytes(',"hitCount":'),
  children: keyBytes(',"children":'),
  positionTicks: keyBytes(',"positionTicks":'),
  deoptReason: keyBytes(',"deoptReason":'),
};

const keys = {
  nodes: keyBytes('nodes'),
  samples: keyBytes('samples'),
  timeDeltas: keyBytes('timeDeltas'),
  startTime: keyBytes('startTime'),
  endTime: keyBytes('endTime'),
  traceEvents: keyBytes('traceEvents'),
  id: keyBytes('id'),
  callFrame: keyBytes('callFrame'),
  children: keyBytes('children'),
  parent: keyBytes('parent'),
  positionTicks: keyBytes('positionTicks'),
  line: keyBytes('line'),
  ticks: keyBytes('ticks'),
};

/** After how many nodes the node columns are sized for the rest (see reserveNodes). */
const sizingNodes = 1 << 14;
const comma = 0x2c;

class CpuProfileScanner {
  private readonly json: JsonBytes;
  private readonly id = new GrowableColumn(Float64Array, 1 << 16);
  private readonly callFrame = new GrowableColumn(Int32Array, 1 << 16);
  private readonly childStart = new GrowableColumn(Int32Array, 1 << 16);
  private readonly childIds = new GrowableColumn(Float64Array, 1 << 16);
  private parentId: GrowableColumn<Float64Array> | null = null;
  // positionTicks rows: node index, line, ticks.
  private readonly tickNode = new GrowableColumn(Int32Array);
  private readonly tickLine = new GrowableColumn(Float64Array);
  private readonly tickCount = new GrowableColumn(Float64Array);
  // Distinct call frames, by their exact bytes: a function's frame repeats byte for byte in every
  // node that calls it, so it is decoded and parsed once.
  private readonly callFrames: CdpCallFrame[] = [];
  private readonly callFrameRanges: ByteRangeIndex;

  constructor(private readonly bytes: Buffer) {
    this.json = new JsonBytes(bytes);
    this.callFrameRanges = new ByteRangeIndex(undefined, true);
  }

  profile(): CpuProfileTable {
    const json = this.json;
    let tree: CallTreeTable | null = null;
    let samples: Float64Array | null = null;
    let timeDeltas: Float64Array | null = null;
    let startTime: number | null = null;
    let endTime: number | undefined;
    json.expect(openBrace);
    if (json.accept(closeBrace)) throw new GiveUp('empty object');
    do {
      const key = json.key();
      if (json.stringIs(key, keys.nodes)) tree = unseen(tree) ?? this.nodes();
      else if (json.stringIs(key, keys.samples)) samples = unseen(samples) ?? this.numbers();
      else if (json.stringIs(key, keys.timeDeltas)) timeDeltas = unseen(timeDeltas) ?? this.numbers();
      else if (json.stringIs(key, keys.startTime)) startTime = unseen(startTime) ?? json.number();
      else if (json.stringIs(key, keys.endTime)) endTime = unseen(endTime) ?? json.number();
      else if (json.stringIs(key, keys.traceEvents)) throw new GiveUp('a trace, which the general path splits');
      else json.skipValue();
    } while (json.more(closeBrace));
    if (json.peek() !== -1) throw new GiveUp('data after the profile');
    if (!tree || !samples || !timeDeltas || startTime === null) throw new GiveUp('a part is missing');
    return { tree, samples, timeDeltas, startTime, endTime };
  }

  private nodes(): CallTreeTable {
    const json = this.json;
    json.expect(openBracket);
    if (json.accept(closeBracket)) throw new GiveUp('no nodes');
    const start = json.position;
    let length = 0;
    do {
      if (length === sizingNodes) this.reserveNodes((json.position - start) / length);
      this.node(length++);
    } while (json.more(closeBracket));
    this.childStart.push(this.childIds.length);
    const parentId = this.parentId;
    if (parentId) while (parentId.length < length) parentId.push(Number.NaN);
    return {
      length,
      id: this.id.view(),
      callFrame: this.callFrame.view(),
      callFrames: this.callFrames,
      childStart: this.childStart.view(),
      childIds: this.childIds.view(),
      parentId: parentId?.view() ?? null,
      positionTicks:
        this.tickNode.length > 0
          ? { node: this.tickNode.view(), line: this.tickLine.view(), ticks: this.tickCount.view() }
          : null,
    };
  }

  private node(index: number): void {
    const json = this.json;
    if (this.compactNode(index)) return;
    json.expect(openBrace);
    this.childStart.push(this.childIds.length);
    let id: number | null = null;
    let callFrame: number | null = null;
    let children: true | null = null;
    let parent: number | null = null;
    if (!json.accept(closeBrace)) {
      do {
        const key = json.key();
        if (json.stringIs(key, keys.id)) id = unseen(id) ?? json.number();
        else if (json.stringIs(key, keys.callFrame)) callFrame = unseen(callFrame) ?? this.callFrameOf();
        else if (json.stringIs(key, keys.children)) children = unseen(children) ?? this.children();
        else if (json.stringIs(key, keys.parent)) parent = unseen(parent) ?? json.number();
        else if (json.stringIs(key, keys.positionTicks)) this.positionTicks(index);
        else json.skipValue();
      } while (json.more(closeBrace));
    }
    if (id === null || !Number.isInteger(id) || callFrame === null) throw new GiveUp('a node without id or callFrame');
    this.id.push(id);
    this.callFrame.push(callFrame);
    if (parent !== null) {
      const parentId = (this.parentId ??= new GrowableColumn(Float64Array));
      while (parentId.length < index) parentId.push(Number.NaN);
      parentId.push(parent);
    }
  }

  // A node in the layout V8 writes, `{"id":1,"callFrame":{…},"hitCount":0,"children":[2,3]}` with
  // optional children, positionTicks and deoptReason, matched byte for byte: no key is read as a
  // string. False (and nothing kept) for anything else, which the general loop then reads.
  private compactNode(index: number): boolean {
    const json = this.json;
    const start = json.position;
    const childCount = this.childIds.length;
    const tickCount = this.tickNode.length;
    if (!json.acceptBytes(compact.id)) return false;
    const id = json.number();
    if (!Number.isInteger(id) || !json.acceptBytes(compact.callFrame)) return this.backTo(start, childCount, tickCount);
    const callFrame = this.callFrameOf();
    let children = false;
    for (;;) {
      if (json.acceptBytes(compact.hitCount)) json.number();
      else if (!children && json.acceptBytes(compact.children)) children = this.children();
      else if (json.acceptBytes(compact.positionTicks)) this.positionTicks(index);
      else if (json.acceptBytes(compact.deoptReason)) json.skipValue();
      else if (json.accept(closeBrace)) break;
      else return this.backTo(start, childCount, tickCount);
    }
    this.childStart.push(childCount);
    this.id.push(id);
    this.callFrame.push(callFrame);
    return true;
  }

  private backTo(position: number, childCount: number, tickCount: number): false {
    this.json.position = position;
    this.childIds.length = childCount;
    this.tickNode.length = tickCount;
    this.tickLine.length = tickCount;
    this.tickCount.length = tickCount;
    return false;
  }

  // A node's `[{"line":16,"ticks":30},…]`; entries without both numbers are skipped.
  private positionTicks(node: number): void {
    const json = this.json;
    json.expect(openBracket);
    if (json.accept(closeBracket)) return;
    do {
      json.expect(openBrace);
      let line: number | null = null;
      let ticks: number | null = null;
      if (!json.accept(closeBrace)) {
        do {
          const key = json.key();
          if (json.stringIs(key, keys.line)) line = unseen(line) ?? json.number();
          else if (json.stringIs(key, keys.ticks)) ticks = unseen(ticks) ?? json.number();
          else json.skipValue();
        } while (json.more(closeBrace));
      }
      if (line === null || ticks === null) continue;
      this.tickNode.push(node);
      this.tickLine.push(line);
      this.tickCount.push(ticks);
    } while (json.more(closeBracket));
  }

  // A call frame's index. The frame usually ends at the first "}" (found as its bytes are hashed);
  // those bytes, if seen before, are that frame again. New bytes are parsed, which also proves the
  // guess of the end: a "}" inside a string or a nested value leaves a slice JSON.parse rejects,
  // and the frame is then skipped value by value to find its real end.
  private callFrameOf(): number {
    const json = this.json;
    if (json.peek() !== openBrace) throw new GiveUp('callFrame is not an object');
    const start = json.position;
    const known = this.callFrameRanges.findThrough(this.bytes, start, closeBrace);
    const guessedEnd = this.callFrameRanges.foundEnd;
    if (guessedEnd === -1) throw new GiveUp('unterminated callFrame');
    if (known >= 0) {
      json.position = guessedEnd;
      return known;
    }
    let callFrame = callFrameAt(json, start, guessedEnd);
    let end = guessedEnd;
    if (!callFrame) {
      json.position = start;
      json.skipValue();
      end = json.position;
      const index = this.callFrameRanges.find(this.bytes, start, end);
      if (index >= 0) return index;
      callFrame = callFrameAt(json, start, end);
    }
    if (typeof callFrame?.functionName !== 'string') throw new GiveUp('a callFrame without functionName');
    json.position = end;
    this.callFrames.push(callFrame as CdpCallFrame);
    return this.callFrameRanges.add(this.bytes, start, end);
  }

  private children(): true {
    this.json.numberList(this.childIds);
    return true;
  }

  // Columns grown by doubling copy themselves and fault in fresh memory at each step (40 ms of a
  // 700,000-node scan): once the first nodes show their size, the columns are sized for the nodes
  // the rest of the content could hold at that size, plus a little.
  private reserveNodes(bytesPerNode: number): void {
    const expected = Math.ceil(((this.bytes.length - this.json.position) / bytesPerNode) * 1.05);
    for (const column of [this.id, this.callFrame, this.childStart, this.childIds]) column.reserve(expected);
  }

  private numbers(): Float64Array {
    const values = new GrowableColumn(Float64Array, this.expectedNumbers());
    this.json.numberList(values);
    return values.view();
  }

  // How many numbers the list here holds, judged by its length in bytes and the commas in its first
  // 64 KiB, so that its column is allocated once (for the reason reserveNodes gives).
  private expectedNumbers(): number {
    const bytes = this.bytes;
    const start = this.json.position;
    const end = bytes.indexOf(closeBracket, start);
    if (end < 0) return 1024;
    const sampleEnd = Math.min(end, start + 65_536);
    let commas = 0;
    for (let position = start; position < sampleEnd; position++) if (bytes[position] === comma) commas++;
    return Math.max(1024, Math.ceil(((end - start) / Math.max(1, sampleEnd - start)) * (commas + 1) * 1.05));
  }
}

// Returns null so that `value = unseen(value) ?? read()` reads a key's value once. A key met twice
// gives up: JSON.parse keeps the last value, and the general path does exactly that.
function unseen(value: unknown): null {
  if (value !== null && value !== undefined) throw new GiveUp('a key appears twice');
  return null;
}
