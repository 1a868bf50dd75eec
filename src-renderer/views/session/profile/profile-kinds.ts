// The profile kinds as the panel names them: their order, labels, and what an allocation profile
// is. Issue 10 found users reading the allocation flame graph as memory in use; it is sampled
// allocations, so the same sentence stands on the kind toggle, in the header and in the export menu.

import type { ProfileKind } from '../../../../src-shared/profile/profile';

/** A kind's label on the toggle and in the views' names. */
export const kindLabels: Record<ProfileKind, string> = { cpu: 'CPU', allocation: 'Allocations' };

/** What an allocation profile holds, as a clause ("The allocation profile: …"). */
export const allocationMeaning = 'sampled allocations, including objects since collected, not memory retained';

/** What a kind's profile measures (the toggle's title). */
export const kindTitles: Record<ProfileKind, string> = {
  cpu: 'The CPU profile: where the program spent its time, from samples of its stacks',
  allocation: `The allocation profile: ${allocationMeaning}`,
};

/** The header's short note while the allocation profile shows. */
export const allocationNote = 'Sampled allocations, including collected objects · not retained memory';

const kindOrder: Record<ProfileKind, number> = { cpu: 0, allocation: 1 };

/** The kinds a session has profiles of, CPU first. */
export function sortedKinds(profiles: readonly { kind: ProfileKind }[]): ProfileKind[] {
  return profiles.map((summary) => summary.kind).sort((a, b) => kindOrder[a] - kindOrder[b]);
}
