// What a desktop notification says about watch events (the Electron main process's `Notification`
// and, in browser mode, the page's Notification API): alerts that fired and anomalies, never an
// alert that cleared (the in-app toast tells that), and nothing while the window has the focus,
// where the toast is already in view. One batch of events makes at most one notification.

import type { WatchEvent } from '../model/watch';
import { describeWatchEvent, watchEventTitle } from './watch';

/** A notification's text. */
export interface WatchNotification {
  title: string;
  body: string;
}

/** True for the events worth interrupting someone for: an alert fired, an anomaly found. */
export function interrupts(event: WatchEvent): boolean {
  return event.kind === 'anomaly' || event.alert.kind === 'fired';
}

/**
 * The notification for a batch of watch events, or null when none is due: the window has the focus,
 * or nothing in the batch fired. Several in one batch name the first and count the rest.
 */
export function watchNotification(events: readonly WatchEvent[], windowFocused: boolean): WatchNotification | null {
  if (windowFocused) return null;
  const due = events.filter(interrupts);
  const first = due[0];
  if (!first) return null;
  const more = due.length - 1;
  const rest =
    more === 0 ? '' : ` And ${more} more alert${more === 1 ? '' : 's'} or anomal${more === 1 ? 'y' : 'ies'}.`;
  return { title: `Thermograph · ${watchEventTitle(first)}`, body: describeWatchEvent(first) + rest };
}
