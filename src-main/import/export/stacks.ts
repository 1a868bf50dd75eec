// Walking a profile's stack tree, shared by the exporters.

import type { IndexIntoFrameTable, IndexIntoStackTable, Profile } from '../../../src-shared/profile/profile';

/**
 * Fills `into` with the stack's frames leaf first and returns how many there are. Reuses the
 * caller's array, so a million samples allocate nothing; it grows only for a deeper stack.
 */
export function framesLeafFirst(profile: Profile, stack: IndexIntoStackTable, into: IndexIntoFrameTable[]): number {
  let depth = 0;
  for (let row = stack; row !== -1; row = profile.stacks.parent[row]!) into[depth++] = profile.stacks.frame[row]!;
  return depth;
}

/** The summed sample weight of each stack (indexed by stack). */
export function weightByStack(profile: Profile): Float64Array {
  const weights = new Float64Array(profile.stacks.length);
  const { stack, weight } = profile.samples;
  for (let index = 0; index < stack.length; index++) {
    const row = stack[index]!;
    weights[row] = weights[row]! + weight[index]!;
  }
  return weights;
}

/** How many samples each stack has (indexed by stack). */
export function sampleCountByStack(profile: Profile): Float64Array {
  const counts = new Float64Array(profile.stacks.length);
  const { stack } = profile.samples;
  for (let index = 0; index < stack.length; index++) counts[stack[index]!]! += 1;
  return counts;
}

/** A weight as short text: integers exactly, fractions to nine significant digits. */
export function formatWeight(weight: number): string {
  return Number.isInteger(weight) ? String(weight) : String(Number(weight.toPrecision(9)));
}
