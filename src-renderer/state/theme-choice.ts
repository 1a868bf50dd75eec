// Which theme to show: the user's choice when they made one, else the system's (prefers-color-scheme).
// Pure, so the rules are unit-tested without a browser.

/** A theme the page can be drawn in (the value of `data-theme` on <html>). */
export type ThemeName = 'dark' | 'light';
/** What the user chose: a theme, or to follow the system. */
export type ThemeChoice = ThemeName | 'system';

/** The choices in the order the switch cycles through them. */
export const themeChoices: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** Reads a stored choice; anything unknown (an old or edited value) means follow the system. */
export function parseThemeChoice(stored: string | null | undefined): ThemeChoice {
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/** The theme to draw: the choice, or the system's preference when the choice is to follow it. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): ThemeName {
  if (choice !== 'system') return choice;
  return systemPrefersDark ? 'dark' : 'light';
}

/** The choice after `choice` in the switch's cycle. */
export function nextThemeChoice(choice: ThemeChoice): ThemeChoice {
  return themeChoices[(themeChoices.indexOf(choice) + 1) % themeChoices.length]!;
}

/** What the switch says it shows, for its label and tooltip. */
export function themeChoiceLabel(choice: ThemeChoice, shown: ThemeName): string {
  return choice === 'system' ? `Theme: system (${shown})` : `Theme: ${choice}`;
}
