// Whether the sidebar is folded to its icons: automatically in a window narrower than 1100 px, where
// its 220 px are better given to the session's charts, and whenever the user says so (the toggle or
// `[`). A user's choice holds until the window crosses the width again, which starts a new layout.

/** Windows narrower than this fold the sidebar by themselves. */
const narrowQuery = '(max-width: 1099px)';

/** The sidebar's folded state. */
export class SidebarState {
  #narrow = $state(false);
  /** The user's toggle; null follows the window's width. */
  #chosen = $state<boolean | null>(null);
  /** True when the sidebar shows only its icons. */
  readonly collapsed: boolean = $derived(this.#chosen ?? this.#narrow);

  constructor() {
    const query = globalThis.matchMedia?.(narrowQuery);
    if (!query) return;
    this.#narrow = query.matches;
    // Lives as long as the page: there is one sidebar per window.
    query.addEventListener('change', (event) => {
      this.#narrow = event.matches;
      this.#chosen = null;
    });
  }

  /** Folds or unfolds the sidebar. */
  toggle(): void {
    this.#chosen = !this.collapsed;
  }
}
