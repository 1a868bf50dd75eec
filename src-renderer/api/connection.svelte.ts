// The state of the link to the engine, observed by the banner and by views that reload their data
// after a reconnect (events sent while the link was down are lost, so state must be re-read).

/** How the UI is connected to the engine. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'missing-token';

/** Reactive connection status plus reopen notifications. */
export class ConnectionState {
  status = $state<ConnectionStatus>('connecting');
  /** How many times the link has opened; views re-read their data when it grows past 1. */
  openCount = $state(0);
  /** When the next reconnect attempt happens, for the banner's countdown-free wording. */
  retryAt = $state<number | null>(null);

  /** Records a status change from the transport. */
  update(status: ConnectionStatus, retryAt: number | null = null): void {
    if (status === 'open' && this.status !== 'open') this.openCount++;
    this.status = status;
    this.retryAt = retryAt;
  }
}
