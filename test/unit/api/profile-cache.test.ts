import { describe, expect, it } from 'vitest';
import { applyTransforms } from '../../../src-main/analysis/transforms/apply';
import { ProfileCache } from '../../../src-main/api/profile-cache';
import type { SessionStore } from '../../../src-main/store/session-store';
import type { ProfileSummary } from '../../../src-shared/profile/views';
import type { Profile } from '../../../src-shared/profile/profile';
import type { Transform } from '../../../src-shared/profile/transforms';
import { foldedSummary, profileFromText } from '../../helpers/profile-text';
import { sessionSummary } from '../../helpers/session-summary';

/** A cache over a store that holds one decoded profile and counts its loads. */
function cacheOf(profile: Profile) {
  const loads = { count: 0 };
  const store = { loadProfile: () => (loads.count++, profile) } as unknown as SessionStore;
  const summary = { kind: 'cpu', startTime: 0, sampleCount: profile.samples.length, totalWeight: 1 } as ProfileSummary;
  return { cache: new ProfileCache(store), session: sessionSummary({ profiles: [summary] }), loads };
}

describe('transformed profiles in the profile cache', () => {
  const profile = profileFromText('main;a;f;f;x 2\nmain;b;f;y 3\nmain;c 4');
  const frame = (name: string) => profile.frames.name.findIndex((index) => profile.strings[index] === name);

  it('answers a list just applied from the cache, and extends a cached prefix', () => {
    const { cache, session, loads } = cacheOf(profile);
    const focus: Transform = { type: 'focus-function', frame: frame('f') };
    const collapse: Transform = { type: 'collapse-recursion', frame: frame('f') };
    const focused = cache.loadTransformed(session, 'cpu', [focus]);
    expect(cache.loadTransformed(session, 'cpu', [{ ...focus }])).toBe(focused);
    const both = cache.loadTransformed(session, 'cpu', [focus, collapse]);
    expect(foldedSummary(both)).toBe(foldedSummary(applyTransforms(profile, [focus, collapse])));
    expect(foldedSummary(both).split('\n')).toEqual(['f;x 2', 'f;y 3']);
    // Popping the last transform finds the prefix still cached; no list decodes the blob again.
    expect(cache.loadTransformed(session, 'cpu', [focus])).toBe(focused);
    expect(cache.loadTransformed(session, 'cpu', [])).toBe(profile);
    expect(loads.count).toBe(1);
  });
});
