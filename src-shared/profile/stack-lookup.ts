// Finds a stack by its (parent, frame) pair. An open-addressing hash table of stack indexes in one
// Int32Array: a Map keyed by a packed 53-bit number boxes every key as a heap double, and at
// 700,000 stacks that lookup was the builder's largest cost.

import type { GrowableColumn } from './growable';

const empty = -1;

/** The builder's stack index: the stack table's own columns hold the keys, the table only indexes. */
export class StackLookup {
  private slots = new Int32Array(1 << 12).fill(empty);
  private mask = this.slots.length - 1;

  constructor(
    private readonly parents: GrowableColumn<Int32Array>,
    private readonly frames: GrowableColumn<Int32Array>,
  ) {}

  /** The stack whose parent and frame are these, or -1. */
  find(parent: number, frame: number): number {
    for (let slot = hash(parent, frame) & this.mask; ; slot = (slot + 1) & this.mask) {
      const stack = this.slots[slot]!;
      if (stack === empty) return empty;
      if (this.frames.at(stack) === frame && this.parents.at(stack) === parent) return stack;
    }
  }

  /** Indexes a stack just appended to the columns (not already present). */
  add(stack: number): void {
    // At most half full, so probes stay short and a free slot always exists.
    if ((stack + 1) * 2 > this.slots.length) this.grow();
    this.place(stack);
  }

  private place(stack: number): void {
    let slot = hash(this.parents.at(stack), this.frames.at(stack)) & this.mask;
    while (this.slots[slot] !== empty) slot = (slot + 1) & this.mask;
    this.slots[slot] = stack;
  }

  private grow(): void {
    const count = this.parents.length;
    this.slots = new Int32Array(this.slots.length * 2).fill(empty);
    this.mask = this.slots.length - 1;
    for (let stack = 0; stack < count; stack++) this.place(stack);
  }
}

// Multiplicative mixing (the constants of MurmurHash3's finaliser): sibling stacks differ only in
// frame and chains differ by one in parent, so the low bits must depend on every input bit.
function hash(parent: number, frame: number): number {
  let value = Math.imul(parent + 1, 0x9e3779b1) ^ frame;
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
  return value ^ (value >>> 16);
}
