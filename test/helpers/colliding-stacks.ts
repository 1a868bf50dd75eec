// Stack keys built to collide in ProfileBuilder's stack table as it was before its hash had a seed:
// slot = fmix32(imul(parent + 1, 0x9e3779b1) ^ frame) & mask. The finaliser (fmix32) is a bijection
// that inverts, so for each wanted slot and each choice of the hash's other bits there is exactly
// one mixed value; a (parent, frame) pair produces it when parent's product agrees with it above
// the frame bits. A file numbers its frames by first appearance and its stacks by creation, so it
// can ask for exactly these pairs: frame i as a root stack is stack i, and it is the parent too.

const golden = 0x9e3779b1;

/** The slot the unseeded hash gave (parent, frame) in a table of 2^slotBits slots. */
export function unseededSlot(parent: number, frame: number, slotBits: number): number {
  return fmix32(Math.imul(parent + 1, golden) ^ frame) & ((1 << slotBits) - 1);
}

/** What collidingStackKeys makes: parents[i] called frames[i], each parent a root stack 0 ≤ p < frameCount. */
export interface CollidingStacks {
  frameCount: number;
  parents: Int32Array;
  frames: Int32Array;
}

/**
 * Up to `limit` distinct (parent, frame) pairs, both below 2^frameBits, whose unseeded slots all lie
 * in the first `window` slots of a 2^slotBits table, hence of every smaller one the table grows
 * through. The same arguments always give the same pairs.
 */
export function collidingStackKeys(
  frameBits: number,
  slotBits: number,
  window: number,
  limit: number,
): CollidingStacks {
  const frameCount = 1 << frameBits;
  // A parent by the bits of its product above the frame bits (-1: none).
  const parentByHighBits = new Int32Array(2 ** (32 - frameBits)).fill(-1);
  for (let parent = 0; parent < frameCount; parent++) {
    parentByHighBits[Math.imul(parent + 1, golden) >>> frameBits] = parent;
  }
  const parents: number[] = [];
  const frames: number[] = [];
  for (let high = 0; high < 2 ** (32 - slotBits) && parents.length < limit; high++) {
    for (let slot = 0; slot < window && parents.length < limit; slot++) {
      const mixed = inverseFmix32((high * 2 ** slotBits + slot) | 0);
      const parent = parentByHighBits[mixed >>> frameBits]!;
      if (parent < 0) continue;
      parents.push(parent);
      frames.push((mixed ^ Math.imul(parent + 1, golden)) >>> 0);
    }
  }
  return { frameCount, parents: Int32Array.from(parents), frames: Int32Array.from(frames) };
}

/**
 * Folded stacks that ask the builder for exactly these pairs: one line per frame (frame i as a root
 * stack becomes stack i), then one line "parent;frame" per pair. Every line has one sample.
 */
export function collidingFolded(stacks: CollidingStacks): string {
  const name = (frame: number) => `f${frame.toString(36)}`;
  const lines: string[] = [];
  for (let frame = 0; frame < stacks.frameCount; frame++) lines.push(`${name(frame)} 1`);
  for (let index = 0; index < stacks.parents.length; index++) {
    lines.push(`${name(stacks.parents[index]!)};${name(stacks.frames[index]!)} 1`);
  }
  return `${lines.join('\n')}\n`;
}

// MurmurHash3's 32-bit finaliser and its inverse (odd multipliers have inverses modulo 2^32).
function fmix32(value: number): number {
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
  return value ^ (value >>> 16);
}

// Newton's iteration doubles the correct low bits each step: 5 steps give 32 from 3.
function inverseOf(odd: number): number {
  let inverse = odd;
  for (let step = 0; step < 5; step++) inverse = Math.imul(inverse, 2 - Math.imul(odd, inverse));
  return inverse;
}

const firstInverse = inverseOf(0x85ebca6b);
const secondInverse = inverseOf(0xc2b2ae35);

function inverseFmix32(value: number): number {
  value ^= value >>> 16;
  value = Math.imul(value, secondInverse);
  value ^= (value >>> 13) ^ (value >>> 26);
  value = Math.imul(value, firstInverse);
  return value ^ (value >>> 16);
}
