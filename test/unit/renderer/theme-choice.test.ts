// The theme rules: a stored choice wins, otherwise the system's preference; the switch cycles.
import { describe, expect, it } from 'vitest';
import {
  nextThemeChoice,
  parseThemeChoice,
  resolveTheme,
  themeChoiceLabel,
} from '../../../src-renderer/state/theme-choice';

describe('theme choice', () => {
  it('reads only the values it wrote; anything else follows the system', () => {
    expect(parseThemeChoice('light')).toBe('light');
    expect(parseThemeChoice('dark')).toBe('dark');
    expect(parseThemeChoice(null)).toBe('system');
    expect(parseThemeChoice('solarized')).toBe('system');
  });

  it('follows prefers-color-scheme until the user chooses', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('cycles system, light, dark and back, and says what it shows', () => {
    expect([nextThemeChoice('system'), nextThemeChoice('light'), nextThemeChoice('dark')]).toEqual([
      'light',
      'dark',
      'system',
    ]);
    expect(themeChoiceLabel('system', 'light')).toBe('Theme: system (light)');
    expect(themeChoiceLabel('dark', 'dark')).toBe('Theme: dark');
  });
});
