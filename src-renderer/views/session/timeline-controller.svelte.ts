// Drives the timeline chart of one session: loads the view, appends live samples (redrawing at
// most once per animation frame), fetches detail for the zoomed window (at once, one request in
// flight), turns a brush into a range summary, and marks `timeline-drawn` after each load or zoom
// has rendered, for the benchmark and the end-to-end tests.

import type { ResourceSample } from '../../../src-shared/model/resource';
import type { SessionSummary } from '../../../src-shared/model/session';
import type { WatchEvent } from '../../../src-shared/model/watch';
import type { Milliseconds } from '../../../src-shared/units';
import type { ApiResult } from '../../../src-shared/api/errors';
import type { TimelineView } from '../../../src-shared/timeline/view';
import type { ApiClient } from '../../api/client';
import { plotMargins } from '../../charts/timeline/layout';
import { TimelineChart } from '../../charts/timeline/timeline-chart';
import type { MarkerLine, TimeWindow } from '../../charts/timeline/timeline-scene';
import { buildReadout } from '../../charts/timeline-readout';
import { seriesByKey } from '../../charts/timeline-panels';
import { markerLines } from './timeline-markers';
import { watchMarks, watchSentencesNear } from './watch-marks';
import { summarizeRange, type RangeSummary } from './range-summary';
import {
  appendSamples,
  columnsFromView,
  decimateColumns,
  emptyColumns,
  lowerBound,
  mergeDetail,
  notePresentSeries,
  sliceColumns,
  type ChartKey,
  upperBound,
  type TimelineColumns,
} from '../../charts/timeline/timeline-data';

/** What the chart area shows instead of (or besides) the chart. */
export type TimelineStatus = 'loading' | 'waiting' | 'ready' | 'empty' | 'error';

type DrawReason = 'load' | 'detail' | 'live' | 'layout';
/** Why `timeline-drawn` was marked: a load, a zoom step drawn, or the zoomed window's detail drawn. */
type MarkReason = 'load' | 'zoom' | 'detail';

const chartKeys = [...seriesByKey.keys()];
/** The most points a view holds, however wide the chart (a 4K screen needs about 7,000). */
const maximumBudget = 20_000;

/** The points budget of a chart this wide: two per pixel column of its plots. */
function budgetFor(chartWidth: number): number {
  return Math.min(maximumBudget, Math.max(200, 2 * (chartWidth - plotMargins)));
}
const drawPriority: Record<DrawReason, number> = { live: 0, layout: 1, detail: 2, load: 3 };
/** Live redraws wait this many times the last draw's cost after it (so drawing takes ≤ 1/10 of a core). */
const liveDrawShare = 10;
/** Up to this many drawn samples, each is marked with a dot. */
const fewPointsLimit = 40;
/** How near (CSS pixels) the pointer must be to an alert's or anomaly's line for the readout to tell it. */
const watchNoteReach = 6;

/** One session's timeline: state for the Svelte component, and the chart it drives. */
export class TimelineController {
  status = $state<TimelineStatus>('loading');
  error = $state<string | null>(null);
  zoomed = $state(false);
  detailLoading = $state(false);
  /** Points currently drawn (after decimation), exposed for tests as a data attribute. */
  drawnPoints = $state(0);
  /** The series drawn (space-separated keys), exposed for tests as a data attribute. */
  drawnSeries = $state('');
  /** Raw samples known: the stored count plus live samples received since. */
  sampleCount = $state(0);
  /** How many times the chart finished drawing after a load or zoom. */
  drawCount = $state(0);
  selection = $state.raw<RangeSummary | null>(null);
  /** The label of the range pointed out on the timeline (a diagnosis), for tests and assistive text. */
  highlighted = $state<string | null>(null);
  /** The time the chart shows, in ms from the session's start: what panels beside it align to. */
  visible = $state.raw<TimeWindow>({ from: 0, to: 1 });

  #client: ApiClient;
  #session: SessionSummary;
  #live: boolean;
  #chart: TimelineChart | null = null;
  #width = 0;
  #height = 0;
  /** Live: every sample received. Saved: the whole session at the pixel budget. */
  #base: TimelineColumns = emptyColumns();
  #baseDecimated = false;
  /** The spans of the session drawn from buckets of older samples (retention), from its start. */
  #downsampled: TimeWindow[] = [];
  /** The buckets' means over those spans, the dashed line through their envelope; null when none. */
  #means: TimelineColumns | null = null;
  #detail: { from: number; to: number; columns: TimelineColumns } | null = null;
  #drawn: TimelineColumns = emptyColumns();
  #window: TimeWindow | null = null;
  #xMax: Milliseconds = 1;
  #markers: MarkerLine[] = [];
  /** Alerts and anomalies of the session (session-watch.svelte.ts keeps them), drawn over the markers. */
  #watchEvents: readonly WatchEvent[] = [];
  #highlight: { from: number; to: number; label: string } | null = null;
  // Read only when building the chart option, never rendered by Svelte: a plain Set is right.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #hidden = new Set<ChartKey>(chartKeys.filter((key) => !seriesByKey.get(key)!.shownByDefault));
  /** Series with at least one value so far: only they are drawn and listed (see buildTimelineOption). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #present = new Set<ChartKey>();
  #frame = 0;
  #frameTimer: ReturnType<typeof setTimeout> | null = null;
  #lastDrawAt = 0;
  #lastDrawCost = 0;
  #frameReason: DrawReason = 'live';
  #loadSequence = 0;
  #detailInFlight = false;
  #detailWanted = false;
  #bufferedSamples: ResourceSample[] | null = [];
  #prefetched: Promise<ApiResult<TimelineView>> | null = null;
  #cleanups: (() => void)[] = [];

  constructor(client: ApiClient, session: SessionSummary) {
    this.#client = client;
    this.#session = session;
    this.#live = session.status === 'recording';
  }

  /** Creates the chart in `host`, subscribes to live samples and loads; returns the teardown. */
  attach(host: HTMLElement): () => void {
    this.#width = host.clientWidth;
    this.#height = host.clientHeight;
    // The view is requested first, so the engine reads and decimates it while the chart is set up.
    void this.#load();
    const chart = new TimelineChart(host, {
      windowChanged: (window) => this.#onZoom(window),
      rangeBrushed: (range) => this.#onBrush(range),
      selectionCleared: () => {
        if (this.selection) this.clearSelection();
      },
      legendToggled: (key, shown) => this.#onLegend(key, shown),
      readout: (x) => {
        const readout = buildReadout(this.#drawn, this.#session.startedAt + x, this.#session.startedAt, {
          present: this.#present,
          hidden: this.#hidden,
        });
        const notes = watchSentencesNear(this.#watchEvents, this.#session.startedAt, x, this.#watchTolerance());
        return readout && notes.length > 0 ? { ...readout, notes } : readout;
      },
    });
    this.#chart = chart;
    const observer = new ResizeObserver(() => this.#onResize(host));
    observer.observe(host);
    this.#cleanups.push(
      () => observer.disconnect(),
      this.#client.on('samplesAvailable', ({ sessionId, samples }) => this.#onSamples(sessionId, samples)),
    );
    return () => {
      for (const cleanup of this.#cleanups) cleanup();
      cancelAnimationFrame(this.#frame);
      if (this.#frameTimer) clearTimeout(this.#frameTimer);
      chart.dispose();
      this.#chart = null;
    };
  }

  /** Takes a newer summary; a recording that ended reloads as a saved session. */
  update(session: SessionSummary): void {
    const ended = this.#live && session.status === 'ended';
    this.#session = session;
    if (ended) {
      this.#live = false;
      void this.#load();
    }
  }

  /**
   * Reloads a recording that streams no samples here (another Thermograph process records it),
   * unless the user zoomed or selected a range, which a reload would throw away.
   */
  refresh(): void {
    if (this.#live && !this.zoomed && !this.selection) void this.#load();
  }

  /** Zooms every panel to the brushed range. */
  zoomToSelection(): void {
    if (!this.selection || !this.#chart) return;
    const origin = this.#session.startedAt;
    this.#chart.showWindow({ from: this.selection.from - origin, to: this.selection.to - origin });
  }

  /** Shows the whole session again. */
  resetZoom(): void {
    this.#chart?.showWindow(null);
  }

  /**
   * Points out a range of the session (epoch milliseconds) with a label, or nothing with null: the
   * diagnosis the user is looking at.
   */
  setHighlight(highlight: { from: number; to: number; label: string } | null): void {
    this.#highlight = highlight;
    this.highlighted = highlight?.label ?? null;
    this.#schedule('layout');
  }

  /** Draws these alerts and anomalies (all of the session's so far) on the timeline. */
  setWatchEvents(events: readonly WatchEvent[]): void {
    this.#watchEvents = events;
    this.#schedule('layout');
  }

  /** The time the pointer may be from a watch event's line for the readout to tell it. */
  #watchTolerance(): Milliseconds {
    const shown = this.#window ?? { from: 0, to: this.#xMax };
    return ((shown.to - shown.from) / Math.max(1, this.#width - plotMargins)) * watchNoteReach;
  }

  /** Selects a range (epoch milliseconds) as a brush would, so the profile follows it. */
  select(from: number, to: number): void {
    const origin = this.#session.startedAt;
    this.#onBrush({ from: from - origin, to: Math.max(to, from + 1) - origin });
  }

  /** Removes the brushed range. */
  clearSelection(): void {
    this.selection = null;
    this.#schedule('layout');
  }

  /** The points budget: two per pixel column of the plot. */
  #budget(): number {
    return budgetFor(this.#width);
  }

  /**
   * Starts reading a saved session's timeline before its chart exists, at the budget of the widest
   * chart the page's main area holds (the chart decimates further to its own width), so the engine
   * reads while the view is built. attach() then draws from this request instead of making its own.
   */
  prefetch(): void {
    if (this.#live || this.#prefetched) return;
    performance.mark('timeline-requested');
    const width = document.querySelector('main')?.clientWidth || document.documentElement.clientWidth;
    this.#prefetched = this.#client.api.getTimeline({ sessionId: this.#session.id, maxPoints: budgetFor(width) });
  }

  async #load(): Promise<void> {
    const sequence = ++this.#loadSequence;
    if (this.#live) this.#bufferedSamples = [];
    const prefetched = this.#live ? null : this.#prefetched;
    this.#prefetched = null;
    if (!prefetched) performance.mark('timeline-requested');
    const result = await (prefetched ??
      this.#client.api.getTimeline({ sessionId: this.#session.id, maxPoints: this.#budget() }));
    performance.mark('timeline-received');
    if (sequence !== this.#loadSequence || !this.#chart) return;
    if (!result.ok) {
      this.status = 'error';
      this.error = result.error.message;
      return;
    }
    const view = result.value;
    this.#base = columnsFromView(view);
    this.#baseDecimated = view.decimated;
    this.#means = view.means
      ? {
          times: Array.from(view.means.times),
          values: Object.fromEntries(
            Object.entries(view.means.series).map(([key, values]) => [key, Array.from(values)]),
          ),
        }
      : null;
    this.#downsampled = (view.downsampled ?? []).map((span) => ({
      from: span.from - this.#session.startedAt,
      to: span.to - this.#session.startedAt,
    }));
    this.sampleCount = view.rawCount;
    if (this.#live && this.#bufferedSamples) this.sampleCount += appendSamples(this.#base, this.#bufferedSamples);
    this.#bufferedSamples = null;
    this.#present.clear();
    notePresentSeries(this.#present, this.#base);
    this.#markers = markerLines(view.markers, this.#session);
    this.#detail = null;
    this.#window = null;
    this.zoomed = false;
    this.selection = null;
    const sessionEnd = Math.max(
      view.sessionTo,
      this.#session.endedAt ?? 0,
      this.#base.times[this.#base.times.length - 1] ?? 0,
    );
    this.#xMax = this.#axisLength(sessionEnd);
    this.status = this.#base.times.length > 0 ? 'ready' : this.#live ? 'waiting' : 'empty';
    // A reload shows the whole session again.
    this.#chart.resetWindow();
    if (this.status === 'ready') this.#draw('load');
  }

  /** At least a second, so a session that lasted a few milliseconds still gets a readable axis. */
  #axisLength(end: number): Milliseconds {
    return Math.max(1_000, end - this.#session.startedAt);
  }

  #onSamples(sessionId: number, samples: ResourceSample[]): void {
    if (sessionId !== this.#session.id || !this.#live) return;
    if (this.#bufferedSamples) {
      this.#bufferedSamples.push(...samples);
      return;
    }
    const before = this.#base.times.length;
    const added = appendSamples(this.#base, samples);
    if (added === 0) return;
    // A metric read for the first time (a heap once the profiler reports it) gets its series.
    notePresentSeries(this.#present, this.#base, before);
    this.sampleCount += added;
    this.#xMax = this.#axisLength(this.#base.times[this.#base.times.length - 1]!);
    if (this.status === 'waiting') this.status = 'ready';
    this.#schedule('live');
  }

  /**
   * Coalesces redraws to one per animation frame. Live redraws are also spaced so that drawing
   * takes at most about a tenth of a core: a profiler's UI must not load the machine it measures.
   */
  #schedule(reason: DrawReason): void {
    // A frame shared by a load or zoom and a live redraw must still produce the load's mark.
    if (!this.#frame || drawPriority[reason] > drawPriority[this.#frameReason]) this.#frameReason = reason;
    if (this.#frame) return;
    const wait = reason === 'live' ? this.#lastDrawAt + liveDrawShare * this.#lastDrawCost - performance.now() : 0;
    const request = () => {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.#draw(this.#frameReason);
      });
    };
    if (wait <= 0) {
      request();
    } else {
      // A placeholder id keeps further samples from scheduling while this one waits.
      this.#frame = -1;
      this.#frameTimer = setTimeout(request, wait);
    }
  }

  /** The columns to draw: the base at the budget, with the zoomed window in full detail. */
  #compose(): TimelineColumns {
    const budget = this.#budget();
    const overview = decimateColumns(this.#base, budget);
    if (!this.#window) return overview;
    const origin = this.#session.startedAt;
    const from = origin + this.#window.from;
    const to = origin + this.#window.to;
    if (this.#live || !this.#baseDecimated)
      return mergeDetail(overview, decimateColumns(sliceColumns(this.#base, from, to), budget), from, to);
    if (!this.#detail) return overview;
    return mergeDetail(overview, this.#detail.columns, this.#detail.from, this.#detail.to);
  }

  #draw(reason: DrawReason): void {
    const chart = this.#chart;
    if (!chart || this.status !== 'ready') return;
    const began = performance.mark('timeline-draw-start').startTime;
    const drawn = this.#compose();
    this.#drawn = drawn;
    this.drawnPoints = drawn.times.length;
    this.drawnSeries = chartKeys.filter((key) => this.#present.has(key)).join(' ');
    this.#noteVisible();
    const origin = this.#session.startedAt;
    const watch = watchMarks(this.#watchEvents, origin, this.#xMax);
    chart.setScene({
      columns: drawn,
      origin,
      xMax: this.#xMax,
      present: this.#present,
      hidden: this.#hidden,
      markers: watch.lines.length > 0 ? [...this.#markers, ...watch.lines] : this.#markers,
      episodes: watch.episodes,
      downsampled: this.#downsampled,
      means: this.#means,
      selection: this.selection ? { from: this.selection.from - origin, to: this.selection.to - origin } : null,
      highlight: this.#highlight
        ? { from: this.#highlight.from - origin, to: this.#highlight.to - origin, label: this.#highlight.label }
        : null,
      fewPoints: drawn.times.length <= fewPointsLimit,
    });
    this.#lastDrawAt = performance.now();
    this.#lastDrawCost = this.#lastDrawAt - began;
    if (reason === 'load' || reason === 'detail') this.#markDrawn(reason);
  }

  #noteVisible(): void {
    const next = this.#window ?? { from: 0, to: this.#xMax };
    if (next.from !== this.visible.from || next.to !== this.visible.to) this.visible = { from: next.from, to: next.to };
  }

  /** Marks `timeline-drawn` (the chart paints synchronously, so its canvas now holds the draw). */
  #markDrawn(reason: MarkReason): void {
    performance.mark('timeline-drawn', { detail: { reason, points: this.drawnPoints } });
    this.drawCount++;
  }

  #onZoom(window: TimeWindow | null): void {
    this.#window = window;
    this.zoomed = window !== null;
    this.#noteVisible();
    // The chart has repainted the new window from the points already drawn: that paint is the zoom
    // step. More detail is composed or fetched only when the window has too few points for its width.
    this.#markDrawn('zoom');
    if (!window || !this.#needsDetail()) return;
    if (this.#live || !this.#baseDecimated) this.#schedule('detail');
    else this.#requestDetail();
  }

  /** True when the zoom window holds fewer drawn points than half the pixel budget while more exist. */
  #needsDetail(): boolean {
    if (!this.#window) return false;
    if (!this.#baseDecimated && this.#base.times.length <= this.#budget()) return false;
    const origin = this.#session.startedAt;
    const inWindow =
      upperBound(this.#drawn.times, origin + this.#window.to) -
      lowerBound(this.#drawn.times, origin + this.#window.from);
    return inWindow < this.#budget() / 2;
  }

  /**
   * Fetches the zoomed window's detail at once, with at most one request in flight: zoom steps that
   * arrive meanwhile are folded into one follow-up request for the latest window.
   */
  #requestDetail(): void {
    if (this.#detailInFlight) {
      this.#detailWanted = true;
      return;
    }
    void this.#fetchDetail();
  }

  async #fetchDetail(): Promise<void> {
    if (!this.#window) return;
    const origin = this.#session.startedAt;
    const from = origin + this.#window.from;
    const to = origin + this.#window.to;
    this.#detailInFlight = true;
    this.detailLoading = true;
    performance.mark('timeline-requested');
    const result = await this.#client.api.getTimeline({
      sessionId: this.#session.id,
      from,
      to,
      maxPoints: this.#budget(),
    });
    performance.mark('timeline-received');
    this.#detailInFlight = false;
    this.detailLoading = false;
    if (!result.ok) {
      this.error = result.error.message;
    } else if (this.#window) {
      // Drawn even when the window moved meanwhile: it is still finer than the overview there.
      this.#detail = { from, to, columns: columnsFromView(result.value) };
      this.#schedule('detail');
    }
    if (this.#detailWanted) {
      this.#detailWanted = false;
      this.#requestDetail();
    }
  }

  #onBrush(range: TimeWindow): void {
    const origin = this.#session.startedAt;
    const from = origin + Math.max(0, range.from);
    const to = origin + Math.min(this.#xMax, range.to);
    if (to - from <= 0) return;
    void this.#summarize(from, to);
  }

  async #summarize(from: number, to: number): Promise<void> {
    const result = await this.#client.api.getStatistics({ sessionId: this.#session.id, from, to });
    if (!result.ok) {
      this.error = result.error.message;
      return;
    }
    this.selection = summarizeRange(result.value, from, to);
    this.#schedule('layout');
  }

  #onLegend(key: ChartKey, shown: boolean): void {
    if (shown) this.#hidden.delete(key);
    else this.#hidden.add(key);
    this.#schedule('layout');
  }

  #onResize(host: HTMLElement): void {
    const width = host.clientWidth;
    const height = host.clientHeight;
    if (width === this.#width && height === this.#height) return;
    this.#width = width;
    this.#height = height;
    this.#chart?.resize();
    // The point budget follows the width: compose again.
    this.#schedule('layout');
  }
}
