// Decoded profiles of the last few sessions viewed, so brushing a range or sorting a table does not
// reread and decode the blob on every call.

import { ThermographError } from '../../src-shared/api/errors';
import type { SessionSummary } from '../../src-shared/model/session';
import type { Profile, ProfileKind } from '../../src-shared/profile/profile';
import type { Transform } from '../../src-shared/profile/transforms';
import type { ProfileSummary } from '../../src-shared/profile/views';
import { applyTransform } from '../analysis/transforms/apply';
import type { SessionStore } from '../store/session-store';

/** How many decoded profiles are kept. */
const capacity = 4;
/** How many transformed profiles are kept (a UI adds, removes and pops transforms one at a time). */
const transformedCapacity = 8;

/** A small least-recently-used cache of decoded profiles. */
export class ProfileCache {
  private readonly entries = new Map<string, { profile: Profile; stamp: string }>();
  /** Transformed profiles by the decoded profile they came from, then by the transform list. */
  private readonly transformed = new WeakMap<Profile, Map<string, Profile>>();

  /**
   * `decoded` hears of every profile decoded here with its stored summary: summaries stored before a
   * field existed (the top function) are completed then, from the profile already in memory.
   */
  constructor(
    private readonly store: SessionStore,
    private readonly decoded?: (session: SessionSummary, summary: ProfileSummary, profile: Profile) => void,
  ) {}

  /** The session's profile of a kind; throws not-found with what to do when it has none. */
  load(session: SessionSummary, kind: ProfileKind): Profile {
    const summary = session.profiles.find((profile) => profile.kind === kind);
    if (!summary) throw new ThermographError('not-found', noProfileMessage(session, kind));
    // A re-saved profile (same session and kind) has a different summary: the stamp notices.
    const stamp = `${summary.startTime}:${summary.sampleCount}:${summary.totalWeight}`;
    const key = `${session.id}:${kind}`;
    const cached = this.entries.get(key);
    if (cached && cached.stamp === stamp) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.profile;
    }
    const profile = this.store.loadProfile(session.id, kind);
    if (!profile) throw new ThermographError('not-found', noProfileMessage(session, kind));
    this.decoded?.(session, summary, profile);
    this.entries.set(key, { profile, stamp });
    while (this.entries.size > capacity) this.entries.delete(this.entries.keys().next().value!);
    return profile;
  }

  /**
   * The session's profile with `transforms` applied in order. Each prefix of the list is cached, so
   * adding a transform to a list just viewed applies only the new one; the cache goes with the
   * decoded profile it was derived from.
   */
  loadTransformed(session: SessionSummary, kind: ProfileKind, transforms: readonly Transform[]): Profile {
    const base = this.load(session, kind);
    if (transforms.length === 0) return base;
    let byList = this.transformed.get(base);
    if (!byList) this.transformed.set(base, (byList = new Map()));
    const keys = transforms.map((_, index) => JSON.stringify(transforms.slice(0, index + 1)));
    let done = transforms.length;
    while (done > 0 && !byList.has(keys[done - 1]!)) done--;
    let profile = done > 0 ? byList.get(keys[done - 1]!)! : base;
    for (let index = done; index < transforms.length; index++) {
      profile = applyTransform(profile, transforms[index]!);
      byList.delete(keys[index]!);
      byList.set(keys[index]!, profile);
    }
    // Touch the answer so it is the last to go; the oldest lists go first.
    byList.delete(keys.at(-1)!);
    byList.set(keys.at(-1)!, profile);
    while (byList.size > transformedCapacity) byList.delete(byList.keys().next().value!);
    return profile;
  }
}

function noProfileMessage(session: SessionSummary, kind: ProfileKind): string {
  const what = kind === 'cpu' ? 'CPU profile' : 'allocation profile';
  if (session.status === 'recording')
    return `Session ${session.id} is still recording; its ${what} is stored when it stops.`;
  // The other kind is there (an imported heap profile, or a CPU-only recording): point at it.
  const other = session.profiles.find((profile) => profile.kind !== kind);
  if (other) {
    const otherWhat = other.kind === 'cpu' ? 'a CPU profile' : 'an allocation profile';
    const why = kind === 'allocation' ? ' (allocation profiles are recorded for Node.js programs)' : '';
    return `Session ${session.id} has no ${what}${why}; it has ${otherWhat}: use --kind ${other.kind}, or its tab in the app.`;
  }
  if (session.profiler?.message) return `Session ${session.id} has no ${what}: ${session.profiler.message}`;
  if (session.settings.profiler === 'none') {
    return `Session ${session.id} has no ${what}: it was recorded without a profiler. Record again with --profile auto.`;
  }
  return `Session ${session.id} has no ${what}.`;
}
