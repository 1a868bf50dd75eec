// Which screen is shown, as a URL hash ("#/session/12"): parsed and written here, purely, so the
// Router class and the tests share it.

import type { SessionId } from '../../src-shared/units';

/** A screen of the app. */
export type Route =
  | { screen: 'new' }
  | { screen: 'sessions' }
  | { screen: 'session'; sessionId: SessionId }
  /** Two sides compared; a side is what the user typed (an id, a name, a tag, "baseline"), empty when not chosen. */
  | { screen: 'compare'; baseline: string; candidate: string }
  /** A target's trend: the target as getTrend takes it (a session id, usually), and the metric; empty when not chosen. */
  | { screen: 'trends'; target: string; metric: string };

/** A hash part decoded; a malformed escape ("%E0") is kept as typed rather than failing the route. */
function decodePart(part: string | undefined): string {
  if (part === undefined) return '';
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Parses a location hash ("#/session/12") into a route; anything unknown is the new-recording screen. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'sessions') return { screen: 'sessions' };
  if (parts[0] === 'session' && /^\d+$/.test(parts[1] ?? '')) return { screen: 'session', sessionId: Number(parts[1]) };
  // Sides are URL-encoded, so a name holding "/" is one part.
  if (parts[0] === 'compare')
    return { screen: 'compare', baseline: decodePart(parts[1]), candidate: decodePart(parts[2]) };
  if (parts[0] === 'trends') return { screen: 'trends', target: decodePart(parts[1]), metric: decodePart(parts[2]) };
  return { screen: 'new' };
}

/** The hash for a route. */
export function routeHash(route: Route): string {
  if (route.screen === 'session') return `#/session/${route.sessionId}`;
  if (route.screen === 'compare') {
    if (route.baseline === '' && route.candidate === '') return '#/compare';
    return `#/compare/${encodeURIComponent(route.baseline)}/${encodeURIComponent(route.candidate)}`;
  }
  if (route.screen === 'trends') {
    if (route.target === '') return '#/trends';
    return `#/trends/${encodeURIComponent(route.target)}${route.metric ? `/${encodeURIComponent(route.metric)}` : ''}`;
  }
  return `#/${route.screen}`;
}
