// The builder's stack table against keys chosen to collide: lookups must stay short however many
// keys there are, counted in probes (slots visited), never timed.

import { describe, expect, it } from 'vitest';
import { GrowableColumn } from '../../../src-shared/profile/growable';
import { StackLookup } from '../../../src-shared/profile/stack-lookup';
import { collidingStackKeys, unseededSlot, type CollidingStacks } from '../../helpers/colliding-stacks';

const seed = 0x5eed1e55;

/** A stack table as ProfileBuilder keeps it: columns of keys, and the lookup over them. */
function stackTable() {
  const parents = new GrowableColumn(Int32Array);
  const frames = new GrowableColumn(Int32Array);
  const lookup = new StackLookup(parents, frames, seed);
  const stack = (parent: number, frame: number): number => {
    let index = lookup.find(parent, frame);
    if (index === -1) {
      index = parents.length;
      parents.push(parent);
      frames.push(frame);
      lookup.add(index);
    }
    return index;
  };
  return { lookup, stack };
}

/** Makes every frame a root stack, then every pair, then finds every pair again: probes per lookup. */
function probesPerLookup(stacks: CollidingStacks): number {
  const { lookup, stack } = stackTable();
  for (let frame = 0; frame < stacks.frameCount; frame++) expect(stack(-1, frame)).toBe(frame);
  const count = stacks.parents.length;
  for (let round = 0; round < 2; round++) {
    for (let index = 0; index < count; index++) {
      expect(stack(stacks.parents[index]!, stacks.frames[index]!)).toBe(stacks.frameCount + index);
    }
  }
  return lookup.probes / (stacks.frameCount + 2 * count);
}

describe('StackLookup', () => {
  it('stays flat on keys that all collide under an unseeded hash', () => {
    // 4,096 frames; the table ends at 2^14 or 2^15 slots, and the keys share 16 slots of either.
    const small = collidingStackKeys(12, 15, 16, 2_000);
    const large = collidingStackKeys(12, 15, 16, 8_000);
    expect(large.parents.length).toBe(8_000);
    // They really are hostile: the unseeded hash put every one in the first 16 slots, so each
    // lookup walked one run of thousands of slots (646 probes a lookup for the small set).
    for (let index = 0; index < large.parents.length; index++) {
      expect(unseededSlot(large.parents[index]!, large.frames[index]!, 15)).toBeLessThan(16);
    }
    const smallProbes = probesPerLookup(small);
    const largeProbes = probesPerLookup(large);
    expect(smallProbes).toBeLessThan(3);
    expect(largeProbes).toBeLessThan(3);
    expect(largeProbes / smallProbes).toBeLessThan(1.5);
  });

  it('keeps an only child beside its parent, and still finds every stack once a second child comes', () => {
    const { lookup, stack } = stackTable();
    const chain: number[] = [];
    for (let depth = 0; depth < 1_000; depth++) chain.push(stack(depth === 0 ? -1 : chain[depth - 1]!, depth % 3));
    // One entry read a lookup: the parent's own.
    expect(lookup.probes).toBe(1_000);
    // A second child under every stack of the chain (and the root) moves both into the table.
    const parentOf = (depth: number) => (depth === 0 ? -1 : chain[depth - 1]!);
    for (let depth = 0; depth < 1_000; depth++) expect(stack(parentOf(depth), 7)).toBe(1_000 + depth);
    for (let depth = 0; depth < 1_000; depth++) {
      expect(stack(parentOf(depth), depth % 3)).toBe(chain[depth]);
      expect(stack(parentOf(depth), 7)).toBe(1_000 + depth);
    }
    expect(lookup.find(chain[999]!, 7)).toBe(-1);
  });

  it('keeps lookups short on the shapes of real trees: long chains and wide fan-outs', () => {
    const { lookup, stack } = stackTable();
    let parent = -1;
    for (let depth = 0; depth < 50_000; depth++) parent = stack(parent, depth % 7);
    for (let child = 0; child < 50_000; child++) stack(0, child);
    for (let child = 0; child < 50_000; child++) stack(child, child);
    expect(lookup.probes / 150_000).toBeLessThan(3);
  });
});
