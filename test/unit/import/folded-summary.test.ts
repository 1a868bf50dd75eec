// The test helpers other suites build on: profileFromText and foldedSummary.

import { describe, expect, it } from 'vitest';
import { frameKinds } from '../../../src-shared/profile/profile';
import { foldedSummary, profileFromText } from '../../helpers/profile-text';

describe('profile text helpers', () => {
  it('builds a profile from folded lines and summarises it back, sorted and summed', () => {
    const profile = profileFromText('b;c 2\na;b 1\n\nb;c 3\n', { weightUnit: 'milliseconds' });
    expect(profile.weightUnit).toBe('milliseconds');
    expect([...profile.samples.time]).toEqual([0, 2, 3]);
    expect(foldedSummary(profile)).toBe('a;b 1\nb;c 5');
  });

  it('guesses frame kinds, filters threads, rounds and omits frames', () => {
    const profile = profileFromText('main;app.js 1\nmain;(idle) 0.33333\n');
    expect(frameKinds[profile.frames.kind[1]!]).toBe('js');
    expect(foldedSummary(profile, { decimals: 2 })).toBe('main;(idle) 0.33\nmain;app.js 1');
    expect(foldedSummary(profile, { omitFrames: ['main'] })).toBe('(idle) 0.333\napp.js 1');
    expect(foldedSummary(profile, { thread: 1 })).toBe('');
  });

  it('rejects lines without a weight', () => {
    expect(() => profileFromText('a;b')).toThrow(/bad line "a;b"/);
  });
});
