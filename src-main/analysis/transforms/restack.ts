// The machinery every transform shares: a new stack table built from the old one in a single pass
// (parents come before children, so a stack's parent is mapped when the stack is reached), then the
// samples moved onto it. A transform only decides, per old stack, which new stack it becomes.

import type { FrameTable, Profile } from '../../../src-shared/profile/profile';

/** Marks an old stack whose samples a transform drops (or an empty stack, e.g. all merged away). */
export const droppedStack = -1;

/** A stack table being built, each (parent, frame) pair once. */
export class StackTableBuilder {
  readonly parent: number[] = [];
  readonly frame: number[] = [];
  readonly #lookup = new Map<number, number>();

  /** `frameCount` bounds the frame ids used, so (parent, frame) packs into one exact number key. */
  constructor(private readonly frameCount: number) {}

  /** The stack that is `frame` called from `parent` (-1 for a root). */
  stack(parent: number, frame: number): number {
    const key = (parent + 1) * this.frameCount + frame;
    let index = this.#lookup.get(key);
    if (index === undefined) {
      index = this.frame.length;
      this.parent.push(parent);
      this.frame.push(frame);
      this.#lookup.set(key, index);
    }
    return index;
  }
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
  const builder = new StackTableBuilder(frames.length + 1);
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
    ...profile,
    frames,
    stacks: {
      length: builder.frame.length,
      parent: Int32Array.from(builder.parent),
      frame: Int32Array.from(builder.frame),
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
  let next = 0;
  for (let index = 0; index < samples.length; index++) {
    const mapped = newStackOf[samples.stack[index]!]!;
    if (mapped < 0) continue;
    stack[next] = mapped;
    time[next] = samples.time[index]!;
    weight[next] = samples.weight[index]!;
    thread[next] = samples.thread[index]!;
    next++;
  }
  return { length: kept, stack, time, weight, thread };
}
