// The heights of the panel's parts (CSS px), each changed with the divider below it and remembered
// in paneSizes under the names here. The flame graph is as tall as its depth until the user sets it;
// the other views and the details have set defaults.

import { contentHeight } from '../../../components/flame-graph/flame-layout';
import type { PaneBounds } from '../../../components/split/pane-size';

/** The flame section's chrome above the canvas: toolbar, breadcrumb and borders. */
const flameChrome = 72;
/** A flame graph row, as the flame graph draws it. */
const flameRowHeight = 18;
/** The tallest the flame section grows on its own; the divider can make it taller. */
const naturalFlameMaximum = 640;

export const flameBounds: PaneBounds = { minimum: 140, maximum: 1600 };
/** The views other than the flame graph (it follows its depth). */
export const viewBounds: PaneBounds = { minimum: 200, maximum: 1600 };
export const detailsBounds: PaneBounds = { minimum: 120, maximum: 1600 };

/** Defaults of the panes that do not follow their content. */
export const defaultHeights = { view: 480, sandwich: 640, details: 320 };

/** The flame section at its depth: every row visible, no empty box above the root (within bounds). */
export function naturalFlameHeight(maximumDepth: number): number {
  const height = flameChrome + contentHeight({ rowHeight: flameRowHeight, maximumDepth });
  return Math.min(naturalFlameMaximum, Math.max(flameBounds.minimum, height));
}
