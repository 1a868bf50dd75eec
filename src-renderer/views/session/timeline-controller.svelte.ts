// Drives the timeline chart of one session: loads the view, appends live samples (redrawing at
// most once per animation frame), fetches detail for the zoomed window (at once, one request in
// flight), turns a brush into a range summary, and marks `timeline-drawn` after each load or zoom
// has rendered, for the benchmark and the end-to-end tests.

import type { ResourceSample } from '../../../src-shared/model/resource';
import type { SessionSummary } from '../../../src-shared/model/session';
import type { Milliseconds } from '../../../src-shared/units';
import type { ApiClient } from '../../api/client';
import { echarts, type ChartOption } from '../../charts/echarts';
import { buildReadout } from '../../charts/timeline-readout';
import {
  brushCursorAction,
  buildTimelineOption,
  timelineBrush,
  xAxisUpdate,
  yAxisUpdate,
  type MarkerLine,
} from '../../charts/timeline-option';
import { seriesByKey, timelinePanels } from '../../charts/timeline-panels';
import { markerLines } from './timeline-markers';
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
} from './timeline-data';

/** What the chart area shows instead of (or besides) the chart. */
export type TimelineStatus = 'loading' | 'waiting' | 'ready' | 'empty' | 'error';

type DrawReason = 'load' | 'detail' | 'live' | 'layout';
/** Why `timeline-drawn` was marked: a load, a zoom step drawn, or the zoomed window's detail drawn. */
type MarkReason = 'load' | 'zoom' | 'detail';

interface ZoomPayload {
  start?: number;
  end?: number;
  startValue?: number;
  endValue?: number;
  batch?: ZoomPayload[];
}

const chartKeys = [...seriesByKey.keys()];
const drawPriority: Record<DrawReason, number> = { live: 0, layout: 1, detail: 2, load: 3 };
const plotMargins = 128;
/** Live redraws wait this many times the last draw's cost after it (so drawing takes ≤ 1/10 of a core). */
const liveDrawShare = 10;
/** Up to this many drawn samples, each is marked with a dot. */
const fewPointsLimit = 40;

/** One session's timeline: state for the Svelte component, and the ECharts instance it drives. */
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

  #client: ApiClient;
  #session: SessionSummary;
  #live: boolean;
  #chart: echarts.ECharts | null = null;
  #width = 0;
  #height = 0;
  /** Live: every sample received. Saved: the whole session at the pixel budget. */
  #base: TimelineColumns = emptyColumns();
  #baseDecimated = false;
  #detail: { from: number; to: number; columns: TimelineColumns } | null = null;
  #drawn: TimelineColumns = emptyColumns();
  #window: { from: Milliseconds; to: Milliseconds } | null = null;
  #xMax: Milliseconds = 1;
  #markers: MarkerLine[] = [];
  // Read only when building the chart option, never rendered by Svelte: a plain Set is right.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #hidden = new Set<ChartKey>(chartKeys.filter((key) => !seriesByKey.get(key)!.shownByDefault));
  /** Series with at least one value so far: only they are drawn and listed (see buildTimelineOption). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #present = new Set<ChartKey>();
  #pendingMarks: MarkReason[] = [];
  #fewPoints = false;
  #needsFullOption = true;
  /** The brush took the cursor on the chart's current model, which has not been drawn with data yet. */
  #cursorTaken = false;
  #frame = 0;
  #frameTimer: ReturnType<typeof setTimeout> | null = null;
  #lastDrawAt = 0;
  #lastDrawCost = 0;
  #frameReason: DrawReason = 'live';
  #loadSequence = 0;
  #detailInFlight = false;
  #detailWanted = false;
  #bufferedSamples: ResourceSample[] | null = [];
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
    const chart = echarts.init(host, undefined, { renderer: 'canvas' });
    this.#chart = chart;
    chart.on('finished', () => this.#onFinished());
    chart.on('datazoom', (params) => this.#onZoom(params as ZoomPayload));
    chart.on('brushEnd', (params) => this.#onBrushEnd(params as { areas?: { coordRange?: number[] }[] }));
    chart.on('legendselectchanged', (params) => this.#onLegend(params as { selected: Record<string, boolean> }));
    chart.getZr().on('dblclick', () => this.resetZoom());
    // Dragging selects a range. Taking the cursor updates the whole chart, so it is done now, while
    // the chart is empty, instead of after the first draw of data (which would then be drawn twice).
    chart.setOption({ brush: timelineBrush });
    chart.dispatchAction(brushCursorAction);
    this.#cursorTaken = true;

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
    this.#chart.dispatchAction({
      type: 'dataZoom',
      startValue: this.selection.from - origin,
      endValue: this.selection.to - origin,
    });
  }

  /** Shows the whole session again. */
  resetZoom(): void {
    this.#chart?.dispatchAction({ type: 'dataZoom', start: 0, end: 100 });
  }

  /** Removes the brushed range. */
  clearSelection(): void {
    this.selection = null;
    this.#needsFullOption = true;
    this.#schedule('layout');
  }

  /** The points budget: two per pixel column of the plot. */
  #budget(): number {
    return Math.min(20_000, Math.max(200, 2 * (this.#width - plotMargins)));
  }

  async #load(): Promise<void> {
    const sequence = ++this.#loadSequence;
    if (this.#live) this.#bufferedSamples = [];
    performance.mark('timeline-requested');
    const result = await this.#client.api.getTimeline({ sessionId: this.#session.id, maxPoints: this.#budget() });
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
    this.#needsFullOption = true;
    // A reload replaces the zoom window: draw from scratch so the old one does not linger (a chart
    // that has drawn nothing yet keeps its model, and the cursor its brush took).
    if (!this.#cursorTaken) this.#chart.clear();
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
    if (notePresentSeries(this.#present, this.#base, before)) this.#needsFullOption = true;
    this.sampleCount += added;
    this.#xMax = this.#axisLength(this.#base.times[this.#base.times.length - 1]!);
    if (this.status === 'waiting') {
      this.status = 'ready';
      this.#needsFullOption = true;
    }
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
    const began = performance.now();
    const drawn = this.#compose();
    this.#drawn = drawn;
    const fewPoints = drawn.times.length <= fewPointsLimit;
    if (fewPoints !== this.#fewPoints) {
      this.#fewPoints = fewPoints;
      this.#needsFullOption = true;
    }
    this.drawnPoints = drawn.times.length;
    const origin = this.#session.startedAt;
    const source: Record<string, number[]> = { x: drawn.times.map((time) => time - origin) };
    const drawnKeys = chartKeys.filter((key) => this.#present.has(key));
    this.drawnSeries = drawnKeys.join(' ');
    for (const key of drawnKeys)
      source[key] = drawn.values[key]?.slice() ?? new Array<number>(drawn.times.length).fill(Number.NaN);
    let option: ChartOption = {};
    if (this.#needsFullOption) {
      option = buildTimelineOption({
        height: this.#height,
        xMax: this.#xMax,
        hidden: this.#hidden,
        present: this.#present,
        markers: this.#markers,
        fewPoints,
        selection: this.selection ? { from: this.selection.from - origin, to: this.selection.to - origin } : null,
        readout: (x) => buildReadout(this.#drawn, origin + x, origin, this.#hidden),
      });
    } else if (this.#live) {
      option.xAxis = xAxisUpdate(this.#xMax);
    }
    if (this.#live && this.#window) {
      // The axis grows while recording; pin a zoomed window to its times, not its percentages.
      option.dataZoom = [0, 1].map(() => ({ startValue: this.#window!.from, endValue: this.#window!.to }));
    }
    const intervals = yAxisUpdate((keys) => this.#visibleMaximum(drawn, keys)) as object[];
    option.yAxis = Array.isArray(option.yAxis)
      ? option.yAxis.map((axis, index) => ({ ...axis, ...intervals[index] }))
      : intervals;
    option.dataset = { dimensions: ['x', ...drawnKeys], source };
    if (reason === 'load' || reason === 'detail') this.#pendingMarks.push(reason);
    performance.mark('timeline-option-start');
    chart.setOption(option, { lazyUpdate: false });
    performance.mark('timeline-option-set');
    this.#lastDrawAt = performance.now();
    this.#lastDrawCost = this.#lastDrawAt - began;
    if (this.#needsFullOption) {
      this.#needsFullOption = false;
      // Dragging on the chart selects a range; the wheel zooms; the slider pans. The first full
      // option merges into the model whose brush took the cursor in attach().
      if (this.#cursorTaken) this.#cursorTaken = false;
      else chart.dispatchAction(brushCursorAction);
    }
  }

  /** The largest value of the shown series among `keys` (the whole session: scales stay put while zooming). */
  #visibleMaximum(drawn: TimelineColumns, keys: ChartKey[]): number {
    let maximum = 0;
    for (const key of keys) {
      const column = drawn.values[key];
      if (!column || this.#hidden.has(key)) continue;
      for (const value of column) if (value > maximum) maximum = value;
    }
    return maximum;
  }

  #onFinished(): void {
    if (this.#pendingMarks.length === 0) return;
    for (const reason of this.#pendingMarks)
      performance.mark('timeline-drawn', { detail: { reason, points: this.drawnPoints } });
    this.#pendingMarks = [];
    this.drawCount++;
  }

  #onZoom(params: ZoomPayload): void {
    const payload = params.batch?.[0] ?? params;
    let from: number;
    let to: number;
    if (payload.startValue !== undefined && payload.endValue !== undefined) {
      from = payload.startValue;
      to = payload.endValue;
    } else {
      from = ((payload.start ?? 0) / 100) * this.#xMax;
      to = ((payload.end ?? 100) / 100) * this.#xMax;
    }
    const whole = from <= this.#xMax * 1e-4 && to >= this.#xMax * (1 - 1e-4);
    this.#window = whole ? null : { from, to };
    this.zoomed = !whole;
    // ECharts repaints the new window itself from the points already drawn: that paint is the zoom
    // step. More detail is composed or fetched only when the window has too few points for its width.
    this.#pendingMarks.push('zoom');
    if (whole || !this.#needsDetail()) return;
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

  #onBrushEnd(params: { areas?: { coordRange?: number[] }[] }): void {
    const range = params.areas?.[0]?.coordRange;
    this.#chart?.dispatchAction({ type: 'brush', areas: [] });
    if (!range || range.length < 2) return;
    const origin = this.#session.startedAt;
    const from = origin + Math.max(0, Math.min(range[0]!, range[1]!));
    const to = origin + Math.min(this.#xMax, Math.max(range[0]!, range[1]!));
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
    this.#needsFullOption = true;
    this.#schedule('layout');
  }

  #onLegend(params: { selected: Record<string, boolean> }): void {
    for (const panel of timelinePanels) {
      for (const spec of panel.series) {
        if (params.selected[spec.label] === false) this.#hidden.add(spec.key);
        else if (params.selected[spec.label] === true) this.#hidden.delete(spec.key);
      }
    }
    this.#needsFullOption = true;
    this.#schedule('layout');
  }

  #onResize(host: HTMLElement): void {
    const width = host.clientWidth;
    const height = host.clientHeight;
    if (width === this.#width && height === this.#height) return;
    this.#width = width;
    this.#height = height;
    this.#chart?.resize();
    // Panel heights follow the host's height, so the grids are laid out again.
    this.#needsFullOption = true;
    this.#schedule('layout');
  }
}
