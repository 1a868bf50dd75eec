// Which toasts stay on screen and for how long (pure, unit-tested): an alert that fired stays until
// the user dismisses it, since they may be away when it fires; everything else leaves by itself; the
// stack never grows past a few, and when it must shrink the toasts that would leave anyway go first.

import type { WatchEvent } from '../../src-shared/model/watch';
import type { Milliseconds } from '../../src-shared/units';

/** What a toast is about; it sets the look and how long it stays. */
export type ToastKind = 'error' | 'info' | 'alert' | 'cleared' | 'anomaly';

/** A button on a toast ("Show": the timeline brushed to the event). */
export interface ToastAction {
  label: string;
  run: () => void;
}

/** One message on screen. */
export interface Toast {
  id: number;
  kind: ToastKind;
  /** A short heading ("Alert: rss>120MB"); none for plain messages. */
  title?: string;
  message: string;
  action?: ToastAction;
  /** How long it stays; null: until dismissed. */
  lifetimeMs: Milliseconds | null;
}

/** The most toasts on screen at once. */
export const toastLimit = 4;

/** How long a toast about a watch event stays: a fired alert until dismissed, the rest 10 s. */
export function watchToastLifetime(event: WatchEvent): Milliseconds | null {
  return event.kind === 'alert' && event.alert.kind === 'fired' ? null : 10_000;
}

/** The toast kind of a watch event. */
export function watchToastKind(event: WatchEvent): ToastKind {
  if (event.kind === 'anomaly') return 'anomaly';
  return event.alert.kind === 'fired' ? 'alert' : 'cleared';
}

/**
 * The stack after `next` arrives: the same message repeated (an error from an auto-refresh) replaces
 * its earlier copy; past `limit`, the oldest toasts that leave by themselves go first, then the oldest.
 */
export function queueToast(items: readonly Toast[], next: Toast, limit = toastLimit): Toast[] {
  const stack = [...items.filter((toast) => toast.message !== next.message), next];
  while (stack.length > limit) {
    const passing = stack.findIndex((toast) => toast.lifetimeMs !== null && toast !== next);
    stack.splice(passing >= 0 ? passing : 0, 1);
  }
  return stack;
}
