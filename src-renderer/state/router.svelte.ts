// The current screen, kept in the URL's hash so a reload or a shared link reopens it, and so the
// page's query (which carries the browser-mode token) is never touched.

import { parseRoute, routeHash, type Route } from './router-path';

/** The current route, following the hash. */
export class Router {
  route = $state<Route>(parseRoute(window.location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(window.location.hash);
    });
  }

  /** Shows a screen. */
  go(route: Route): void {
    const hash = routeHash(route);
    if (window.location.hash !== hash) window.location.hash = hash;
    this.route = route;
  }
}
