// The summary stored with a profile names its heaviest self function, so the sessions list can show
// it without decoding the profile.

import { describe, expect, it } from 'vitest';
import { summarizeProfile, topFunction } from '../../../src-main/analysis/profile-summary';
import { profileFromText } from '../../helpers/profile-text';

describe('top function', () => {
  it('is the frame samples end in most, by weight, not the one on most stacks', () => {
    const profile = profileFromText('main;parse 3\nmain;render;layout 5\nmain;render 1\nmain 1\n');
    expect(topFunction(profile)).toMatchObject({ name: 'layout', selfWeight: 5, selfShare: 0.5 });
    expect(summarizeProfile(profile).topFunction?.name).toBe('layout');
  });

  it('is null for a profile without weight', () => {
    expect(topFunction(profileFromText(''))).toBeNull();
  });
});
