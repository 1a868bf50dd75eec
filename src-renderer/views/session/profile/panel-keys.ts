// What a key typed in the profile panel does, and where the arrows move along its tabs. Which keys
// the panel takes at all (not while the user types in a text box) is the panel's, as it reads the DOM.

import { adjacentView, profileViews, viewForKey, type ProfileViewName } from './profile-views';

/** One of the panel's keyboard actions. */
export type PanelKeyAction =
  | { type: 'view'; view: ProfileViewName }
  | { type: 'search' }
  | { type: 'zoom-out' }
  | { type: 'reset-zoom' }
  | { type: 'orientation' };

/** The action of a key the panel takes: 1–5 a view, / search, Esc zoom out, 0 reset zoom, i flame/icicle. */
export function panelKeyAction(key: string): PanelKeyAction | null {
  const view = viewForKey(key);
  if (view) return { type: 'view', view };
  if (key === '/') return { type: 'search' };
  if (key === 'Escape') return { type: 'zoom-out' };
  if (key === '0') return { type: 'reset-zoom' };
  if (key === 'i') return { type: 'orientation' };
  return null;
}

/** The tab a key moves to on the tab list (arrows, Home, End: the ARIA tabs pattern), or null. */
export function tabKeyView(key: string, current: ProfileViewName): ProfileViewName | null {
  if (key === 'ArrowRight' || key === 'ArrowLeft') return adjacentView(current, key === 'ArrowRight' ? 1 : -1);
  if (key === 'Home') return profileViews[0]!.name;
  if (key === 'End') return profileViews[profileViews.length - 1]!.name;
  return null;
}
