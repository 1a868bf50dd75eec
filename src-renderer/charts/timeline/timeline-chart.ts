// The timeline chart: stacked panels on one time axis, drawn on two canvases (see timeline-paint),
// with legends as buttons and an HTML readout. It owns the zoom window and the pointer: the wheel
// zooms around the pointer (shift or a sideways wheel pans), dragging in a panel brushes a range,
// the slider moves and resizes the window, a double-click shows everything, and the keyboard does
// the same (+ and - zoom, arrows pan, 0 resets, Escape clears the range). Every change of window repaints at once, then
// tells the owner, which may fetch finer data for it.

import type { Milliseconds } from '../../../src-shared/units';
import type { Readout } from '../readout';
import { renderReadout } from '../readout-dom';
import { observeTheme } from '../theme-palette';
import type { ChartKey } from './timeline-data';
import { chartWheel, interactiveCanvas, placeTooltip, pointIn, scaledContext, sizeCanvas } from './canvas';
import { timelineLayout, type Rectangle, type TimelineLayout } from './layout';
import { buildLegends, legendKey } from './timeline-legends';
import { paintBase, paintOverlay } from './timeline-paint';
import { axisScales, type TimelineScene, type TimeWindow } from './timeline-scene';
import type { ValueScale } from './ticks';
import { clampWindow, minimumSpan, windowForKey, windowForWheel } from './time-window';

/** What the chart tells its owner. */
export interface TimelineChartHandlers {
  /** The user moved the window (null: the whole session); the chart has already repainted it. */
  windowChanged(window: TimeWindow | null): void;
  /** The user brushed a range (times since the start). */
  rangeBrushed(range: TimeWindow): void;
  /** The user pressed Escape on the chart: the brushed range goes. */
  selectionCleared(): void;
  /** The user turned a series on or off in a legend. */
  legendToggled(key: ChartKey, shown: boolean): void;
  /** The hover readout for a time since the start; null when there is nothing to read there. */
  readout(time: Milliseconds): Readout | null;
}

/** What is drawn before the first scene: the panels, titles and axes, without data. */
const emptyScene: TimelineScene = {
  columns: { times: [], values: {} },
  origin: 0,
  xMax: 1_000,
  present: new Set(),
  hidden: new Set(),
  markers: [],
  selection: null,
  fewPoints: false,
};

/** A brush narrower than this many pixels is a click, not a range. */
const minimumBrushPixels = 3;
/** How near (pixels) to a slider edge the pointer grabs that edge. */
const handleReach = 6;

type Drag =
  | { kind: 'brush'; anchor: Milliseconds; current: Milliseconds }
  | { kind: 'pan'; grabbedAt: number; window: TimeWindow }
  | { kind: 'edge'; edge: 'from' | 'to' };

/** One timeline chart in a host element (positioned; the chart fills it). */
export class TimelineChart {
  readonly #host: HTMLElement;
  readonly #handlers: TimelineChartHandlers;
  readonly #base: HTMLCanvasElement;
  readonly #overlay: HTMLCanvasElement;
  readonly #legends: HTMLDivElement;
  readonly #tooltip: HTMLDivElement;
  #scene: TimelineScene | null = null;
  #scales: ValueScale[] = [];
  #layout: TimelineLayout;
  #window: TimeWindow | null = null;
  #hover: Milliseconds | null = null;
  #drag: Drag | null = null;
  /** Where the pointer rests over the chart (CSS pixels), while it does. */
  #hoverPoint: { x: number; y: number } | null = null;
  #readoutFrame = 0;
  #legendKey = '';
  /** The overlay holds nothing drawn (no hover line, no dragged range): repainting it can wait. */
  #overlayClear = true;
  readonly #listeners = new AbortController();
  readonly #stopObservingTheme: () => void;

  constructor(host: HTMLElement, handlers: TimelineChartHandlers) {
    this.#host = host;
    this.#handlers = handlers;
    this.#layout = timelineLayout(host.clientWidth, host.clientHeight);
    this.#base = this.#canvas('timeline-base');
    this.#overlay = interactiveCanvas(
      'timeline-overlay',
      'Resource timeline. Drag to select a range (Escape clears it); Ctrl+wheel, + and - zoom; arrow keys and a sideways wheel pan; 0 or double-click shows everything.',
    );
    this.#legends = document.createElement('div');
    this.#legends.className = 'timeline-legends';
    this.#tooltip = document.createElement('div');
    this.#tooltip.className = 'timeline-tooltip';
    this.#tooltip.hidden = true;
    host.append(this.#base, this.#overlay, this.#legends, this.#tooltip);
    this.#listen();
    // The empty panels are drawn now, while the data is on its way: the canvas's memory, the fonts
    // and the code are ready when it arrives, so the data's own draw is short.
    this.#scales = axisScales(emptyScene);
    this.#paint();
    // The chrome's colours come from the theme: a switch repaints with the new ones.
    this.#stopObservingTheme = observeTheme(() => this.#paint());
  }

  /** The window shown, or null when the whole session is. */
  get window(): TimeWindow | null {
    return this.#window;
  }

  /** Draws a new scene now, keeping the window (clamped to the scene's length). */
  setScene(scene: TimelineScene): void {
    this.#scene = scene;
    this.#scales = axisScales(scene);
    if (this.#window && this.#window.to > scene.xMax) this.#window = clampWindow(this.#window, scene.xMax);
    this.#updateLegends();
    this.#paint();
  }

  /** Shows `window` (null: everything) and tells the owner, as a user's zoom would. */
  showWindow(window: TimeWindow | null): void {
    this.#setWindow(window);
  }

  /** Shows everything without telling the owner (a reload starts from the whole session). */
  resetWindow(): void {
    this.#window = null;
  }

  /** Follows a new host size. */
  resize(): void {
    this.#layout = timelineLayout(this.#host.clientWidth, this.#host.clientHeight);
    this.#updateLegends(true);
    this.#paint();
  }

  /** Removes the chart and its listeners. */
  dispose(): void {
    this.#listeners.abort();
    this.#stopObservingTheme();
    cancelAnimationFrame(this.#readoutFrame);
    this.#base.remove();
    this.#overlay.remove();
    this.#legends.remove();
    this.#tooltip.remove();
  }

  #canvas(className: string): HTMLCanvasElement {
    const canvas = document.createElement('canvas');
    canvas.className = className;
    return canvas;
  }

  /** The window drawn: the zoomed one, or the whole axis. */
  #shown(): TimeWindow {
    return this.#window ?? { from: 0, to: this.#scene?.xMax ?? 1 };
  }

  /** Sizes a canvas for the layout at the screen's pixel ratio (its memory comes with the first draw). */
  #size(canvas: HTMLCanvasElement): void {
    if (sizeCanvas(canvas, this.#layout.width, this.#layout.height) && canvas === this.#overlay)
      this.#overlayClear = true;
  }

  /** A sized canvas's context, scaled to CSS pixels. */
  #context(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
    this.#size(canvas);
    return scaledContext(canvas);
  }

  #paint(): void {
    const scene = this.#scene ?? emptyScene;
    // The overlay takes the pointer, so it has the chart's size even while nothing is drawn on it.
    this.#size(this.#overlay);
    const context = this.#context(this.#base);
    if (!context) return;
    paintBase(context, { scene, layout: this.#layout, scales: this.#scales, window: this.#shown() });
    this.#paintOverlay();
    // A readout under a still pointer follows what changed beneath it (new data, a zoom), in the
    // next frame: measuring the readout forces a layout, which the paint itself need not wait for.
    if (this.#hoverPoint && !this.#drag && !this.#readoutFrame) {
      this.#readoutFrame = requestAnimationFrame(() => {
        this.#readoutFrame = 0;
        if (this.#hoverPoint && !this.#drag) this.#onHover(this.#hoverPoint.x, this.#hoverPoint.y);
      });
    }
  }

  #paintOverlay(): void {
    const brush = this.#drag?.kind === 'brush' ? { from: this.#drag.anchor, to: this.#drag.current } : null;
    // Until the pointer comes, the overlay stays untouched (and costs nothing to draw with).
    if (this.#overlayClear && this.#hover === null && !brush) return;
    const context = this.#context(this.#overlay);
    if (!context) return;
    paintOverlay(context, this.#layout, this.#shown(), this.#hover, brush);
    this.#overlayClear = this.#hover === null && !brush;
  }

  /** Rebuilds the legends when the listed series, their state or the layout changed. */
  #updateLegends(moved = false): void {
    const scene = this.#scene;
    if (!scene) return;
    const key = legendKey(scene);
    if (key === this.#legendKey && !moved) return;
    this.#legendKey = key;
    this.#legends.replaceChildren(...buildLegends(scene, this.#layout, this.#handlers.legendToggled));
  }

  #listen(): void {
    const options = { signal: this.#listeners.signal };
    const target = this.#overlay;
    target.addEventListener('pointerdown', (event) => this.#onPointerDown(event), options);
    target.addEventListener('pointermove', (event) => this.#onPointerMove(event), options);
    target.addEventListener('pointerup', (event) => this.#onPointerUp(event), options);
    target.addEventListener('pointercancel', () => this.#endDrag(), options);
    target.addEventListener('pointerleave', () => this.#onLeave(), options);
    target.addEventListener('dblclick', () => this.#setWindow(null), options);
    target.addEventListener('wheel', (event) => this.#onWheel(event), { ...options, passive: false });
    target.addEventListener('keydown', (event) => this.#onKey(event), options);
  }

  #point(event: MouseEvent): { x: number; y: number } {
    return pointIn(this.#overlay, event);
  }

  /** The plot under a point, or null (the gaps between panels, the margins, the slider). */
  #plotAt(x: number, y: number): Rectangle | null {
    return (
      this.#layout.plots.find(
        (plot) => x >= plot.left && x <= plot.left + plot.width && y >= plot.top && y <= plot.top + plot.height,
      ) ?? null
    );
  }

  #inSlider(x: number, y: number): boolean {
    const slider = this.#layout.slider;
    return (
      x >= slider.left - handleReach &&
      x <= slider.left + slider.width + handleReach &&
      y >= slider.top &&
      y <= slider.top + slider.height
    );
  }

  /** The time since the start under x pixels of the plots (clamped to the window). */
  #timeAt(x: number): Milliseconds {
    const plot = this.#layout.plots[0]!;
    const shown = this.#shown();
    const share = Math.min(1, Math.max(0, (x - plot.left) / plot.width));
    return shown.from + share * (shown.to - shown.from);
  }

  /** The time under x pixels of the slider (the whole session). */
  #sliderTimeAt(x: number): Milliseconds {
    const slider = this.#layout.slider;
    const xMax = this.#scene?.xMax ?? 1;
    return Math.min(1, Math.max(0, (x - slider.left) / slider.width)) * xMax;
  }

  #onPointerDown(event: PointerEvent): void {
    if (event.button !== 0 || !this.#scene) return;
    const { x, y } = this.#point(event);
    if (this.#plotAt(x, y)) {
      const time = this.#timeAt(x);
      this.#drag = { kind: 'brush', anchor: time, current: time };
    } else if (this.#inSlider(x, y)) {
      this.#drag = this.#sliderDrag(x);
    } else {
      return;
    }
    this.#overlay.setPointerCapture(event.pointerId);
    this.#hideReadout();
    this.#paintOverlay();
  }

  /** Grabs a slider edge, or the window (a press outside it first centres the window there). */
  #sliderDrag(x: number): Drag {
    const slider = this.#layout.slider;
    const xMax = this.#scene?.xMax ?? 1;
    const shown = this.#shown();
    const fromX = slider.left + (shown.from / xMax) * slider.width;
    const toX = slider.left + (shown.to / xMax) * slider.width;
    if (Math.abs(x - fromX) <= handleReach && Math.abs(x - fromX) <= Math.abs(x - toX))
      return { kind: 'edge', edge: 'from' };
    if (Math.abs(x - toX) <= handleReach) return { kind: 'edge', edge: 'to' };
    if (x < fromX || x > toX) {
      const span = shown.to - shown.from;
      const centre = this.#sliderTimeAt(x);
      this.#setWindow({ from: centre - span / 2, to: centre + span / 2 });
    }
    return { kind: 'pan', grabbedAt: x, window: this.#shown() };
  }

  #onPointerMove(event: PointerEvent): void {
    const { x, y } = this.#point(event);
    const drag = this.#drag;
    if (!drag) {
      this.#onHover(x, y);
      return;
    }
    if (drag.kind === 'brush') {
      drag.current = this.#timeAt(x);
      this.#paintOverlay();
    } else if (drag.kind === 'pan') {
      const xMax = this.#scene?.xMax ?? 1;
      const shift = ((x - drag.grabbedAt) / this.#layout.slider.width) * xMax;
      this.#setWindow({ from: drag.window.from + shift, to: drag.window.to + shift });
    } else {
      const shown = this.#shown();
      const time = this.#sliderTimeAt(x);
      const next =
        drag.edge === 'from'
          ? { from: Math.min(time, shown.to - minimumSpan), to: shown.to }
          : { from: shown.from, to: Math.max(time, shown.from + minimumSpan) };
      this.#setWindow(next);
    }
  }

  #onPointerUp(event: PointerEvent): void {
    const drag = this.#drag;
    this.#endDrag();
    if (drag?.kind !== 'brush') return;
    const plot = this.#layout.plots[0]!;
    const shown = this.#shown();
    const pixels = (Math.abs(drag.current - drag.anchor) / (shown.to - shown.from)) * plot.width;
    if (pixels >= minimumBrushPixels) {
      this.#handlers.rangeBrushed({
        from: Math.min(drag.anchor, drag.current),
        to: Math.max(drag.anchor, drag.current),
      });
    }
    const { x, y } = this.#point(event);
    this.#onHover(x, y);
  }

  #endDrag(): void {
    this.#drag = null;
    this.#paintOverlay();
  }

  #onHover(x: number, y: number): void {
    this.#hoverPoint = { x, y };
    const inPlot = this.#plotAt(x, y) !== null;
    const onSlider = this.#inSlider(x, y);
    this.#overlay.style.cursor = inPlot ? 'crosshair' : onSlider ? 'ew-resize' : 'default';
    if (!inPlot || !this.#scene) {
      this.#onLeave();
      return;
    }
    this.#hover = this.#timeAt(x);
    this.#paintOverlay();
    const readout = this.#handlers.readout(this.#hover);
    if (!readout) {
      this.#hideReadout();
      return;
    }
    renderReadout(this.#tooltip, readout);
    this.#tooltip.hidden = false;
    placeTooltip(this.#tooltip, x, y, this.#host.clientWidth, this.#layout.height);
  }

  #onLeave(): void {
    this.#hoverPoint = null;
    if (this.#hover !== null) {
      this.#hover = null;
      this.#paintOverlay();
    }
    this.#hideReadout();
  }

  #hideReadout(): void {
    this.#tooltip.hidden = true;
  }

  #onWheel(event: WheelEvent): void {
    const { x, y } = this.#point(event);
    if (!this.#scene || (!this.#plotAt(x, y) && !this.#inSlider(x, y))) return;
    const gesture = chartWheel(event, this.#window !== null);
    if (!gesture) return;
    event.preventDefault();
    this.#setWindow(windowForWheel(this.#shown(), this.#timeAt(x), gesture, this.#layout.plots[0]!.width));
  }

  #onKey(event: KeyboardEvent): void {
    if (!this.#scene || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape') {
      this.#handlers.selectionCleared();
      return;
    }
    const next = windowForKey(event.key, this.#shown());
    if (next === undefined) return;
    event.preventDefault();
    this.#setWindow(next);
  }

  #setWindow(window: TimeWindow | null): void {
    const next = window ? clampWindow(window, this.#scene?.xMax ?? 1) : null;
    const current = this.#window;
    if (next?.from === current?.from && next?.to === current?.to) return;
    this.#window = next;
    this.#paint();
    this.#handlers.windowChanged(next);
  }
}
