// Which screen is shown, as a URL hash ("#/session/12"): parsed and written here, purely, so the
// Router class and the tests share it.

import type { SessionId } from '../../src-shared/units';

/** A screen of the app. */
export type Route = { screen: 'new' } | { screen: 'sessions' } | { screen: 'session'; sessionId: SessionId };

/** Parses a location hash ("#/session/12") into a route; anything unknown is the new-recording screen. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'sessions') return { screen: 'sessions' };
  if (parts[0] === 'session' && /^\d+$/.test(parts[1] ?? '')) return { screen: 'session', sessionId: Number(parts[1]) };
  return { screen: 'new' };
}

/** The hash for a route. */
export function routeHash(route: Route): string {
  return route.screen === 'session' ? `#/session/${route.sessionId}` : `#/${route.screen}`;
}
