// The fast path of .cpuprofile import: reads a `node --cpu-prof` or DevTools .cpuprofile straight
// from its bytes into columns. JSON.parse would first make a string of the whole file and then an
// object graph several times its size (a 160 MB, 700,000-node profile took 1.6 s and 600 MB before
// a single node was used). Here each node is read into typed arrays as it is met, and a call
// frame's bytes are parsed once per distinct function. Anything unusual (a trace, an escape in a
// key, an unexpected shape, invalid JSON) returns null, and the general path reads the file and
// reports what is wrong.

import { GrowableColumn } from '../../src-shared/profile/growable';
import type { CdpCallFrame } from './cpuprofile';
import type { CallTreeTable } from './cpuprofile-call-tree';
import { ByteRangeIndex } from './byte-range-index';
import { callFrameAt } from './cpuprofile-frame-bytes';
import { IncrementalRead } from './incremental-read';
import { GiveUp, JsonBytes, closeBrace, closeBracket, keyBytes, openBrace, openBracket } from './json-bytes';

/** A .cpuprofile read into columns: what appendCpuProfileTable takes. */
export interface CpuProfileTable {
  tree: CallTreeTable;
  samples: ArrayLike<unknown>;
  timeDeltas: ArrayLike<unknown>;
  startTime: number;
  endTime: unknown;
}

/** True when the head can start a plain .cpuprofile (not a trace): the fast path is worth trying. */
export function mayScanCpuProfile(head: Buffer): boolean {
  const text = head.toString('latin1');
  return text.trimStart().startsWith('{') && text.includes('"nodes"') && !text.includes('"traceEvents"');
}

/**
 * The profile in `content`, or null when the general path must read it. Content still arriving is
 * scanned as it comes: the nodes (most of a file) while the rest is read.
 */
export async function scanCpuProfile(
  content: Buffer | IncrementalRead,
  margin = defaultMargin,
): Promise<CpuProfileTable | null> {
  const scanner = new CpuProfileScanner(content, margin);
  try {
    return await scanner.profile();
  } catch (error) {
    if (!(error instanceof GiveUp || error instanceof SyntaxError)) throw error;
    if (scanner.sawAll) return null;
    // It met the end of what had arrived (a node longer than the margin): again, on the whole file.
    return scanCpuProfile(await (content as IncrementalRead).whole());
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
};

/** After how many nodes the node columns are sized for the rest (see reserveNodes). */
const sizingNodes = 1 << 14;
const comma = 0x2c;

/** How far ahead of a node the bytes must have arrived before it is read. */
const defaultMargin = 4 * 1024 * 1024;

class CpuProfileScanner {
  private readonly json: JsonBytes;
  private bytes: Buffer;
  private readonly incoming: IncrementalRead | null;
  private readonly id = new GrowableColumn(Float64Array, 1 << 16);
  private readonly callFrame = new GrowableColumn(Int32Array, 1 << 16);
  private readonly childStart = new GrowableColumn(Int32Array, 1 << 16);
  private readonly childIds = new GrowableColumn(Float64Array, 1 << 16);
  private parentId: GrowableColumn<Float64Array> | null = null;
  // Distinct call frames, by their exact bytes: a function's frame repeats byte for byte in every
  // node that calls it, so it is decoded and parsed once.
  private readonly callFrames: CdpCallFrame[] = [];
  private readonly callFrameRanges: ByteRangeIndex;

  constructor(
    content: Buffer | IncrementalRead,
    private readonly margin: number,
  ) {
    this.incoming = content instanceof IncrementalRead ? content : null;
    this.bytes = content instanceof IncrementalRead ? content.bytes : content;
    this.json = new JsonBytes(this.bytes);
    this.callFrameRanges = new ByteRangeIndex(undefined, true);
  }

  /** True when the bytes scanned are the whole content. */
  get sawAll(): boolean {
    return this.incoming === null || (this.incoming.complete && this.bytes.length === this.incoming.bytes.length);
  }

  async profile(): Promise<CpuProfileTable> {
    const json = this.json;
    let tree: CallTreeTable | null = null;
    let samples: Float64Array | null = null;
    let timeDeltas: Float64Array | null = null;
    let startTime: number | null = null;
    let endTime: number | undefined;
    await this.arrived(this.margin);
    json.expect(openBrace);
    if (json.accept(closeBrace)) throw new GiveUp('empty object');
    do {
      const key = json.key();
      // The nodes (most of a file) are read as they arrive; any other value once all has.
      if (!json.stringIs(key, keys.nodes)) await this.arrived(Number.POSITIVE_INFINITY);
      if (json.stringIs(key, keys.nodes)) tree = unseen(tree) ?? (await this.nodes());
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

  // Waits until bytes up to `end` have arrived (or all have), and scans on with them.
  private async arrived(end: number): Promise<void> {
    if (!this.incoming || this.sawAll) return;
    await this.incoming.until(end);
    this.bytes = this.incoming.bytes;
    this.json.bytes = this.bytes;
  }

  private async nodes(): Promise<CallTreeTable> {
    const json = this.json;
    json.expect(openBracket);
    if (json.accept(closeBracket)) throw new GiveUp('no nodes');
    const start = json.position;
    let length = 0;
    do {
      if (json.position + this.margin > this.bytes.length && !this.sawAll) {
        await this.arrived(json.position + 2 * this.margin);
      }
      if (length === sizingNodes) this.reserveNodes((json.position - start) / length);
      this.node(length++);
    } while (json.more(closeBracket));
    await this.arrived(Number.POSITIVE_INFINITY);
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
    };
  }

  private node(index: number): void {
    const json = this.json;
    if (this.compactNode()) return;
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
  private compactNode(): boolean {
    const json = this.json;
    const start = json.position;
    const childCount = this.childIds.length;
    if (!json.acceptBytes(compact.id)) return false;
    const id = json.number();
    if (!Number.isInteger(id) || !json.acceptBytes(compact.callFrame)) return this.backTo(start, childCount);
    const callFrame = this.callFrameOf();
    let children = false;
    for (;;) {
      if (json.acceptBytes(compact.hitCount)) json.number();
      else if (!children && json.acceptBytes(compact.children)) children = this.children();
      else if (json.acceptBytes(compact.positionTicks) || json.acceptBytes(compact.deoptReason)) json.skipValue();
      else if (json.accept(closeBrace)) break;
      else return this.backTo(start, childCount);
    }
    this.childStart.push(childCount);
    this.id.push(id);
    this.callFrame.push(callFrame);
    return true;
  }

  private backTo(position: number, childCount: number): false {
    this.json.position = position;
    this.childIds.length = childCount;
    return false;
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
    const size = this.incoming?.size ?? this.bytes.length;
    const expected = Math.ceil(((size - this.json.position) / bytesPerNode) * 1.05);
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
