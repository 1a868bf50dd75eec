// Paints a stack chart on a 2D canvas the way flame-draw.ts paints a flame graph: boxes are
// rasterized by hand into an ImageData (one Uint32Array.fill per box on its row's first scanline,
// then the scanline copied down the row), because a software canvas pays about 1.5 µs per fillRect
// and a zoomed-out chart has tens of thousands of boxes. Boxes narrower than a pixel that land on
// a pixel already painted are skipped, so the cost follows the width, not the box count. Labels and
// the hover outline go on top with the canvas API, every coordinate a whole device pixel.

import type { StackChartView } from '../../../src-shared/profile/views';
import { dimmedColor, isDimmedColor } from '../flame-graph/flame-colors';
import { startBoxFrame, type FlameDrawInput } from '../flame-graph/flame-draw';
import { fitLabel } from '../flame-graph/flame-text';
import { firstBoxEndingAfter, type ChartBoxes } from './stack-chart-boxes';
import { depthTop, visibleDepthRange, type ChartLayout } from './stack-chart-window';

/** Everything one draw needs besides the canvas (colours, font and buffer as a flame graph's). */
export interface ChartDrawInput extends Pick<
  FlameDrawInput,
  'devicePixelRatio' | 'colors' | 'kinds' | 'emphasis' | 'chrome' | 'widths' | 'font' | 'buffer'
> {
  view: StackChartView;
  boxes: ChartBoxes;
  layout: ChartLayout;
  /** The box under the pointer (outlined), or -1. */
  hovered: number;
}

/** Labels go in boxes at least this wide (CSS px). */
const minimumLabelWidth = 22;
const labelPadding = 4;

/** Draws the chart; returns how many boxes were painted (sub-pixel boxes on a painted pixel excluded). */
export function drawStackChart(context: CanvasRenderingContext2D, input: ChartDrawInput): number {
  const { view, boxes, layout, devicePixelRatio: ratio, colors, kinds, emphasis } = input;
  const frame = startBoxFrame(context, input, layout);
  if (!frame) return 0;
  const { canvasWidth, canvasHeight, image, pixels, palette, gap, rowPixels, boxHeight } = frame;
  const { start: windowStart, end: windowEnd } = layout.window;
  const scale = canvasWidth / (windowEnd - windowStart);
  const frameOf = view.nodes.frame;
  // Labels: box, left edge, width (device px) and colour index, four numbers each.
  let labels = new Float64Array(1024);
  let labelCount = 0;
  let painted = 0;
  const { first, last } = visibleDepthRange(layout, boxes.maximumDepth);
  for (let depth = first; depth <= last; depth++) {
    const top = Math.round(depthTop(layout, depth) * ratio);
    const scanline = Math.max(0, top);
    if (scanline >= canvasHeight || scanline >= top + boxHeight) continue;
    const base = scanline * canvasWidth;
    const rowEnd = boxes.rowOffset[depth]!;
    let paintedTo = -1;
    for (let box = firstBoxEndingAfter(boxes, depth, windowStart); box < rowEnd; box++) {
      const boxStart = boxes.start[box]!;
      if (boxStart >= windowEnd) break;
      const left = Math.max(0, Math.round((boxStart - windowStart) * scale));
      const right = Math.min(canvasWidth, Math.round((boxes.end[box]! - windowStart) * scale));
      if (right <= paintedTo && left < paintedTo) continue;
      const frame = frameOf[boxes.node[box]!]!;
      let color = colors[frame]!;
      if (emphasis && emphasis[frame] !== 1) color = dimmedColor(kinds[frame]!);
      const fillEnd = Math.max(left + 1, right - (right - left > 2 * gap ? gap : 0));
      pixels.fill(palette.pixels[color]!, base + left, base + Math.min(canvasWidth, fillEnd));
      if (fillEnd < right) pixels.fill(palette.separators[color]!, base + fillEnd, base + right);
      paintedTo = Math.max(paintedTo, fillEnd);
      painted++;
      if ((right - left) / ratio >= minimumLabelWidth) {
        if ((labelCount + 1) * 4 > labels.length) {
          const grown = new Float64Array(labels.length * 2);
          grown.set(labels);
          labels = grown;
        }
        const offset = labelCount++ * 4;
        labels[offset] = box;
        labels[offset + 1] = left;
        labels[offset + 2] = right - left;
        labels[offset + 3] = color;
      }
    }
    const to = Math.min(canvasHeight, top + boxHeight);
    for (let row = scanline + 1; row < to; row++) pixels.copyWithin(row * canvasWidth, base, base + canvasWidth);
  }
  context.putImageData(image, 0, 0);
  drawLabels(context, input, labels, labelCount, rowPixels, gap);
  if (input.hovered >= 0 && input.hovered < boxes.length) outlineBox(context, input, input.hovered, rowPixels, gap);
  return painted;
}

/** The labels collected while painting: dark on bright boxes, faint on dimmed ones. */
function drawLabels(
  context: CanvasRenderingContext2D,
  input: ChartDrawInput,
  labels: Float64Array,
  labelCount: number,
  rowPixels: number,
  gap: number,
): void {
  const { view, boxes, layout, devicePixelRatio: ratio, widths } = input;
  context.font = input.font;
  context.textBaseline = 'middle';
  const padding = labelPadding * ratio;
  for (const dimmed of [false, true]) {
    context.fillStyle = dimmed ? input.chrome.dimmedLabel : input.chrome.label;
    for (let label = 0; label < labelCount; label++) {
      const offset = label * 4;
      if (isDimmedColor(labels[offset + 3]!) !== dimmed) continue;
      const box = labels[offset]!;
      const frame = view.frames[view.nodes.frame[boxes.node[box]!]!]!;
      const text = fitLabel(frame.name, labels[offset + 2]! - 2 * padding, widths);
      if (text === '') continue;
      const depth = view.nodes.depth[boxes.node[box]!]!;
      const top = Math.round(depthTop(layout, depth) * ratio);
      context.fillText(text, labels[offset + 1]! + padding, top + (rowPixels - gap) / 2 + ratio * 0.5);
    }
  }
}

/** Outlines the hovered box, clipped to the canvas. */
function outlineBox(
  context: CanvasRenderingContext2D,
  input: ChartDrawInput,
  box: number,
  rowPixels: number,
  gap: number,
) {
  const { view, boxes, layout, devicePixelRatio: ratio } = input;
  const scale = (layout.width * ratio) / (layout.window.end - layout.window.start);
  const lineWidth = Math.max(1, Math.round(ratio));
  const left = Math.max(-lineWidth, Math.round((boxes.start[box]! - layout.window.start) * scale));
  const right = Math.min(
    Math.round(layout.width * ratio) + lineWidth,
    Math.round((boxes.end[box]! - layout.window.start) * scale),
  );
  const top = Math.round(depthTop(layout, view.nodes.depth[boxes.node[box]!]!) * ratio);
  context.strokeStyle = input.chrome.hover;
  context.lineWidth = lineWidth;
  context.strokeRect(
    left + lineWidth / 2,
    top + lineWidth / 2,
    Math.max(1, right - gap - left - lineWidth),
    rowPixels - gap - lineWidth,
  );
}
