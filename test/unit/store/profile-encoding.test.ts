import { describe, expect, it } from 'vitest';
import { decodeProfile, encodeProfile } from '../../../src-main/store/profile-encoding';
import { foldedSummary, profileFromText } from '../../helpers/profile-text';

describe('profile encoding', () => {
  it('round-trips every table, including strings that look like markup', () => {
    const profile = profileFromText('main;<script>alert(1)</script>;leaf 3\nmain;__proto__ 2\nmain 1', {
      weightUnit: 'milliseconds',
      startTime: 1_700_000_000_000,
    });
    const decoded = decodeProfile(encodeProfile(profile));
    expect(foldedSummary(decoded)).toBe(foldedSummary(profile));
    expect(decoded.startTime).toBe(profile.startTime);
    expect(decoded.durationMs).toBe(profile.durationMs);
    expect([...decoded.samples.time]).toEqual([...profile.samples.time]);
    expect([...decoded.frames.kind]).toEqual([...profile.frames.kind]);
    expect(decoded.threads).toEqual(profile.threads);
  });

  it('decodes from a buffer at an odd offset (as SQLite may hand it over)', () => {
    const encoded = encodeProfile(profileFromText('a;b 5'));
    const shifted = Buffer.alloc(encoded.length + 1);
    encoded.copy(shifted, 1);
    expect(foldedSummary(decodeProfile(shifted.subarray(1)))).toBe('a;b 5');
  });

  it('refuses damaged blobs', () => {
    const encoded = encodeProfile(profileFromText('a;b 5'));
    expect(() => decodeProfile(Buffer.from('nonsense'))).toThrow(/not a Thermograph profile/);
    expect(() => decodeProfile(encoded.subarray(0, encoded.length - 16))).toThrow(/truncated/);
  });
});
