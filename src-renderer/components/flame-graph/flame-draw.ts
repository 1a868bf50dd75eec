// Paints a flame graph on a 2D canvas. Boxes are rasterized by hand into an ImageData: each box is
// one Uint32Array.fill on the first visible scanline of its row, and each row's scanline is then
// copied down to the row's height. Without a GPU, Skia pays about 1.5 µs per fillRect however it
// is batched (20k one-pixel boxes cost 30 ms), while this costs a few ms whatever the box count.
// Each box's 1-px right gap gets a darker shade of its own colour (calmer than a background line).
// Labels and the hover and keyboard-selection outlines go on top with the canvas API. No per-node objects anywhere, and
// every coordinate is a whole device pixel, so the 1-px gaps stay crisp at any devicePixelRatio.

import type { FlameGraphView } from '../../../src-shared/profile/views';
import { dimmedColor, flamePalettes, hexToPixel, isDimmedColor, rootColor } from './flame-colors';
import type { FlameChrome } from './flame-chrome';
import { depthToY, forEachVisibleNode, visibleDepths, type FlameLayout } from './flame-layout';
import { fitLabel, type CharacterWidths } from './flame-text';

/** Everything one draw needs besides the canvas. */
export interface FlameDrawInput {
  view: FlameGraphView;
  layout: FlameLayout;
  devicePixelRatio: number;
  /** Normal colour index per frame (frameColors). */
  colors: Uint8Array;
  /** Kind index per frame (frameKindIndexes), for the dimmed shade. */
  kinds: Uint8Array;
  /** 1 per frame to keep bright while the rest is dimmed; null when nothing is emphasised. */
  emphasis: Uint8Array | null;
  /** A colour index per node that replaces its frame's (a differential flame graph); null for none. */
  nodeColors: Uint8Array | null;
  /** The node under the pointer (outlined), or -1. */
  hovered: number;
  /** The node the keyboard selected (outlined in the focus colour), or -1. */
  selected: number;
  /** The theme's canvas colours. */
  chrome: FlameChrome;
  /** Character widths in the label font at this devicePixelRatio (device px). */
  widths: CharacterWidths;
  /** The label font at this devicePixelRatio. */
  font: string;
  /** This canvas's pixel buffer. */
  buffer: PixelBuffer;
  /** The root box's label: "all" in a profile's graph, what it stands for elsewhere (a sandwich's half). */
  rootLabel: string;
}

/** Labels are drawn only in boxes at least this wide (CSS px). */
const minimumLabelWidth = 22;
const labelPadding = 4;

/** One canvas's pixel buffer, kept between its draws (each graph owns one: sizes differ). */
export interface PixelBuffer {
  image: ImageData | null;
  pixels: Uint32Array;
}

/** An empty pixel buffer; the first draw sizes it. */
export function createPixelBuffer(): PixelBuffer {
  return { image: null, pixels: new Uint32Array(0) };
}

/** Where a box chart's draw starts: its canvas size, its pixels cleared to the background, its rows' metrics. */
export interface BoxFrame {
  /** Device px. */
  canvasWidth: number;
  canvasHeight: number;
  image: ImageData;
  pixels: Uint32Array;
  palette: (typeof flamePalettes)[keyof typeof flamePalettes];
  /** The gap under and beside each box, the row pitch and a box's height, in device px. */
  gap: number;
  rowPixels: number;
  boxHeight: number;
}

/**
 * Starts a frame of a box chart (the flame graph, the stack chart): the buffer's ImageData made anew
 * only when the canvas size changed, filled with the background; null for an empty canvas.
 */
export function startBoxFrame(
  context: CanvasRenderingContext2D,
  input: Pick<FlameDrawInput, 'devicePixelRatio' | 'buffer' | 'chrome'>,
  layout: { width: number; height: number; rowHeight: number },
): BoxFrame | null {
  const ratio = input.devicePixelRatio;
  const canvasWidth = Math.round(layout.width * ratio);
  const canvasHeight = Math.round(layout.height * ratio);
  if (canvasWidth <= 0 || canvasHeight <= 0) return null;
  context.setTransform(1, 0, 0, 1, 0, 0);
  const buffer = input.buffer;
  if (!buffer.image || buffer.image.width !== canvasWidth || buffer.image.height !== canvasHeight) {
    buffer.image = context.createImageData(canvasWidth, canvasHeight);
    buffer.pixels = new Uint32Array(buffer.image.data.buffer);
  }
  buffer.pixels.fill(hexToPixel(input.chrome.background));
  const gap = Math.max(1, Math.round(ratio));
  const rowPixels = Math.round(layout.rowHeight * ratio);
  return {
    canvasWidth,
    canvasHeight,
    image: buffer.image,
    pixels: buffer.pixels,
    palette: flamePalettes[input.chrome.palette],
    gap,
    rowPixels,
    boxHeight: rowPixels - gap,
  };
}

/** Draws one frame of the graph; returns how many boxes were drawn. */
export function drawFlameGraph(context: CanvasRenderingContext2D, input: FlameDrawInput): number {
  const { view, layout, devicePixelRatio: ratio, colors, kinds, emphasis, hovered } = input;
  const nodes = view.nodes;
  const frame = startBoxFrame(context, input, layout);
  if (!frame) return 0;
  const { canvasWidth, canvasHeight, image, pixels, palette, gap, rowPixels, boxHeight } = frame;
  // Labels: node, left edge and width in device px, colour index; four numbers per label.
  let labels = new Float64Array(1024);
  let labelCount = 0;
  const frameOf = nodes.frame;

  const drawn = forEachVisibleNode(nodes, layout, (node, x, width, depth) => {
    const top = Math.round(depthToY(layout, depth) * ratio);
    const scanline = Math.max(0, top);
    if (scanline >= canvasHeight || scanline >= top + boxHeight) return;
    const left = Math.max(0, Math.round(x * ratio));
    const right = Math.min(canvasWidth, Math.round((x + width) * ratio) - gap);
    const frame = frameOf[node]!;
    let color = frame < 0 ? rootColor : input.nodeColors ? input.nodeColors[node]! : colors[frame]!;
    if (emphasis && frame >= 0 && emphasis[frame] !== 1) color = dimmedColor(kinds[frame]!);
    const base = scanline * canvasWidth;
    const boxEnd = base + Math.max(left + 1, right);
    pixels.fill(palette.pixels[color]!, base + left, boxEnd);
    if (right > left + gap) pixels.fill(palette.separators[color]!, boxEnd, base + Math.min(canvasWidth, right + gap));
    if (width >= minimumLabelWidth) {
      if ((labelCount + 1) * 4 > labels.length) {
        const grown = new Float64Array(labels.length * 2);
        grown.set(labels);
        labels = grown;
      }
      const offset = labelCount * 4;
      labels[offset] = node;
      labels[offset + 1] = left;
      labels[offset + 2] = right - left;
      labels[offset + 3] = color;
      labelCount++;
    }
  });

  // Copy each visible row's first scanline down to the row's height.
  const { first, last } = visibleDepths(layout);
  for (let depth = first; depth <= last; depth++) {
    const top = Math.round(depthToY(layout, depth) * ratio);
    const from = Math.max(0, top);
    const to = Math.min(canvasHeight, top + boxHeight);
    const source = from * canvasWidth;
    for (let row = from + 1; row < to; row++) pixels.copyWithin(row * canvasWidth, source, source + canvasWidth);
  }
  context.putImageData(image, 0, 0);

  drawLabels(context, input, labels, labelCount, rowPixels, gap);
  if (input.selected >= 0 && input.selected < nodes.length) {
    outlineNode(context, input, input.selected, gap, rowPixels, input.chrome.selected, 2);
  }
  if (hovered >= 0 && hovered < nodes.length && hovered !== input.selected) {
    outlineNode(context, input, hovered, gap, rowPixels, input.chrome.hover, 1);
  }
  return drawn;
}

/** Draws the labels collected during the box pass: dark on bright boxes, faint on dimmed ones. */
function drawLabels(
  context: CanvasRenderingContext2D,
  input: FlameDrawInput,
  labels: Float64Array,
  labelCount: number,
  rowPixels: number,
  gap: number,
): void {
  const { view, layout, devicePixelRatio: ratio, widths } = input;
  const nodes = view.nodes;
  context.font = input.font;
  context.textBaseline = 'middle';
  const padding = labelPadding * ratio;
  // One pass per label colour, so the fill style changes three times rather than per label.
  for (const pass of ['bright', 'dimmed', 'root'] as const) {
    context.fillStyle =
      pass === 'bright' ? input.chrome.label : pass === 'dimmed' ? input.chrome.dimmedLabel : input.chrome.rootLabel;
    for (let label = 0; label < labelCount; label++) {
      const offset = label * 4;
      const color = labels[offset + 3]!;
      const labelPass = color === rootColor ? 'root' : isDimmedColor(color) ? 'dimmed' : 'bright';
      if (labelPass !== pass) continue;
      const node = labels[offset]!;
      const frame = nodes.frame[node]!;
      const name = frame < 0 ? input.rootLabel : view.frames[frame]!.name;
      const text = fitLabel(name, labels[offset + 2]! - 2 * padding, widths);
      if (text === '') continue;
      const top = Math.round(depthToY(layout, nodes.depth[node]!) * ratio);
      context.fillText(text, labels[offset + 1]! + padding, top + (rowPixels - gap) / 2 + ratio * 0.5);
    }
  }
}

/** Draws an outline `thickness` CSS px wide around one node, clipped to the canvas. */
function outlineNode(
  context: CanvasRenderingContext2D,
  input: FlameDrawInput,
  node: number,
  gap: number,
  rowPixels: number,
  color: string,
  thickness: number,
): void {
  const { view, layout, devicePixelRatio: ratio } = input;
  const scale = layout.width / (layout.viewEnd - layout.viewStart);
  const left = Math.round((view.nodes.start[node]! - layout.viewStart) * scale * ratio);
  const right = Math.round((view.nodes.start[node]! + view.nodes.total[node]! - layout.viewStart) * scale * ratio);
  const top = Math.round(depthToY(layout, view.nodes.depth[node]!) * ratio);
  const lineWidth = Math.max(1, Math.round(ratio * thickness));
  context.strokeStyle = color;
  context.lineWidth = lineWidth;
  const inset = lineWidth / 2;
  const clippedLeft = Math.max(-lineWidth, left);
  const clippedRight = Math.min(Math.round(layout.width * ratio) + lineWidth, right - gap);
  context.strokeRect(
    clippedLeft + inset,
    top + inset,
    Math.max(1, clippedRight - clippedLeft - lineWidth),
    rowPixels - gap - lineWidth,
  );
}
