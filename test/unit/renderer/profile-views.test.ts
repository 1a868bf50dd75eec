import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  adjacentView,
  isProfileViewName,
  loadProfileView,
  profileViews,
  saveProfileView,
  viewForKey,
} from '../../../src-renderer/views/session/profile/profile-views';

describe('profile views', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('maps the digit keys to the tabs in order and ignores other keys', () => {
    expect(profileViews.map((view) => viewForKey(String(profileViews.indexOf(view) + 1)))).toEqual(
      profileViews.map((view) => view.name),
    );
    expect(viewForKey('6')).toBeNull();
    expect(viewForKey('0')).toBeNull();
    expect(viewForKey('a')).toBeNull();
    expect(viewForKey('12')).toBeNull();
  });

  it('moves along the tabs with wrap-around', () => {
    expect(adjacentView('flame', 1)).toBe('stack');
    expect(adjacentView('flame', -1)).toBe('sandwich');
    expect(adjacentView('sandwich', 1)).toBe('flame');
  });

  it('remembers the view and falls back to the flame graph on unknown or unreadable storage', () => {
    const stored = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
    });
    expect(loadProfileView()).toBe('flame');
    saveProfileView('bottom-up');
    expect(loadProfileView()).toBe('bottom-up');
    stored.set('thermograph.profile.view', '<script>');
    expect(loadProfileView()).toBe('flame');
    expect(isProfileViewName('tree')).toBe(true);
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    });
    expect(loadProfileView()).toBe('flame');
    expect(() => saveProfileView('tree')).not.toThrow();
  });
});
