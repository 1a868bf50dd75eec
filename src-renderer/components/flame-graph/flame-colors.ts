// Flame graph colours by frame kind: a hue per kind (the legend), a few lightness steps picked by
// a hash of the name so neighbouring boxes stay apart, and a dimmed shade for boxes that do not
// match a search. Colours are small integers so the renderer batches one fill per colour.

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

/** Lightness steps per kind. */
const shades = 4;
const shadeStep = 3.5;

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
      table.push([style.hue, style.saturation, style.lightness + (shade - (shades - 1) / 2) * shadeStep]);
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

/** The normal colour index of each frame. */
export function frameColors(frames: readonly ViewFrame[]): Uint8Array {
  const kinds = frameKindIndexes(frames);
  const result = new Uint8Array(frames.length);
  for (let index = 0; index < frames.length; index++) {
    result[index] = kinds[index]! * shades + (hashName(frames[index]!.name) % shades);
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
    .map((kind) => ({ kind, label: kindStyles[kind].label, color: colorTable[kindIndexes.get(kind)! * shades + 1]! }));
}

/** A kind's name for tooltips ("JavaScript"). */
export function kindLabel(kind: FrameKind): string {
  return kindStyles[kind]?.label ?? kind;
}
