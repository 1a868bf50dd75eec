// Draws the overlay's readout as DOM nodes: text goes in as text (side labels are names users
// typed), and colours through the style object, which a strict Content-Security-Policy allows where
// style attributes in markup are refused (the exported report allows none). Its look is in
// TimelineOverlay.svelte (.overlay-readout-*).

import { element } from '../readout-dom';
import type { OverlayReadout } from './overlay-readout';

/** Replaces `container`'s content with the readout: a grid of a label column and one column per side. */
export function renderOverlayReadout(container: HTMLElement, readout: OverlayReadout): void {
  const grid = element('div', 'overlay-readout');
  grid.style.gridTemplateColumns = `auto repeat(${readout.sides.length}, auto)`;
  grid.append(element('span', 'overlay-readout-time', readout.title));
  for (const side of readout.sides) {
    const heading = element('span', 'overlay-readout-side');
    const swatch = element('span', 'overlay-readout-swatch');
    swatch.style.background = side.color;
    heading.append(swatch, document.createTextNode(side.label));
    grid.append(heading);
  }
  for (const row of readout.rows) {
    grid.append(element('span', 'overlay-readout-label', row.label));
    for (const value of row.values)
      grid.append(element('span', value.muted ? 'overlay-readout-value muted' : 'overlay-readout-value', value.text));
  }
  container.replaceChildren(grid);
}
