// The light/dark theme: the user's choice remembered in localStorage (a preference of the person, not
// of a session), following prefers-color-scheme while they have not chosen, and written to <html> as
// `data-theme` for app.css's variables and the canvases that read them.

import { nextThemeChoice, parseThemeChoice, resolveTheme, type ThemeChoice, type ThemeName } from './theme-choice';

const storageKey = 'thermograph.theme';

/** The theme shown and the switch that changes it. */
export class Theme {
  choice = $state<ThemeChoice>('system');
  #systemPrefersDark = $state(true);
  /** The theme drawn now. */
  readonly shown: ThemeName = $derived(resolveTheme(this.choice, this.#systemPrefersDark));

  constructor() {
    this.choice = parseThemeChoice(globalThis.localStorage?.getItem(storageKey));
    const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    if (query) {
      this.#systemPrefersDark = query.matches;
      // Lives as long as the page: there is one Theme per window.
      query.addEventListener('change', (event) => (this.#systemPrefersDark = event.matches));
    }
    // Set at once as well, so the first paint (and any canvas drawn in it) has the right theme.
    document.documentElement.dataset.theme = this.shown;
    $effect.root(() => {
      $effect(() => {
        const root = document.documentElement;
        if (root.dataset.theme === this.shown) return;
        // Without transitions for a frame: buttons would otherwise fade from the old theme's colours
        // while everything else has already changed.
        root.classList.add('theme-changing');
        root.dataset.theme = this.shown;
        requestAnimationFrame(() => requestAnimationFrame(() => root.classList.remove('theme-changing')));
      });
    });
  }

  /** Moves the switch to the next choice (system → light → dark) and remembers it. */
  cycle(): void {
    this.choice = nextThemeChoice(this.choice);
    try {
      if (this.choice === 'system') globalThis.localStorage?.removeItem(storageKey);
      else globalThis.localStorage?.setItem(storageKey, this.choice);
    } catch {
      // Storage refused (private mode, quota): the choice holds for this page only.
    }
  }
}
