// Interns byte ranges of one buffer: the same bytes met again get the same index, found through a
// hash table in typed arrays and confirmed by comparing the bytes. The .cpuprofile scanner uses it
// to parse each distinct call frame once, however many nodes repeat it.

/** Distinct byte ranges of `bytes`, indexed in order of first appearance. */
export class ByteRangeIndex {
  private slots = new Int32Array(1 << 12).fill(-1);
  private hashes: number[] = [];
  private starts: number[] = [];
  private ends: number[] = [];

  constructor(private readonly bytes: Buffer) {}

  /** How many distinct ranges were added. */
  get length(): number {
    return this.starts.length;
  }

  /** The index of a range with exactly these bytes, or -1. */
  find(start: number, end: number): number {
    const hash = this.hash(start, end);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = this.slots[slot]!;
      if (index === -1) return -1;
      if (this.hashes[index] === hash && this.sameBytes(index, start, end)) return index;
    }
  }

  /** Adds a range not already present; returns its index. */
  add(start: number, end: number): number {
    const index = this.starts.length;
    this.hashes.push(this.hash(start, end));
    this.starts.push(start);
    this.ends.push(end);
    // At most half full, so probes stay short and a free slot always exists.
    if (this.starts.length * 2 > this.slots.length) this.grow();
    else this.place(index);
    return index;
  }

  private place(index: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[index]! & mask;
    while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
    this.slots[slot] = index;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let index = 0; index < this.starts.length; index++) this.place(index);
  }

  private sameBytes(index: number, start: number, end: number): boolean {
    const knownStart = this.starts[index]!;
    const knownEnd = this.ends[index]!;
    return (
      knownEnd - knownStart === end - start && this.bytes.compare(this.bytes, knownStart, knownEnd, start, end) === 0
    );
  }

  // FNV-1a over the length and at most 32 bytes from each end: ranges that differ only in the
  // middle collide and are told apart by the byte comparison, which every hit makes anyway.
  private hash(start: number, end: number): number {
    const bytes = this.bytes;
    let hash = Math.imul(0x811c9dc5 ^ (end - start), 0x01000193);
    const headEnd = Math.min(end, start + 32);
    for (let position = start; position < headEnd; position++) hash = Math.imul(hash ^ bytes[position]!, 0x01000193);
    for (let position = Math.max(headEnd, end - 32); position < end; position++) {
      hash = Math.imul(hash ^ bytes[position]!, 0x01000193);
    }
    return hash & 0x3fffffff;
  }
}
