// WCAG 2.x contrast between two colours, for tests that check text stays readable in both themes:
// parses the colours a browser's getComputedStyle returns (`rgb(…)`, `rgba(…)`) and hex, and composes
// a translucent colour over the one behind it, as the page does, before measuring.
// https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio and #dfn-relative-luminance

/** A colour's channels, 0–255, and its opacity, 0–1. */
export interface Colour {
  red: number;
  green: number;
  blue: number;
  alpha: number;
}

/** Reads `rgb(r, g, b)`, `rgba(r, g, b, a)`, the space-separated `rgb(r g b / a)`, `#rgb` or `#rrggbb`. */
export function parseColour(text: string): Colour {
  const value = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value);
  if (hex) {
    const digits = hex[1]!.length === 3 ? [...hex[1]!].map((digit) => digit + digit).join('') : hex[1]!;
    const channel = (index: number) => parseInt(digits.slice(index * 2, index * 2 + 2), 16);
    return { red: channel(0), green: channel(1), blue: channel(2), alpha: 1 };
  }
  const functional = /^rgba?\(([^)]*)\)$/.exec(value);
  if (functional) {
    const parts = functional[1]!
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    if (parts.length >= 3 && parts.every((part) => Number.isFinite(part))) {
      return { red: parts[0]!, green: parts[1]!, blue: parts[2]!, alpha: parts[3] ?? 1 };
    }
  }
  throw new Error(`"${text}" is not a colour this helper reads: give rgb(), rgba() or #hex`);
}

/** `top` painted over the opaque `bottom` (source-over): what the eye sees. */
export function composite(top: Colour, bottom: Colour): Colour {
  const mix = (upper: number, lower: number) => upper * top.alpha + lower * (1 - top.alpha);
  return {
    red: mix(top.red, bottom.red),
    green: mix(top.green, bottom.green),
    blue: mix(top.blue, bottom.blue),
    alpha: 1,
  };
}

/** WCAG relative luminance of an opaque colour: 0 for black, 1 for white. */
export function relativeLuminance(colour: Colour): number {
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(colour.red) + 0.7152 * linear(colour.green) + 0.0722 * linear(colour.blue);
}

/**
 * The WCAG contrast ratio (1–21) of text in `foreground` on `background`; a translucent foreground is
 * first composed over the background, a translucent background over `behind` (the page's colour).
 */
export function contrastRatio(foreground: string, background: string, behind = '#ffffff'): number {
  const back = composite(parseColour(background), parseColour(behind));
  return colourContrast(composite(parseColour(foreground), back), back);
}

/** The WCAG contrast ratio of two opaque colours. */
export function colourContrast(first: Colour, second: Colour): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a);
  return (lighter! + 0.05) / (darker! + 0.05);
}

/**
 * Text in `foreground` over `layers` of background, innermost first (an element's own background,
 * then its parent's, …), as a page paints them: composed from the first opaque layer in, over white
 * when none is opaque. Returns the ratio and the background the text is read against.
 */
export function textContrast(foreground: string, layers: readonly string[]): { ratio: number; background: Colour } {
  const colours = layers.map(parseColour);
  const opaque = colours.findIndex((colour) => colour.alpha >= 1);
  let background: Colour = opaque >= 0 ? colours[opaque]! : { red: 255, green: 255, blue: 255, alpha: 1 };
  for (const layer of colours.slice(0, opaque >= 0 ? opaque : colours.length).reverse())
    background = composite(layer, background);
  return { ratio: colourContrast(composite(parseColour(foreground), background), background), background };
}
