// The heights the user gave the session view's panes, remembered in localStorage: a preference of
// the user, the same for every session. A pane without a stored height takes its natural one
// (the timeline's readable height, the flame graph's depth). Storage that is missing or refuses
// (an exported report opened from disk) leaves the sizes for this page only.

import { parseStoredSizes } from './pane-size';

const storageKey = 'thermograph.paneSizes';

function load(): Record<string, number> {
  try {
    return parseStoredSizes(globalThis.localStorage?.getItem(storageKey) ?? null);
  } catch {
    return {};
  }
}

/** Remembered pane heights by pane name. */
class PaneSizes {
  #sizes = $state<Record<string, number>>(load());

  /** The pane's remembered height, or null for its natural height. */
  get(pane: string): number | null {
    return this.#sizes[pane] ?? null;
  }

  /** Remembers a pane's height; null forgets it (back to the natural height). */
  set(pane: string, size: number | null): void {
    const next = { ...this.#sizes };
    if (size === null) delete next[pane];
    else next[pane] = size;
    this.#sizes = next;
    try {
      globalThis.localStorage?.setItem(storageKey, JSON.stringify(next));
    } catch {
      // Not remembered; the size still applies to this page.
    }
  }
}

/** The one pane-size store of this window. */
export const paneSizes = new PaneSizes();
