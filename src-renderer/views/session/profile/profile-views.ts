// The profile panel's views, as tabs like speedscope's: which exist, their labels and keys (1–5),
// and the user's last choice, remembered in localStorage as a preference rather than a session's.
// Storage may be missing or refuse (an exported report opened from disk): the choice then lasts
// until the page closes.

/** One view of the profile panel. */
export type ProfileViewName = 'flame' | 'stack' | 'tree' | 'bottom-up' | 'sandwich';

/** The views in tab order; the digit key of each is its position (1-based). */
export const profileViews: readonly { name: ProfileViewName; label: string }[] = [
  { name: 'flame', label: 'Flame graph' },
  { name: 'stack', label: 'Stack chart' },
  { name: 'tree', label: 'Call tree' },
  { name: 'bottom-up', label: 'Bottom-up' },
  { name: 'sandwich', label: 'Sandwich' },
];

const storageKey = 'thermograph.profile.view';

/** True for the name of a profile view. */
export function isProfileViewName(value: unknown): value is ProfileViewName {
  return profileViews.some((view) => view.name === value);
}

/** The view a digit key picks ("1" → the first tab), or null for any other key. */
export function viewForKey(key: string): ProfileViewName | null {
  if (key.length !== 1 || key < '1' || key > '9') return null;
  return profileViews[Number(key) - 1]?.name ?? null;
}

/** The view `step` tabs away from `view`, wrapping around (arrow keys on the tab list). */
export function adjacentView(view: ProfileViewName, step: number): ProfileViewName {
  const index = profileViews.findIndex((candidate) => candidate.name === view);
  const count = profileViews.length;
  return profileViews[(((index + step) % count) + count) % count]!.name;
}

/** The view chosen last, or the flame graph. */
export function loadProfileView(): ProfileViewName {
  try {
    const saved = globalThis.localStorage?.getItem(storageKey);
    return isProfileViewName(saved) ? saved : 'flame';
  } catch {
    return 'flame';
  }
}

/** Remembers the chosen view for the next session opened. */
export function saveProfileView(view: ProfileViewName): void {
  try {
    globalThis.localStorage?.setItem(storageKey, view);
  } catch {
    // Not remembered; the choice still applies to this page.
  }
}
