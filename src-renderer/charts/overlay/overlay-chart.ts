// The timeline overlay chart: two sessions' timelines on one time axis from 0, stacked panels on
// two canvases (the base, and the hover line above it) with an HTML readout of both sides' values.
// The wheel zooms around the pointer (shift or a sideways wheel pans), a double-click shows
// everything, and the keyboard does the same (+ and - zoom, arrows pan, 0 resets). It reuses the
// session timeline's layout, scales, painters and zoom arithmetic; it has no slider or brush.

import type { Milliseconds } from '../../../src-shared/units';
import { chartWheel, interactiveCanvas, placeTooltip, pointIn, scaledContext, sizeCanvas } from '../timeline/canvas';
import { stackedLayout, type TimelineLayout } from '../timeline/layout';
import { observeTheme } from '../theme-palette';
import type { ValueScale } from '../timeline/ticks';
import { paintOverlay } from '../timeline/timeline-paint';
import type { TimeWindow } from '../timeline/timeline-scene';
import { clampWindow, windowForKey, windowForWheel } from '../timeline/time-window';
import { overlayLength, panelScale, presentPanels, type OverlayPanelSpec } from './overlay-data';
import { buildOverlayReadout } from './overlay-readout';
import { renderOverlayReadout } from './render-overlay-readout';
import { paintOverlayBase, type OverlayPaintResult, type PaintedSide } from './overlay-paint';

/** What the chart draws: both sides, baseline first, each with the label its readout shows. */
export interface OverlayChartData {
  sides: readonly (PaintedSide & { label: string })[];
}

/** The panels a chart of this data stacks: the owner sizes the host (and lays out beside it) by them. */
export function overlayChartPanels(data: OverlayChartData): OverlayPanelSpec[] {
  return presentPanels(data.sides.map((side) => side.columns));
}

/** One overlay chart in a positioned host element, which it fills. */
export class OverlayChart {
  readonly #host: HTMLElement;
  readonly #drawn: (result: OverlayPaintResult) => void;
  readonly #base: HTMLCanvasElement;
  readonly #overlay: HTMLCanvasElement;
  readonly #tooltip: HTMLDivElement;
  readonly #listeners = new AbortController();
  readonly #stopObservingTheme: () => void;
  #data: OverlayChartData = { sides: [] };
  #panels: OverlayPanelSpec[] = [];
  #scales: ValueScale[] = [];
  #layout: TimelineLayout;
  #window: TimeWindow | null = null;
  #hover: Milliseconds | null = null;
  /** Where the pointer rests over the chart (CSS pixels), while it does. */
  #pointer: { x: number; y: number } | null = null;

  /** `drawn` hears what each draw put on the canvas (the view exposes it as data attributes). */
  constructor(host: HTMLElement, drawn: (result: OverlayPaintResult) => void) {
    this.#host = host;
    this.#drawn = drawn;
    this.#layout = this.#newLayout();
    this.#base = document.createElement('canvas');
    this.#overlay = interactiveCanvas(
      'overlay-pointer',
      'Both timelines overlaid from their starts. Hover for both values; Ctrl+wheel, + and - zoom; arrow keys and a sideways wheel pan; 0 or double-click shows everything.',
    );
    this.#tooltip = document.createElement('div');
    this.#tooltip.className = 'overlay-tooltip';
    this.#tooltip.hidden = true;
    host.append(this.#base, this.#overlay, this.#tooltip);
    this.#listen();
    // The chrome's colours come from the theme: a switch repaints with the new ones.
    this.#stopObservingTheme = observeTheme(() => this.#paint());
  }

  /** Draws new data from its start. */
  setData(data: OverlayChartData): void {
    this.#data = data;
    this.#panels = overlayChartPanels(data);
    const columns = data.sides.map((side) => side.columns);
    this.#scales = this.#panels.map((panel) => panelScale(panel, columns));
    this.#window = null;
    this.#layout = this.#newLayout();
    this.#paint();
  }

  /** Follows a new host size. */
  resize(): void {
    this.#layout = this.#newLayout();
    this.#paint();
  }

  /** Removes the chart and its listeners. */
  dispose(): void {
    this.#listeners.abort();
    this.#stopObservingTheme();
    this.#base.remove();
    this.#overlay.remove();
    this.#tooltip.remove();
  }

  #newLayout(): TimelineLayout {
    return stackedLayout(this.#host.clientWidth, this.#host.clientHeight, {
      panels: Math.max(1, this.#panels.length),
      slider: false,
    });
  }

  #length(): Milliseconds {
    return overlayLength(this.#data.sides.map((side) => side.columns));
  }

  #shown(): TimeWindow {
    return this.#window ?? { from: 0, to: this.#length() };
  }

  #context(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
    sizeCanvas(canvas, this.#layout.width, this.#layout.height);
    return scaledContext(canvas);
  }

  #paint(): void {
    const context = this.#context(this.#base);
    if (!context) return;
    const result = paintOverlayBase(context, {
      layout: this.#layout,
      window: this.#shown(),
      panels: this.#panels,
      scales: this.#scales,
      sides: this.#data.sides,
    });
    this.#paintHover();
    this.#drawn(result);
  }

  #paintHover(): void {
    const context = this.#context(this.#overlay);
    if (context) paintOverlay(context, this.#layout, this.#shown(), this.#hover, null);
  }

  #listen(): void {
    const options = { signal: this.#listeners.signal };
    const target = this.#overlay;
    target.addEventListener('pointermove', (event) => this.#hoverAt(this.#point(event)), options);
    target.addEventListener('pointerleave', () => this.#onLeave(), options);
    target.addEventListener('dblclick', () => this.#setWindow(null), options);
    target.addEventListener('wheel', (event) => this.#onWheel(event), { ...options, passive: false });
    target.addEventListener('keydown', (event) => this.#onKey(event), options);
  }

  #point(event: MouseEvent): { x: number; y: number } {
    return pointIn(this.#overlay, event);
  }

  #inPlot(x: number, y: number): boolean {
    return this.#layout.plots.some(
      (plot) => x >= plot.left && x <= plot.left + plot.width && y >= plot.top && y <= plot.top + plot.height,
    );
  }

  /** The time since the start under x pixels of the plots (clamped to the window). */
  #timeAt(x: number): Milliseconds {
    const plot = this.#layout.plots[0]!;
    const shown = this.#shown();
    return shown.from + Math.min(1, Math.max(0, (x - plot.left) / plot.width)) * (shown.to - shown.from);
  }

  #hoverAt(pointer: { x: number; y: number }): void {
    const { x, y } = pointer;
    if (!this.#inPlot(x, y) || this.#panels.length === 0) {
      this.#onLeave();
      return;
    }
    this.#pointer = pointer;
    this.#overlay.style.cursor = 'crosshair';
    this.#hover = this.#timeAt(x);
    this.#paintHover();
    renderOverlayReadout(this.#tooltip, buildOverlayReadout(this.#hover, this.#data.sides, this.#panels));
    this.#tooltip.hidden = false;
    placeTooltip(this.#tooltip, x, y, this.#host.clientWidth, this.#layout.height);
  }

  #onLeave(): void {
    this.#pointer = null;
    this.#overlay.style.cursor = 'default';
    this.#tooltip.hidden = true;
    if (this.#hover === null) return;
    this.#hover = null;
    this.#paintHover();
  }

  #onWheel(event: WheelEvent): void {
    const { x, y } = this.#point(event);
    if (!this.#inPlot(x, y)) return;
    const gesture = chartWheel(event, this.#window !== null);
    if (!gesture) return;
    event.preventDefault();
    this.#setWindow(windowForWheel(this.#shown(), this.#timeAt(x), gesture, this.#layout.plots[0]!.width));
  }

  #onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const next = windowForKey(event.key, this.#shown());
    if (next === undefined) return;
    event.preventDefault();
    this.#setWindow(next);
  }

  #setWindow(window: TimeWindow | null): void {
    const next = window ? clampWindow(window, this.#length()) : null;
    if (next?.from === this.#window?.from && next?.to === this.#window?.to) return;
    this.#window = next;
    this.#paint();
    // The readout under a still pointer follows the time now beneath it.
    if (this.#pointer) this.#hoverAt(this.#pointer);
  }
}
