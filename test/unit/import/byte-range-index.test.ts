// ByteRangeIndex against keys chosen to collide: lookups must stay linear in the number of keys,
// counted in probes (slots visited), never timed.

import { describe, expect, it } from 'vitest';
import { ByteRangeIndex } from '../../../src-main/import/byte-range-index';

/** Keys of one length whose first and last 40 bytes are equal: they differ only in the middle. */
function collidingKeys(count: number): Buffer {
  const padding = 'x'.repeat(40);
  return Buffer.from(
    Array.from({ length: count }, (_, index) => `${padding}${String(index).padStart(8, '0')}${padding}`).join(''),
  );
}

/** Interns every key twice (the second time finds it) and returns the probes per lookup. */
function probesPerLookup(keys: Buffer, keyLength: number, index = new ByteRangeIndex(12345)): number {
  const count = keys.length / keyLength;
  for (let round = 0; round < 2; round++) {
    for (let key = 0; key < count; key++) {
      const start = key * keyLength;
      const found = index.find(keys, start, start + keyLength);
      if (round === 0) {
        expect(found).toBe(-1);
        expect(index.add(keys, start, start + keyLength)).toBe(key);
      } else expect(found).toBe(key);
    }
  }
  return index.probes / (2 * count);
}

describe('ByteRangeIndex', () => {
  it('finds keys again by their bytes, wherever they are', () => {
    const index = new ByteRangeIndex();
    const first = Buffer.from('..{"functionName":"a"}..');
    const second = Buffer.from('{"functionName":"a"}{"functionName":"b"}');
    expect(index.find(first, 2, 22)).toBe(-1);
    expect(index.add(first, 2, 22)).toBe(0);
    expect(index.find(second, 0, 20)).toBe(0);
    expect(index.find(second, 20, 40)).toBe(-1);
    expect(index.add(second, 20, 40)).toBe(1);
    expect(index.length).toBe(2);
    // The index keeps its own copy: changing the caller's buffer changes nothing.
    first.fill(0);
    expect(index.find(second, 0, 20)).toBe(0);
  });

  it('stays linear on keys that differ only in the middle (the cheap hash of the ends collides)', () => {
    const keyLength = 88;
    const small = probesPerLookup(collidingKeys(5_000), keyLength);
    const large = probesPerLookup(collidingKeys(20_000), keyLength);
    // Quadratic lookups averaged thousands of probes here, growing with the key count.
    expect(small).toBeLessThan(4);
    expect(large).toBeLessThan(4);
    expect(large / small).toBeLessThan(1.5);
  });

  it('keeps the cheap hash for keys that differ at their ends', () => {
    const keys = Buffer.from(
      Array.from({ length: 20_000 }, (_, index) => `${String(index).padStart(8, '0')}${'y'.repeat(80)}`).join(''),
    );
    const index = new ByteRangeIndex(7);
    expect(probesPerLookup(keys, 88, index)).toBeLessThan(4);
    expect(index.hashingEveryByte).toBe(false);
  });

  it('finds a range through its stop byte in one pass, wherever in a word the stop falls', () => {
    const index = new ByteRangeIndex(99, true);
    // Frames of every length from 1 to 12 bytes (the stop at each offset of a four-byte word),
    // each twice, then one unterminated tail.
    const frames = Array.from({ length: 12 }, (_, index) => (index === 0 ? '}' : `{${'a'.repeat(index - 1)}}`));
    const bytes = Buffer.from(`${[...frames, ...frames].join('')}{"open`);
    let start = 0;
    for (let round = 0; round < 2; round++) {
      for (const [order, frame] of frames.entries()) {
        const found = index.findThrough(bytes, start, 0x7d);
        expect(index.foundEnd).toBe(start + frame.length);
        expect(found).toBe(round === 0 ? -1 : order);
        // The same hash as find() of the range it met.
        expect(index.find(bytes, start, index.foundEnd)).toBe(found);
        if (round === 0) index.add(bytes, start, start + frame.length);
        start += frame.length;
      }
    }
    expect(index.findThrough(bytes, start, 0x7d)).toBe(-1);
    expect(index.foundEnd).toBe(-1);
  });

  it('stays linear when it hashes every byte from the start, on frames that differ only in the middle', () => {
    const keyLength = 88;
    const keys = collidingKeys(20_000);
    for (let key = 0; key < 20_000; key++) keys[key * keyLength + keyLength - 1] = 0x7d;
    const index = new ByteRangeIndex(12345, true);
    for (let round = 0; round < 2; round++) {
      for (let key = 0; key < 20_000; key++) {
        const found = index.findThrough(keys, key * keyLength, 0x7d);
        expect(index.foundEnd).toBe((key + 1) * keyLength);
        if (round === 0) index.add(keys, key * keyLength, index.foundEnd);
        else expect(found).toBe(key);
      }
    }
    expect(index.probes / 40_000).toBeLessThan(4);
  });
});
