// The picker's process list: loads from the engine, refreshes on demand or every few seconds, and
// reports errors instead of clearing what is shown. An engine that cannot be reached is not an
// error of the list: the connection banner says so once, and the list keeps its rows, greyed.

import type { ProcessInfo } from '../../../src-shared/model/process';
import type { ApiClient } from '../../api/client';

/** How often auto-refresh re-reads the list. */
export const autoRefreshMs = 3_000;

/** The process list with its loading state. */
export class ProcessList {
  // Raw: a thousand rows replaced every few seconds do not need deep reactivity.
  processes = $state.raw<ProcessInfo[]>([]);
  loaded = $state(false);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The last refresh could not reach the engine: the rows shown are from before. */
  unreachable = $state(false);
  autoRefresh = $state(true);
  #client: ApiClient;

  constructor(client: ApiClient) {
    this.#client = client;
  }

  /**
   * Re-reads the list; a failure keeps the previous rows and sets `error`, or `unreachable` when
   * the engine could not be reached (a list never read then stays "reading").
   */
  async refresh(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    const result = await this.#client.api.listProcesses({});
    this.loading = false;
    this.unreachable = !result.ok && result.error.code === 'unavailable';
    if (this.unreachable) return;
    this.loaded = true;
    if (result.ok) {
      this.processes = result.value;
      this.error = null;
    } else {
      this.error = result.error.message;
    }
  }
}
