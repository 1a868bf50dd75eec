// Alerts and anomalies as they happen, wherever the user is in the app: each becomes a toast (its
// title, its sentence and "Show", which opens the session with its timeline brushed to the event)
// and, in browser mode with the user's permission, a notification of the page when it is not in
// view. In the desktop app the main process shows the system notification (src-main/app), so the
// page shows toasts only.

import type { AppInfo } from '../../src-shared/api/contract';
import { describeWatchEvent, watchEventTitle } from '../../src-shared/format/watch';
import { interrupts, watchNotification } from '../../src-shared/format/watch-notification';
import type { WatchEvent } from '../../src-shared/model/watch';
import type { ApiClient } from '../api/client';
import type { Router } from './router.svelte';
import { watchToastKind, watchToastLifetime } from './toast-queue';
import type { Toasts } from './toasts.svelte';

const storageKey = 'thermograph.desktop-notifications';

/** An event the user asked to see; the session view brushes its timeline to it, then clears it. */
export interface WatchFocus {
  sessionId: number;
  event: WatchEvent;
}

/** The app's alert notifications: toasts, the page's desktop notifications, "Show". */
export class WatchAlerts {
  /** The user turned the page's desktop notifications on (browser mode; remembered). */
  desktop = $state(false);
  /** Why desktop notifications are off although asked for (permission refused), for the toggle. */
  desktopProblem = $state<string | null>(null);
  focus = $state.raw<WatchFocus | null>(null);

  #client: ApiClient;
  #toasts: Toasts;
  #router: Router;
  #info: () => AppInfo | null;

  constructor(client: ApiClient, toasts: Toasts, router: Router, info: () => AppInfo | null) {
    this.#client = client;
    this.#toasts = toasts;
    this.#router = router;
    this.#info = info;
    try {
      this.desktop = localStorage.getItem(storageKey) === 'on' && this.#permission() === 'granted';
    } catch {
      // Storage can be unavailable (private windows): notifications start off.
    }
  }

  /** True where the page's own notifications are offered: browser mode, in a browser that has them. */
  get offersDesktop(): boolean {
    return this.#info()?.mode === 'browser' && this.#permission() !== 'unsupported';
  }

  /** Listens for every recording's events; returns the unsubscribe function. */
  start(): () => void {
    return this.#client.on('watchDidFind', ({ sessionId, events }) => this.#found(sessionId, events));
  }

  /** Opens the session and brushes its timeline to the event. */
  show(sessionId: number, event: WatchEvent): void {
    this.focus = { sessionId, event };
    const route = this.#router.route;
    if (route.screen !== 'session' || route.sessionId !== sessionId) this.#router.go({ screen: 'session', sessionId });
  }

  /** Turns desktop notifications on (asking the browser's permission: call it from a click) or off. */
  async setDesktop(on: boolean): Promise<void> {
    this.desktopProblem = null;
    if (on && this.#permission() !== 'granted') {
      const answer = this.#permission() === 'unsupported' ? 'unsupported' : await Notification.requestPermission();
      if (answer !== 'granted') {
        this.desktop = false;
        this.desktopProblem =
          answer === 'denied'
            ? 'The browser blocks notifications from this page: allow them in the site settings (the icon left of the address), then turn this on again. Alerts still show here.'
            : 'The browser gave no permission for notifications. Alerts still show here.';
        return;
      }
    }
    this.desktop = on;
    try {
      localStorage.setItem(storageKey, on ? 'on' : 'off');
    } catch {
      // Remembering is a convenience only.
    }
  }

  #permission(): NotificationPermission | 'unsupported' {
    return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
  }

  #found(sessionId: number, events: WatchEvent[]): void {
    for (const event of events) {
      this.#toasts.notify({
        kind: watchToastKind(event),
        title: watchEventTitle(event),
        message: describeWatchEvent(event),
        action: { label: 'Show', run: () => this.show(sessionId, event) },
        lifetimeMs: watchToastLifetime(event),
      });
    }
    if (!this.desktop || this.#info()?.mode !== 'browser' || this.#permission() !== 'granted') return;
    const text = watchNotification(events, document.visibilityState === 'visible' && document.hasFocus());
    if (!text) return;
    const notification = new Notification(text.title, { body: text.body, tag: `thermograph-watch-${sessionId}` });
    const first = events.find(interrupts)!;
    notification.onclick = () => {
      window.focus();
      this.show(sessionId, first);
    };
  }
}
