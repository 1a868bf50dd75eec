// Finds a stack by its (parent, frame) pair. An open-addressing hash table of stack indexes in one
// Int32Array: a Map keyed by a packed 53-bit number boxes every key as a heap double, and at
// 700,000 stacks that lookup was the builder's largest cost.
//
// Call trees are mostly chains: half the stacks of a large profile are the only child of their
// parent. Such a child is kept beside its parent instead of in the table, so finding or adding it
// touches the parent's entry, which was just made, and not a random slot of a table of megabytes;
// a second child moves both into the table.
//
// Untrusted files choose the keys: frames are numbered in order of first appearance and stacks in
// order of creation, so a file can line up any (parent, frame) pairs it likes. Against a fixed hash
// it can pick a few hundred thousand pairs that land in one run of slots (the finaliser inverts, see
// test/helpers/colliding-stacks.ts), and every lookup then walks the whole run: quadratic, minutes
// for a few megabytes of folded text. So each table draws its own seed and mixes it into the parent
// before the frame is added: which keys collide then depends on a number the file cannot know.

import { GrowableColumn } from './growable';

const empty = -1;
/** A stack's children are in the hash table (otherwise it has none, or one: its onlyChild). */
const hashed = -2;

/** The builder's stack index: the stack table's own columns hold the keys, the table only indexes. */
export class StackLookup {
  private slots = new Int32Array(1 << 12).fill(empty);
  private mask = this.slots.length - 1;
  /** Stacks in the hash table. */
  private count = 0;
  /** Per stack, its only child, `empty` for none or `hashed`; rootChild is the same for the roots. */
  private readonly onlyChild = new GrowableColumn(Int32Array);
  private rootChild = empty;
  /** Entries read by find() so far (a parent's own, or slots): tests check that lookups stay short. */
  probes = 0;

  constructor(
    private readonly parents: GrowableColumn<Int32Array>,
    private readonly frames: GrowableColumn<Int32Array>,
    private readonly seed = (Math.random() * 2 ** 32) | 0,
  ) {}

  /** The stack whose parent and frame are these, or -1. */
  find(parent: number, frame: number): number {
    const child = parent === -1 ? this.rootChild : this.onlyChild.at(parent);
    if (child !== hashed) {
      this.probes++;
      return child !== empty && this.frames.at(child) === frame ? child : empty;
    }
    let visited = 1;
    for (let slot = hash(parent, frame, this.seed) & this.mask; ; slot = (slot + 1) & this.mask, visited++) {
      const stack = this.slots[slot]!;
      if (stack === empty || (this.frames.at(stack) === frame && this.parents.at(stack) === parent)) {
        this.probes += visited;
        return stack;
      }
    }
  }

  /** Indexes the stack just appended to the columns (not already present); stacks come in order. */
  add(stack: number): void {
    this.onlyChild.push(empty);
    const parent = this.parents.at(stack);
    const child = parent === -1 ? this.rootChild : this.onlyChild.at(parent);
    if (child === empty) {
      this.setChild(parent, stack);
      return;
    }
    // A second child: it and the first go into the table.
    if (child !== hashed) this.setChild(parent, hashed);
    this.count += child === hashed ? 1 : 2;
    // At most half full, so probes stay short and a free slot always exists.
    if (this.count * 2 > this.slots.length) {
      this.resize(this.slots.length * 2);
      return;
    }
    if (child !== hashed) this.place(child);
    this.place(stack);
  }

  private setChild(parent: number, child: number): void {
    if (parent === -1) this.rootChild = child;
    else this.onlyChild.set(parent, child);
  }

  private place(stack: number): void {
    let slot = hash(this.parents.at(stack), this.frames.at(stack), this.seed) & this.mask;
    while (this.slots[slot] !== empty) slot = (slot + 1) & this.mask;
    this.slots[slot] = stack;
  }

  // Places every stack whose parent's children are hashed (those just moved there included).
  private resize(length: number): void {
    this.slots = new Int32Array(length).fill(empty);
    this.mask = length - 1;
    for (let stack = 0; stack < this.onlyChild.length; stack++) {
      const parent = this.parents.at(stack);
      if ((parent === -1 ? this.rootChild : this.onlyChild.at(parent)) === hashed) this.place(stack);
    }
  }
}

// The parent goes through a keyed bijection before the frame is added, so whether two keys meet in
// the 32-bit state depends on the seed; MurmurHash3's finaliser then makes the slot's low bits
// depend on every bit (siblings differ only in frame, chains by one in parent).
function hash(parent: number, frame: number, seed: number): number {
  let value = Math.imul(parent ^ seed, 0x9e3779b1);
  value = Math.imul(value ^ (value >>> 15), 0x2c1b3c6d) ^ frame;
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
  return value ^ (value >>> 16);
}
