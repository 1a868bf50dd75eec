// Short messages that float over the UI: API errors that have no inline place, and confirmations.

/** One message on screen. */
export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

/** The toasts on screen; each leaves after a while or when dismissed. */
export class Toasts {
  items = $state<Toast[]>([]);
  #nextId = 1;

  /** Shows an error (an API error's message) for 10 s. */
  error(message: string): void {
    this.#show('error', message, 10_000);
  }

  /** Shows a confirmation for 4 s. */
  info(message: string): void {
    this.#show('info', message, 4_000);
  }

  /** Removes one toast now. */
  dismiss(id: number): void {
    this.items = this.items.filter((toast) => toast.id !== id);
  }

  #show(kind: Toast['kind'], message: string, lifetimeMs: number): void {
    const id = this.#nextId++;
    // The same error repeated (say, by auto-refresh) should not stack up.
    this.items = [...this.items.filter((toast) => toast.message !== message), { id, kind, message }].slice(-4);
    setTimeout(() => this.dismiss(id), lifetimeMs);
  }
}
