// The Trends view's state: the targets to pick from, and the trend of the target and metric asked
// for last, or the engine's error.

import type { ApiValue } from '../../../src-shared/api/contract';
import type { TrendTarget } from '../../../src-shared/model/trend-target';
import type { ApiClient } from '../../api/client';

/** Targets, and one target's trend in one metric. */
export class TrendsState {
  targets = $state.raw<TrendTarget[] | null>(null);
  targetsError = $state<string | null>(null);
  trend = $state.raw<ApiValue<'getTrend'> | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  #client: ApiClient;

  constructor(client: ApiClient) {
    this.#client = client;
  }

  /** Reads the targets (again, after sessions changed). */
  async loadTargets(): Promise<void> {
    const result = await this.#client.api.listTrendTargets({});
    if (result.ok) {
      this.targets = result.value;
      this.targetsError = null;
    } else this.targetsError = result.error.message;
  }

  /**
   * Reads `target`'s trend in `metric`: a run metric, or NAME=REGEX for a number read from each
   * session's output (the CLI's --metric NAME=REGEX). Returns the function that drops its answer: the view calls it
   * when the route changes, so a slow answer never replaces a newer one.
   */
  show(target: string, metric: string): () => void {
    let current = true;
    this.loading = true;
    this.error = null;
    const printed = outputMetric(metric);
    const params = printed
      ? { target, metric: `output:${printed.name}`, pattern: printed.pattern }
      : { target, metric };
    void this.#client.api.getTrend(params).then((result) => {
      if (!current) return;
      this.loading = false;
      this.trend = result.ok ? result.value : null;
      this.error = result.ok ? null : result.error.message;
    });
    return () => {
      current = false;
    };
  }

  /** Forgets the trend shown (no target chosen). */
  clear(): void {
    this.trend = null;
    this.error = null;
    this.loading = false;
  }
}

/** NAME and REGEX of a metric written NAME=REGEX (the engine checks both); null for a run metric's name. */
export function outputMetric(metric: string): { name: string; pattern: string } | null {
  const equals = metric.indexOf('=');
  return equals < 0 ? null : { name: metric.slice(0, equals).trim(), pattern: metric.slice(equals + 1) };
}
