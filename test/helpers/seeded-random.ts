// Seeded randomness for generated inputs (benchmarks, fuzzing): the same bytes on every machine and every
// run, so a cached input can be regenerated identically. The generator itself is src-shared's.

export { seededRandom } from '../../src-shared/seeded-random';

/** A whole number in [0, count) drawn with a heavy head: low indexes much more often (Zipf-like). */
export function skewedIndex(random: () => number, count: number, skew = 2.5): number {
  return Math.min(count - 1, Math.floor(count * random() ** skew));
}
