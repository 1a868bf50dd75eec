// The stack chart's data from the engine: the whole range at the chart's width (the base), and when
// zoomed in past its resolution, a finer answer for the visible window and a window either side
// (the detail). Detail requests are debounced and answers older than the latest request dropped;
// the chart keeps drawing what it has meanwhile, so zooming and panning never wait on the engine.
// The last whole-range answer outlives the chart, so switching the panel's tabs back costs nothing.

import type { ProfileKind } from '../../../src-shared/profile/profile';
import type { Transform } from '../../../src-shared/profile/transforms';
import type { ProfileSelection, StackChartView, TimeRange } from '../../../src-shared/profile/views';
import type { ThermographApi } from '../../../src-shared/api/contract';
import { chartBoxes, type ChartBoxes } from './stack-chart-boxes';
import { detailRequest, type TimeWindow } from './stack-chart-window';

/** What the chart shows: the engine's arguments besides the width. */
export interface ChartQuery {
  sessionId: number;
  kind: ProfileKind;
  thread: number | null;
  range: TimeRange | null;
  transforms: readonly Transform[];
}

/** One answer with its boxes laid out. */
export interface ChartData {
  view: StackChartView;
  boxes: ChartBoxes;
}

/** The engine's getStackChart, handed in by the view that shows the chart (charts do not reach for the app). */
export type StackChartSource = ThermographApi['getStackChart'];

/** How long a zoom must rest before the finer data is asked for. */
export const detailDebounceMs = 120;

/**
 * The last whole-range answer, kept when the chart unmounts (the panel's tabs mount one view at a
 * time), so coming back to the stack chart draws at once instead of asking the engine again.
 */
let remembered: { key: string; width: number; data: ChartData } | null = null;

function queryKey(query: ChartQuery): string {
  return JSON.stringify([query.sessionId, query.kind, query.thread, query.range, query.transforms]);
}

/** Loads and holds one chart's data. */
export class StackChartData {
  base = $state.raw<ChartData | null>(null);
  detail = $state.raw<ChartData | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Answers received (base and detail), for tests (a data attribute). */
  loadCount = $state(0);
  /** Counts first answers to new queries (not to resizes): the chart shows the whole range again on each. */
  generation = $state(0);

  #source: StackChartSource;
  #query: ChartQuery | null = null;
  #key = '';
  #width = 0;
  /** The query changed and its first answer has not come yet. */
  #fresh = false;
  #sequence = 0;
  #detailSequence = 0;
  #detailTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(source: StackChartSource) {
    this.#source = source;
  }

  /**
   * Shows a query at a width (CSS px): a new query loads anew; the same one reloads only when the
   * width changed by a fifth or more (a resize). The old picture stays until the answer comes.
   */
  show(query: ChartQuery, width: number): void {
    const key = queryKey(query);
    const resized = Math.abs(width - this.#width) > this.#width / 5;
    if (key === this.#key && !resized) return;
    if (key !== this.#key) {
      // The old picture stays (dimmed while loading) until the new one comes.
      this.detail = null;
      this.error = null;
      this.#fresh = true;
    }
    this.#query = query;
    this.#key = key;
    this.#width = width;
    if (remembered && remembered.key === key && Math.abs(remembered.width - width) <= width / 5) {
      this.#sequence++;
      this.#detailSequence++;
      this.#accept(remembered.data);
      return;
    }
    void this.#loadBase();
  }

  async #loadBase(): Promise<void> {
    const query = this.#query;
    if (!query) return;
    const sequence = ++this.#sequence;
    this.#detailSequence++;
    this.loading = true;
    const result = await this.#ask(query, query.range, this.#width);
    if (sequence !== this.#sequence) return;
    this.loading = false;
    if (!result.ok) {
      this.error = result.error.message;
      return;
    }
    this.error = null;
    const data = { view: result.value, boxes: chartBoxes(result.value) };
    remembered = { key: this.#key, width: this.#width, data };
    this.#accept(data);
  }

  #accept(data: ChartData): void {
    this.loading = false;
    this.base = data;
    this.detail = null;
    this.loadCount++;
    if (this.#fresh) {
      this.#fresh = false;
      this.generation++;
    }
  }

  /** Asks, after a short rest, for data fine enough for `window` at `width` px. */
  wantDetail(window: TimeWindow, width: number): void {
    if (this.#detailTimer) clearTimeout(this.#detailTimer);
    this.#detailTimer = setTimeout(() => {
      this.#detailTimer = null;
      void this.#loadDetail(window, width);
    }, detailDebounceMs);
  }

  async #loadDetail(window: TimeWindow, width: number): Promise<void> {
    const query = this.#query;
    const base = this.base;
    if (!query || !base) return;
    const sequence = ++this.#detailSequence;
    const request = detailRequest(window, width, base.view.range);
    const result = await this.#ask(query, request.range, request.width);
    if (sequence !== this.#detailSequence || !result.ok) return;
    this.detail = { view: result.value, boxes: chartBoxes(result.value) };
    this.loadCount++;
  }

  #ask(query: ChartQuery, range: TimeRange | null, width: number) {
    const selection: ProfileSelection = { kind: query.kind, range, thread: query.thread };
    return this.#source({
      sessionId: query.sessionId,
      selection,
      width: Math.max(1, Math.min(100_000, Math.round(width))),
      ...(query.transforms.length > 0 ? { transforms: [...query.transforms] } : {}),
    });
  }

  /** Drops pending requests; their answers are ignored. */
  dispose(): void {
    if (this.#detailTimer) clearTimeout(this.#detailTimer);
    this.#sequence++;
    this.#detailSequence++;
  }
}
