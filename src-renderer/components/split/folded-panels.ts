// Which panels the user folded (Diagnosis, Output, the thread list's length), remembered in
// localStorage like the pane heights: a preference of the user, the same for every session. Storage
// that is missing or refuses (an exported report opened from disk) keeps the choice for this page only.

const storageKey = 'thermograph.foldedPanels';

/** Reads stored open/closed states back, keeping only boolean entries (the value may be anything). */
export function parseFoldedPanels(text: string | null): Record<string, boolean> {
  if (text === null) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean'),
    );
  } catch {
    return {};
  }
}

function load(): Record<string, boolean> {
  try {
    return parseFoldedPanels(globalThis.localStorage?.getItem(storageKey) ?? null);
  } catch {
    return {};
  }
}

/** Whether the panel is open: what the user last chose, else `fallback`. */
export function panelOpen(panel: string, fallback: boolean): boolean {
  return load()[panel] ?? fallback;
}

/** Remembers whether a panel is open; returns `open` so a toggle reads `open = rememberPanel('x', !open)`. */
export function rememberPanel(panel: string, open: boolean): boolean {
  try {
    globalThis.localStorage?.setItem(storageKey, JSON.stringify({ ...load(), [panel]: open }));
  } catch {
    // Not remembered; the panel still folds on this page.
  }
  return open;
}
