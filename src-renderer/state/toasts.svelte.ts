// Short messages that float over the UI: API errors that have no inline place, confirmations, and
// alerts and anomalies of the recordings (state/watch-alerts.svelte.ts). Which stay: toast-queue.ts.

import { queueToast, type Toast } from './toast-queue';

export type { Toast } from './toast-queue';

/** The toasts on screen; each leaves after a while or when dismissed. */
export class Toasts {
  items = $state<Toast[]>([]);
  #nextId = 1;

  /** Shows an error (an API error's message) for 10 s. */
  error(message: string): void {
    this.#show({ kind: 'error', message, lifetimeMs: 10_000 });
  }

  /** Shows a confirmation for 4 s. */
  info(message: string): void {
    this.#show({ kind: 'info', message, lifetimeMs: 4_000 });
  }

  /** Shows a titled toast with an optional action, for `lifetimeMs` or (null) until dismissed. */
  notify(toast: Omit<Toast, 'id'>): void {
    this.#show(toast);
  }

  /** Removes one toast now. */
  dismiss(id: number): void {
    this.items = this.items.filter((toast) => toast.id !== id);
  }

  #show(toast: Omit<Toast, 'id'>): void {
    const id = this.#nextId++;
    this.items = queueToast(this.items, { ...toast, id });
    if (toast.lifetimeMs !== null) setTimeout(() => this.dismiss(id), toast.lifetimeMs);
  }
}
