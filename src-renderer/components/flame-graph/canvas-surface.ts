// The canvas plumbing the flame graph and the stack chart share: a canvas sized to its CSS box at
// the device's pixel ratio, its 2D context, the label font and that font's character widths
// (measured again only when the ratio changes), and an attachment reporting an element's size.
// Needs the DOM; the drawing itself (flame-draw.ts, stack-chart-draw.ts) does not.

import { CharacterWidths } from './flame-text';

/** The labels' font family: a UI sans that every platform has one of. */
const labelFontFamily =
  "Inter, 'Segoe UI', -apple-system, BlinkMacSystemFont, 'Helvetica Neue', 'Liberation Sans', Arial, sans-serif";

/** What one draw gets from the surface. */
export interface PreparedCanvas {
  context: CanvasRenderingContext2D;
  /** Device pixels per CSS pixel. */
  ratio: number;
  /** The label font in device px. */
  font: string;
  widths: CharacterWidths;
}

/** One canvas's drawing surface, kept across draws. */
export class CanvasSurface {
  #widths: CharacterWidths | null = null;
  #widthsRatio = 0;

  /** Sizes `canvas` to `width` × `height` CSS px at the device's ratio; null when it cannot draw. */
  prepare(canvas: HTMLCanvasElement, width: number, height: number): PreparedCanvas | null {
    const ratio = window.devicePixelRatio || 1;
    const deviceWidth = Math.round(width * ratio);
    const deviceHeight = Math.round(height * ratio);
    if (canvas.width !== deviceWidth || canvas.height !== deviceHeight) {
      canvas.width = deviceWidth;
      canvas.height = deviceHeight;
    }
    const context = canvas.getContext('2d', { alpha: false });
    if (!context) return null;
    const font = `${11 * ratio}px ${labelFontFamily}`;
    if (!this.#widths || this.#widthsRatio !== ratio) {
      context.font = font;
      this.#widths = new CharacterWidths((text) => context.measureText(text).width);
      this.#widthsRatio = ratio;
    }
    return { context, ratio, font, widths: this.#widths };
  }
}

/** An attachment (`{@attach}`) that tells `onSize` the element's size now and on every resize. */
export function observeSize(onSize: (width: number, height: number) => void): (node: HTMLElement) => () => void {
  return (node) => {
    const observer = new ResizeObserver(() => onSize(node.clientWidth, node.clientHeight));
    observer.observe(node);
    return () => observer.disconnect();
  };
}
