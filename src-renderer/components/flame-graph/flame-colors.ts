// Flame graph colours by frame kind: a hue per kind (the legend), and within it one of a dozen
// shades (small hue and lightness steps) picked by a stable hash of the function's name, module or
// file, so one function keeps its colour everywhere and neighbouring boxes stay apart; a dimmed
// shade for boxes that do not match a search. The boxes are light enough for dark labels on either
// theme's background. Colours are small integers so the renderer batches one fill per colour.

import { frameKinds, type FrameKind } from '../../../src-shared/profile/profile';
import type { ViewFrame } from '../../../src-shared/profile/views';

/** Hue, saturation and lightness range of one kind; dark text reads on every one. */
const kindStyles: Record<FrameKind, { hue: number; saturation: number; lightness: number; label: string }> = {
  js: { hue: 40, saturation: 72, lightness: 60, label: 'JavaScript' },
  native: { hue: 212, saturation: 62, lightness: 67, label: 'Native' },
  python: { hue: 150, saturation: 45, lightness: 58, label: 'Python' },
  kernel: { hue: 8, saturation: 68, lightness: 68, label: 'Kernel' },
  gc: { hue: 275, saturation: 52, lightness: 72, label: 'GC' },
  idle: { hue: 220, saturation: 10, lightness: 56, label: 'Idle' },
  program: { hue: 188, saturation: 38, lightness: 60, label: 'Program' },
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

const hslTable: [number, number, number][] = (() => {
  const table: [number, number, number][] = [];
  for (const kind of frameKinds) {
    const style = kindStyles[kind];
    for (let shade = 0; shade < shades; shade++) {
      const hue = style.hue + ((shade % hueSteps) - (hueSteps - 1) / 2) * hueStep;
      const lightness = style.lightness + (Math.floor(shade / hueSteps) - (lightnessSteps - 1) / 2) * lightnessStep;
      table.push([(hue + 360) % 360, style.saturation, lightness]);
    }
  }
  for (const kind of frameKinds) table.push([kindStyles[kind].hue, 14, 24]);
  table.push([220, 12, 34]);
  // The diff scale: blue (shrank) through grey to red (grew), light enough for dark labels.
  for (let step = -diffSteps; step <= diffSteps; step++) {
    const strength = Math.abs(step) / diffSteps;
    table.push([step < 0 ? 212 : 4, step === 0 ? 6 : 30 + 45 * strength, 74 - 10 * strength]);
  }
  return table;
})();

/** CSS colour of every colour index. */
export const colorTable: readonly string[] = hslTable.map(([hue, saturation, lightness]) => {
  const [red, green, blue] = hslToRgb(hue, saturation, lightness);
  return `rgb(${red} ${green} ${blue})`;
});

/** Every colour index as an opaque pixel of a little-endian RGBA Uint32Array (ImageData's layout). */
export const pixelTable: Uint32Array = Uint32Array.from(hslTable, ([hue, saturation, lightness]) => {
  const [red, green, blue] = hslToRgb(hue, saturation, lightness);
  return (0xff000000 | (blue << 16) | (green << 8) | red) >>> 0;
});

/**
 * The pixel drawn in the 1-px gap after a box: its own colour a little darker, so boxes read as
 * separate without the harsh dark line a background-coloured gap makes between light boxes.
 */
export const separatorPixelTable: Uint32Array = Uint32Array.from(hslTable, ([hue, saturation, lightness]) => {
  const [red, green, blue] = hslToRgb(hue, saturation * 0.8, lightness - 13);
  return (0xff000000 | (blue << 16) | (green << 8) | red) >>> 0;
});

/** A CSS hex colour ("#14171d") as a pixel like pixelTable's. */
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

/** CSS colours of the diff scale's ends and middle, for the legend. */
export const diffLegend = {
  shrank: colorTable[diffNeutral - diffSteps]!,
  unchanged: colorTable[diffNeutral]!,
  grew: colorTable[diffNeutral + diffSteps]!,
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
      color: colorTable[kindIndexes.get(kind)! * shades + hueSteps + 1]!,
    }));
}

/** A kind's name for tooltips ("JavaScript"). */
export function kindLabel(kind: FrameKind): string {
  return kindStyles[kind]?.label ?? kind;
}
