// V8's live sampling heap profile can list a sample whose node is missing from its tree. V8 builds
// the tree first and the sample list after; building the tree internalizes function and script
// names (the first time each is used), those allocations can themselves be sampled, and a node
// created for one of them while the walk is under way can be missed by it while its sample is still
// listed (TranslateAllocationNode in v8/src/profiler/sampling-heap-profiler.cc). It happens on a
// thread's first chunk or not at all, which is why short-lived worker threads (one chunk each) hit
// it. The importer rightly refuses such a profile from a file; from the live inspector the sample is
// an allocation V8 made while answering, not one of the program's, so it is dropped here.
// (test/fixtures/profiles/heap/ holds one such reply.)

import type { SamplingHeapProfile, SamplingHeapProfileNode } from '../../import/cpuprofile';

/** The profile without the samples that name a node not in its tree; the same object when there are none. */
export function withoutUntranslatedSamples(profile: SamplingHeapProfile): SamplingHeapProfile {
  if (!profile.samples || typeof profile.head !== 'object' || profile.head === null) return profile;
  const ids = new Set<number>();
  // Iterative: allocation stacks can be deep enough to overflow a recursive walk.
  const pending: SamplingHeapProfileNode[] = [profile.head];
  while (pending.length > 0) {
    const node = pending.pop()!;
    ids.add(node.id);
    if (node.children) pending.push(...node.children);
  }
  const samples = profile.samples.filter((sample) => ids.has(sample.nodeId));
  return samples.length === profile.samples.length ? profile : { ...profile, samples };
}
