// Flame graph colours by frame kind: a hue per kind (the legend), and within it one of a dozen
// shades (small hue and lightness steps) picked by a stable hash of the function's name, module or
// file, so one function keeps its colour everywhere and neighbouring boxes stay apart; a dimmed
// shade for boxes that do not match a search. Each theme has its palette of the same hues: mid-light
// pastels on the dark canvas, light tints on the white one, both under dark labels (each reaches
// WCAG's 4.5:1 with the theme's label colour, test/unit/renderer/flame-contrast.test.ts). Colours
// are small integers so the renderer batches one fill per colour, whichever palette it paints with.

import { frameKinds, type FrameKind } from '../../../src-shared/profile/profile';
import type { ViewFrame } from '../../../src-shared/profile/views';

/** A kind's hue (degrees) and legend label; the palettes give its saturation and lightness. */
const kindStyles: Record<FrameKind, { hue: number; label: string }> = {
  js: { hue: 40, label: 'JavaScript' },
  native: { hue: 212, label: 'Native' },
  python: { hue: 150, label: 'Python' },
  kernel: { hue: 8, label: 'Kernel' },
  gc: { hue: 275, label: 'GC' },
  idle: { hue: 220, label: 'Idle' },
  program: { hue: 188, label: 'Program' },
};

/** Which palette the boxes take: the theme's, named by app.css's --flame-palette. */
export type FlamePaletteName = 'dark' | 'light';

/** Saturation and lightness (percent) of one theme's boxes. */
interface PaletteStyle {
  /** The middle shade of each kind. */
  kinds: Record<FrameKind, readonly [saturation: number, lightness: number]>;
  /** A dimmed box: the kind's hue nearly grey, toward the canvas (dark on dark, pale on light). */
  dimmed: readonly [saturation: number, lightness: number];
  /** The root ("all") box, hue included. */
  root: readonly [hue: number, saturation: number, lightness: number];
  /** The diff scale at a strength from 0 (unchanged, grey) to 1 (the largest change). */
  diff: (strength: number) => readonly [saturation: number, lightness: number];
}

const paletteStyles: Record<FlamePaletteName, PaletteStyle> = {
  dark: {
    kinds: {
      js: [72, 60],
      native: [62, 67],
      python: [45, 58],
      kernel: [68, 68],
      gc: [52, 72],
      idle: [10, 58],
      program: [38, 60],
    },
    dimmed: [14, 20],
    root: [220, 12, 34],
    diff: (strength) => [strength === 0 ? 6 : 30 + 45 * strength, 74 - 10 * strength],
  },
  light: {
    kinds: {
      js: [90, 74],
      native: [80, 82],
      python: [52, 74],
      kernel: [85, 82],
      gc: [65, 85],
      idle: [14, 82],
      program: [52, 76],
    },
    dimmed: [16, 95],
    root: [220, 14, 87],
    diff: (strength) => [strength === 0 ? 8 : 45 + 45 * strength, 88 - 16 * strength],
  },
};

/** Shades per kind: hueSteps hues × lightnessSteps lightnesses around the kind's colour. */
const hueSteps = 4;
const lightnessSteps = 3;
const shades = hueSteps * lightnessSteps;
const hueStep = 7;
const lightnessStep = 4.5;

/** The colour index of the root ("all") box. */
export const rootColor = frameKinds.length * (shades + 1);
/** Steps of a differential flame graph on each side of "unchanged" (more saturated: a bigger change). */
const diffSteps = 4;
/** The colour index of an unchanged box in a differential flame graph; shrinking below, growing above. */
const diffNeutral = rootColor + 1 + diffSteps;
/** How many colour indexes exist: kinds × shades, one dimmed per kind, the root, then the diff scale. */
export const colorCount = diffNeutral + diffSteps + 1;

/** An HSL colour (degrees, percent, percent) as 0–255 red, green and blue. */
export function hslToRgb(hue: number, saturation: number, lightness: number): [number, number, number] {
  const s = saturation / 100;
  const l = lightness / 100;
  const chroma = (1 - Math.abs(2 * l - 1)) * s;
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (l - (chroma / 2) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [channel(0), channel(8), channel(4)];
}

/** Every colour index of a palette as HSL, in the order the indexes count. */
function hslTable(style: PaletteStyle): [number, number, number][] {
  const table: [number, number, number][] = [];
  for (const kind of frameKinds) {
    const [saturation, middle] = style.kinds[kind];
    for (let shade = 0; shade < shades; shade++) {
      const hue = kindStyles[kind].hue + ((shade % hueSteps) - (hueSteps - 1) / 2) * hueStep;
      const lightness = middle + (Math.floor(shade / hueSteps) - (lightnessSteps - 1) / 2) * lightnessStep;
      table.push([(hue + 360) % 360, saturation, lightness]);
    }
  }
  for (const kind of frameKinds) table.push([kindStyles[kind].hue, ...style.dimmed]);
  table.push([...style.root]);
  // The diff scale: blue (shrank) through grey to red (grew).
  for (let step = -diffSteps; step <= diffSteps; step++) {
    table.push([step < 0 ? 212 : 4, ...style.diff(Math.abs(step) / diffSteps)]);
  }
  return table;
}

/** An opaque pixel of a little-endian RGBA Uint32Array (ImageData's layout). */
function rgbPixel([red, green, blue]: [number, number, number]): number {
  return (0xff000000 | (blue << 16) | (green << 8) | red) >>> 0;
}

/** One theme's colour indexes as CSS colours and as pixels. */
export interface FlamePalette {
  /** CSS colour of every colour index. */
  readonly css: readonly string[];
  /** Every colour index as a pixel for ImageData. */
  readonly pixels: Uint32Array;
  /**
   * The pixel drawn in the 1-px gap after a box: its own colour a little darker, so boxes read as
   * separate without the harsh line a background-coloured gap makes between light boxes.
   */
  readonly separators: Uint32Array;
}

function palette(style: PaletteStyle): FlamePalette {
  const table = hslTable(style);
  return {
    css: table.map(([hue, saturation, lightness]) => `rgb(${hslToRgb(hue, saturation, lightness).join(' ')})`),
    pixels: Uint32Array.from(table, ([hue, saturation, lightness]) => rgbPixel(hslToRgb(hue, saturation, lightness))),
    separators: Uint32Array.from(table, ([hue, saturation, lightness]) =>
      rgbPixel(hslToRgb(hue, saturation * 0.8, lightness - 13)),
    ),
  };
}

/** The palette of each theme. */
export const flamePalettes: Record<FlamePaletteName, FlamePalette> = {
  dark: palette(paletteStyles.dark),
  light: palette(paletteStyles.light),
};

/**
 * A colour index for HTML (legend swatches): CSS light-dark() picks the palette of the page's
 * color-scheme, which app.css sets with the theme.
 */
export function themedColor(color: number): string {
  return `light-dark(${flamePalettes.light.css[color]!}, ${flamePalettes.dark.css[color]!})`;
}

/** A CSS hex colour ("#14171d") as a pixel like a palette's. */
export function hexToPixel(hex: string): number {
  const value = Number.parseInt(hex.slice(1), 16);
  return (0xff000000 | ((value & 0xff) << 16) | (value & 0xff00) | ((value >> 16) & 0xff)) >>> 0;
}

/** The colour index of a dimmed box of a kind (index into frameKinds). */
export function dimmedColor(kindIndex: number): number {
  return frameKinds.length * shades + kindIndex;
}

/**
 * The colour of a box whose share moved by `change` (candidate − baseline, as a share of each
 * side's whole), scaled against the largest change in the graph: red grew, blue shrank, grey is a
 * change under a twentieth of the largest.
 */
export function diffColor(change: number, largestChange: number): number {
  if (!(largestChange > 0) || Math.abs(change) < largestChange / 20) return diffNeutral;
  const step = Math.max(1, Math.min(diffSteps, Math.ceil((Math.abs(change) / largestChange) * diffSteps)));
  return diffNeutral + Math.sign(change) * step;
}

/** CSS colours of the diff scale's ends and middle, for the legend (both themes', see themedColor). */
export const diffLegend = {
  shrank: themedColor(diffNeutral - diffSteps),
  unchanged: themedColor(diffNeutral),
  grew: themedColor(diffNeutral + diffSteps),
};

/** True for dimmed colours, whose labels are drawn in a faint colour. */
export function isDimmedColor(color: number): boolean {
  return color >= frameKinds.length * shades && color < rootColor;
}

/** A small stable hash of a string (FNV-1a), for picking a shade. */
export function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index++) {
    hash ^= name.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const kindIndexes = new Map<FrameKind, number>(frameKinds.map((kind, index) => [kind, index]));

/** The kind index (into frameKinds) of each frame; unknown kinds count as native. */
export function frameKindIndexes(frames: readonly ViewFrame[]): Uint8Array {
  const result = new Uint8Array(frames.length);
  for (let index = 0; index < frames.length; index++) result[index] = kindIndexes.get(frames[index]!.kind) ?? 1;
  return result;
}

/** What picks a box's shade within its kind's hue: its function name, its module or its file. */
export type FlameColorMode = 'name' | 'module' | 'file';

/** The colour modes in the toolbar's order, with their labels. */
export const flameColorModes: readonly { mode: FlameColorMode; label: string; title: string }[] = [
  { mode: 'name', label: 'Function', title: 'One colour per function, in its kind’s hue' },
  { mode: 'module', label: 'Module', title: 'One colour per module (package or library), in its kind’s hue' },
  { mode: 'file', label: 'File', title: 'One colour per source file, in its kind’s hue' },
];

/** True for a stored value that names a colour mode. */
export function isFlameColorMode(value: unknown): value is FlameColorMode {
  return flameColorModes.some((entry) => entry.mode === value);
}

/** The string a frame's shade is hashed from; a frame without a module or file falls back to coarser keys. */
export function colorKey(frame: ViewFrame, mode: FlameColorMode): string {
  if (mode === 'file') return frame.file ?? frame.module ?? frame.name;
  if (mode === 'module') return frame.module ?? frame.file ?? frame.name;
  return frame.name;
}

/** The normal colour index of each frame: its kind's hue, a shade by the hash of its colour key. */
export function frameColors(frames: readonly ViewFrame[], mode: FlameColorMode = 'name'): Uint8Array {
  const kinds = frameKindIndexes(frames);
  const result = new Uint8Array(frames.length);
  for (let index = 0; index < frames.length; index++) {
    result[index] = kinds[index]! * shades + (hashName(colorKey(frames[index]!, mode)) % shades);
  }
  return result;
}

/** One legend entry. */
export interface LegendEntry {
  kind: FrameKind;
  label: string;
  color: string;
}

/** The legend for the kinds present in some frames (all kinds when none are given). */
export function legendEntries(frames?: readonly ViewFrame[]): LegendEntry[] {
  const present = frames ? new Set(frames.map((frame) => frame.kind)) : new Set(frameKinds);
  return frameKinds
    .filter((kind) => present.has(kind))
    .map((kind) => ({
      kind,
      label: kindStyles[kind].label,
      color: themedColor(kindIndexes.get(kind)! * shades + hueSteps + 1),
    }));
}

/** A kind's name for tooltips ("JavaScript"). */
export function kindLabel(kind: FrameKind): string {
  return kindStyles[kind]?.label ?? kind;
}
