// A small seeded pseudo-random generator (mulberry32), so generated inputs (benchmarks, fuzzing) are the same
// bytes on every machine and every run, and a cached input can be regenerated identically.

/** Returns a function giving uniform numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [0, count) drawn with a heavy head: low indexes much more often (Zipf-like). */
export function skewedIndex(random: () => number, count: number, skew = 2.5): number {
  return Math.min(count - 1, Math.floor(count * random() ** skew));
}
