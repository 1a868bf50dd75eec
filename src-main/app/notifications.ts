// System notifications of the desktop app: an alert that fired or an anomaly found while the window
// is not focused (src-shared/format/watch-notification.ts decides, and is unit-tested). A click
// brings the window back on the session, where the toast's "Show" brushes the timeline to it.

import { Notification, type BrowserWindow } from 'electron';
import type { ApiEvents } from '../../src-shared/api/contract';
import { watchNotification } from '../../src-shared/format/watch-notification';
import type { Engine } from '../api/engine-types';

/** Shows a notification per batch of watch events that calls for one; returns the unsubscribe function. */
export function notifyWatchEvents(engine: Engine, window: () => BrowserWindow | null): () => void {
  // Held until closed: a notification the garbage collector takes loses its click handler.
  const shown = new Set<Notification>();
  return engine.subscribe((event, payload) => {
    if (event !== 'watchDidFind' || !Notification.isSupported()) return;
    const target = window();
    const focused = target !== null && !target.isDestroyed() && target.isFocused();
    const { sessionId, events } = payload as ApiEvents['watchDidFind'];
    const text = watchNotification(events, focused);
    if (!text) return;
    const notification = new Notification({ title: text.title, body: text.body });
    shown.add(notification);
    notification.on('close', () => shown.delete(notification));
    notification.on('click', () => {
      shown.delete(notification);
      const current = window();
      if (!current || current.isDestroyed()) return;
      if (current.isMinimized()) current.restore();
      current.focus();
      // The route is the page's hash (src-renderer/state/router-path.ts); the id is a number, never text.
      void current.webContents
        .executeJavaScript(`location.hash = ${JSON.stringify(`#/session/${Number(sessionId)}`)}`)
        .catch(() => undefined);
    });
    notification.show();
  });
}
