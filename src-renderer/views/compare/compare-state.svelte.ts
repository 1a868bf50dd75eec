// The Compare view's state: the last comparison asked for, and its report or the engine's error.
// A comparison answered after a newer one was asked for is dropped, so quick edits never show
// an older pair's report under the newer pair's names.

import type { ComparisonReport } from '../../../src-shared/compare/report';
import type { ApiClient } from '../../api/client';

/** Which pair of sides is compared, and what came back. */
export class CompareState {
  /** The sides of the comparison shown (or in progress); null before the first. */
  sides = $state<{ baseline: string; candidate: string } | null>(null);
  report = $state<ComparisonReport | null>(null);
  /** The engine's message when the comparison failed (an unknown side, say). */
  error = $state<string | null>(null);
  loading = $state(false);
  #client: ApiClient;
  #request = 0;

  constructor(client: ApiClient) {
    this.#client = client;
  }

  /** Compares two sides; a newer call supersedes this one. */
  async compare(baseline: string, candidate: string): Promise<void> {
    const request = ++this.#request;
    this.sides = { baseline, candidate };
    this.loading = true;
    this.error = null;
    const result = await this.#client.api.compareSessions({ baseline, candidate });
    if (request !== this.#request) return;
    this.loading = false;
    if (result.ok) {
      this.report = result.value;
    } else {
      this.report = null;
      this.error = result.error.message;
    }
  }

  /** Forgets the comparison (both sides cleared). */
  clear(): void {
    this.#request++;
    this.sides = null;
    this.report = null;
    this.error = null;
    this.loading = false;
  }
}
