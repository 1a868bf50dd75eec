// The current screen, kept in the URL's hash so a reload or a shared link reopens it, and so the
// page's query (which carries the browser-mode token) is never touched.

import { parseRoute, routeHash, type Route } from './router-path';

/** The Compare screen's route. */
export type CompareRoute = Extract<Route, { screen: 'compare' }>;
/** The Trends screen's route. */
export type TrendsRoute = Extract<Route, { screen: 'trends' }>;

/** The current route, following the hash. */
export class Router {
  route = $state<Route>(parseRoute(window.location.hash));
  /** The last pair compared, so the sidebar's Compare returns to it rather than to empty pickers. */
  lastCompare = $state<CompareRoute>({ screen: 'compare', baseline: '', candidate: '' });
  /** The last trend shown, so the sidebar's Trends returns to it. */
  lastTrends = $state<TrendsRoute>({ screen: 'trends', target: '', metric: '' });

  constructor() {
    this.#remember(this.route);
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(window.location.hash);
      this.#remember(this.route);
    });
  }

  /** Shows a screen. */
  go(route: Route): void {
    const hash = routeHash(route);
    if (window.location.hash !== hash) window.location.hash = hash;
    this.route = route;
    this.#remember(route);
  }

  #remember(route: Route): void {
    if (route.screen === 'compare') this.lastCompare = route;
    if (route.screen === 'trends') this.lastTrends = route;
  }
}
