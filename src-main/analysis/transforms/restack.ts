// The machinery every transform shares: a new stack table built from the old one in a single pass
// (parents come before children, so a stack's parent is mapped when the stack is reached), then the
// samples moved onto it. A transform only decides, per old stack, which new stack it becomes.

import { withoutLineCosts, type FrameTable, type Profile } from '../../../src-shared/profile/profile';

/** Marks an old stack whose samples a transform drops (or an empty stack, e.g. all merged away). */
export const droppedStack = -1;

/**
 * A stack table being built, each (parent, frame) pair once. The lookup is an open-addressing hash
 * over typed arrays: a Map keyed by a packed pair costs twice as much once keys pass 2^31 (they
 * become heap numbers), and this runs once per stack per transform.
 */
export class StackTableBuilder {
  length = 0;
  parent: Int32Array;
  frame: Int32Array;
  #slots: Int32Array;

  /** `expected` is about how many stacks the table will hold (it grows past it if need be). */
  constructor(expected: number) {
    this.parent = new Int32Array(Math.max(16, expected));
    this.frame = new Int32Array(this.parent.length);
    this.#slots = new Int32Array(slotCountFor(this.parent.length)).fill(-1);
  }

  /** The stack that is `frame` called from `parent` (-1 for a root). */
  stack(parent: number, frame: number): number {
    const mask = this.#slots.length - 1;
    let slot = hash(parent, frame) & mask;
    for (;;) {
      const index = this.#slots[slot]!;
      if (index < 0) break;
      if (this.parent[index] === parent && this.frame[index] === frame) return index;
      slot = (slot + 1) & mask;
    }
    if (this.length === this.parent.length) {
      this.#grow();
      return this.stack(parent, frame);
    }
    const index = this.length++;
    this.parent[index] = parent;
    this.frame[index] = frame;
    this.#slots[slot] = index;
    return index;
  }

  #grow(): void {
    const capacity = this.parent.length * 2;
    const parent = new Int32Array(capacity);
    const frame = new Int32Array(capacity);
    parent.set(this.parent);
    frame.set(this.frame);
    this.parent = parent;
    this.frame = frame;
    this.#slots = new Int32Array(slotCountFor(capacity)).fill(-1);
    const mask = this.#slots.length - 1;
    for (let index = 0; index < this.length; index++) {
      let slot = hash(parent[index]!, frame[index]!) & mask;
      while (this.#slots[slot]! >= 0) slot = (slot + 1) & mask;
      this.#slots[slot] = index;
    }
  }
}

/** A power of two at least twice `capacity`, so probes stay short. */
function slotCountFor(capacity: number): number {
  return 2 ** Math.ceil(Math.log2(capacity * 2));
}

function hash(parent: number, frame: number): number {
  return (Math.imul(parent + 1, 0x9e3779b1) ^ Math.imul(frame, 0x85ebca77)) >>> 0;
}

/** What a transform may change besides stacks. */
export interface RestackOptions {
  /** A frame table with rows appended (collapse-module); the profile's by default. */
  frames?: FrameTable;
  /**
   * Where the samples of an old stack go when that differs from what its children hang under
   * (drop-internal keeps an all-internal stack's samples on one frame while its children lose it).
   */
  sampleStack?: (stack: number, newStack: number, builder: StackTableBuilder) => number;
}

/**
 * For each old stack in order, `decide(stack, newParent)` returns its new stack (using `builder`),
 * or droppedStack; newParent is what the old parent became (-1 for a root or a dropped parent).
 */
export function restack(
  profile: Profile,
  decide: (stack: number, newParent: number, builder: StackTableBuilder) => number,
  options: RestackOptions = {},
): Profile {
  const { stacks } = profile;
  const frames = options.frames ?? profile.frames;
  const builder = new StackTableBuilder(stacks.length);
  const newStackOf = new Int32Array(stacks.length);
  for (let stack = 0; stack < stacks.length; stack++) {
    const parent = stacks.parent[stack]!;
    newStackOf[stack] = decide(stack, parent < 0 ? -1 : newStackOf[parent]!, builder);
  }
  let sampleStackOf = newStackOf;
  if (options.sampleStack) {
    sampleStackOf = new Int32Array(stacks.length);
    for (let stack = 0; stack < stacks.length; stack++)
      sampleStackOf[stack] = options.sampleStack(stack, newStackOf[stack]!, builder);
  }
  return {
    ...withoutLineCosts(profile),
    frames,
    stacks: {
      length: builder.length,
      parent: builder.parent.slice(0, builder.length),
      frame: builder.frame.slice(0, builder.length),
    },
    samples: moveSamples(profile, sampleStackOf),
  };
}

/** The samples on their new stacks, those on dropped stacks left out (times stay in order). */
function moveSamples(profile: Profile, newStackOf: Int32Array): Profile['samples'] {
  const { samples } = profile;
  let kept = 0;
  for (let index = 0; index < samples.length; index++) if (newStackOf[samples.stack[index]!]! >= 0) kept++;
  if (kept === samples.length) {
    const stack = new Int32Array(samples.length);
    for (let index = 0; index < samples.length; index++) stack[index] = newStackOf[samples.stack[index]!]!;
    return { ...samples, stack };
  }
  const stack = new Int32Array(kept);
  const time = new Float64Array(kept);
  const weight = new Float64Array(kept);
  const thread = new Uint16Array(kept);
  const count = samples.count && new Uint32Array(kept);
  let next = 0;
  for (let index = 0; index < samples.length; index++) {
    const mapped = newStackOf[samples.stack[index]!]!;
    if (mapped < 0) continue;
    stack[next] = mapped;
    time[next] = samples.time[index]!;
    weight[next] = samples.weight[index]!;
    thread[next] = samples.thread[index]!;
    if (count) count[next] = samples.count![index]!;
    next++;
  }
  return { length: kept, stack, time, weight, thread, count };
}
