// Interns byte ranges: the same bytes met again get the same index, found through an open-addressing
// hash table in typed arrays and confirmed by comparing the bytes. The .cpuprofile scanner uses it
// to parse each distinct call frame once (hashing every byte in the pass that finds the frame's
// end), and the perf script parser each distinct frame line.
//
// Untrusted files choose these bytes, so no file may make lookups slow. A hash of only some bytes
// (the length, the head and the tail) is cheapest, but a file whose keys differ only in the middle
// makes every key collide, and each lookup then compares against all earlier keys: a 425k-frame
// .cpuprofile took 5.5 minutes. So a probe that runs long switches the table, once, to a hash of
// every byte with a random seed (a file cannot aim at collisions it cannot predict): a normal file
// stays on the cheap hash, a hostile one costs one rehash and then linear time.

import { randomBytes } from 'node:crypto';

/** A probe this long means the cheap hash is colliding: switch to hashing every byte. */
const longProbe = 32;
/** How many bytes the cheap hash reads from each end of a range. */
const sampledBytes = 32;

/** Distinct byte ranges, indexed in order of first appearance; each is copied on add. */
export class ByteRangeIndex {
  private slots = new Int32Array(1 << 12).fill(-1);
  private hashes = new Int32Array(1 << 11);
  // Entry i's bytes are keys[starts[i], starts[i + 1]).
  private starts = new Int32Array(1 << 11);
  private keys = Buffer.allocUnsafe(1 << 16);
  private keysView: DataView = new DataView(this.keys.buffer, this.keys.byteOffset, this.keys.byteLength);
  private viewed: Uint8Array | null = null;
  private view: DataView = new DataView(new ArrayBuffer(0));
  private count = 0;
  private hashesEveryByte = false;
  private readonly seed: number;
  /** Slots visited by find() so far: tests check that lookups stay linear. */
  probes = 0;

  /** Where the range findThrough() last met ends (just past its stop byte), or -1 when none. */
  foundEnd = -1;

  /**
   * `everyByte` hashes every byte from the start, for a caller whose keys are read byte by byte
   * anyway (findThrough): the table is then never switched.
   */
  constructor(seed = randomBytes(4).readInt32LE(0), everyByte = false) {
    this.seed = seed;
    this.hashesEveryByte = everyByte;
  }

  /** How many distinct ranges were added. */
  get length(): number {
    return this.count;
  }

  /** True when the table hashes every byte: made so, or switched by a long probe. */
  get hashingEveryByte(): boolean {
    return this.hashesEveryByte;
  }

  /** The index of a range with exactly the bytes of bytes[start, end), or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    return this.findHashed(bytes, start, end, this.hash(bytes, start, end));
  }

  /**
   * Like find() for the range from `start` through the first `stop` byte after it, which this finds
   * while it hashes (in one pass, four bytes at a time); the range's end is then in foundEnd, -1 and
   * -1 returned when no stop byte follows. Only for an index made with `everyByte`.
   */
  findThrough(bytes: Uint8Array, start: number, stop: number): number {
    if (!this.hashesEveryByte) throw new Error('findThrough needs a ByteRangeIndex made with everyByte.');
    const view = this.viewOf(bytes);
    // A word has a stop byte when word ^ pattern has a zero byte; the lowest flagged byte is the
    // first such byte (the test can flag bytes above a real zero, never below).
    const pattern = Math.imul(stop, 0x01010101);
    let hash = this.seed;
    let position = start;
    for (const last = bytes.length - 4; position <= last; position += 4) {
      const word = view.getInt32(position, true);
      const flipped = word ^ pattern;
      const stops = (flipped - 0x01010101) & ~flipped & 0x80808080;
      if (stops !== 0) {
        // The stop byte's offset in the word; a range ending with the word hashes it whole.
        const offset = (31 - Math.clz32(stops & -stops)) >>> 3;
        if (offset === 3) hash = Math.imul(hash ^ word, 0x01000193);
        else
          for (let index = 0; index <= offset; index++) hash = Math.imul(hash ^ bytes[position + index]!, 0x01000193);
        this.foundEnd = position + offset + 1;
        return this.findHashed(bytes, start, this.foundEnd, finished(hash, this.foundEnd - start));
      }
      hash = Math.imul(hash ^ word, 0x01000193);
    }
    for (; position < bytes.length; position++) {
      hash = Math.imul(hash ^ bytes[position]!, 0x01000193);
      if (bytes[position] === stop) {
        this.foundEnd = position + 1;
        return this.findHashed(bytes, start, this.foundEnd, finished(hash, this.foundEnd - start));
      }
    }
    this.foundEnd = -1;
    return -1;
  }

  private findHashed(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    let visited = 0;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = this.slots[slot]!;
      visited++;
      if (index === -1 || (this.hashes[index] === hash && this.sameBytes(index, bytes, start, end))) {
        this.probes += visited;
        return index;
      }
      if (visited === longProbe && !this.hashesEveryByte) {
        this.probes += visited;
        this.hashEveryByte();
        return this.find(bytes, start, end);
      }
    }
  }

  /** Adds a range not already present (find() returned -1); returns its index. */
  add(bytes: Uint8Array, start: number, end: number): number {
    const index = this.count++;
    if (index + 1 >= this.starts.length) {
      this.starts = grown(this.starts, this.starts.length * 2);
      this.hashes = grown(this.hashes, this.hashes.length * 2);
    }
    const keyStart = this.starts[index]!;
    const keyEnd = keyStart + (end - start);
    if (keyEnd > this.keys.length) {
      const larger = Buffer.allocUnsafe(Math.max(this.keys.length * 2, keyEnd));
      this.keys.copy(larger, 0, 0, keyStart);
      this.keys = larger;
      this.keysView = new DataView(larger.buffer, larger.byteOffset, larger.byteLength);
    }
    this.keys.set(bytes.subarray(start, end), keyStart);
    this.starts[index + 1] = keyEnd;
    this.hashes[index] = this.hash(bytes, start, end);
    // At most half full, so probes stay short and a free slot always exists.
    if (this.count * 2 > this.slots.length) this.rebuild(this.slots.length * 2);
    else this.place(index);
    return index;
  }

  private place(index: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[index]! & mask;
    while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
    this.slots[slot] = index;
  }

  private rebuild(size: number): void {
    this.slots = new Int32Array(size).fill(-1);
    for (let index = 0; index < this.count; index++) this.place(index);
  }

  private hashEveryByte(): void {
    this.hashesEveryByte = true;
    for (let index = 0; index < this.count; index++) {
      this.hashes[index] = this.hash(this.keys, this.starts[index]!, this.starts[index + 1]!);
    }
    this.rebuild(this.slots.length);
  }

  private sameBytes(index: number, bytes: Uint8Array, start: number, end: number): boolean {
    const keyStart = this.starts[index]!;
    const length = end - start;
    if (this.starts[index + 1]! - keyStart !== length) return false;
    // Long keys natively; shorter ones four bytes at a time (a native call costs more than that:
    // 90 ns against 60 ns for a 120-byte call frame).
    if (length > 256) return this.keys.compare(bytes, start, end, keyStart, keyStart + length) === 0;
    const keys = this.keysView;
    const view = this.viewOf(bytes);
    let offset = 0;
    for (; offset + 4 <= length; offset += 4) {
      if (keys.getInt32(keyStart + offset, true) !== view.getInt32(start + offset, true)) return false;
    }
    for (; offset < length; offset++) if (this.keys[keyStart + offset] !== bytes[start + offset]) return false;
    return true;
  }

  // A DataView over the caller's bytes, kept while the caller passes the same buffer (a chunk).
  private viewOf(bytes: Uint8Array): DataView {
    if (bytes !== this.viewed) {
      this.viewed = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return this.view;
  }

  // FNV-1a-like from the seed over four bytes at a time: either every byte or sampledBytes from
  // each end, then the length (last, so that findThrough can hash before it knows the end).
  private hash(bytes: Uint8Array, start: number, end: number): number {
    const view = this.viewOf(bytes);
    let hash = this.seed;
    if (this.hashesEveryByte || end - start <= 2 * sampledBytes) {
      let position = start;
      for (; position + 4 <= end; position += 4) hash = Math.imul(hash ^ view.getInt32(position, true), 0x01000193);
      for (; position < end; position++) hash = Math.imul(hash ^ bytes[position]!, 0x01000193);
    } else {
      for (let offset = 0; offset < sampledBytes; offset += 4) {
        hash = Math.imul(hash ^ view.getInt32(start + offset, true), 0x01000193);
        hash = Math.imul(hash ^ view.getInt32(end - sampledBytes + offset, true), 0x01000193);
      }
    }
    return finished(hash, end - start);
  }
}

// Mixes in the length, then MurmurHash3's finaliser, so that the slot's low bits depend on every
// byte read.
function finished(hash: number, length: number): number {
  hash = Math.imul(hash ^ length, 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) & 0x7fffffff;
}

function grown(values: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(length);
  larger.set(values);
  return larger;
}
