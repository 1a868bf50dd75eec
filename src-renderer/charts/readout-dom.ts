// Draws a chart's hover readout as DOM nodes: text goes in as text (names from profiled programs can
// never become markup), and colours through the element's style object, which a strict
// Content-Security-Policy allows where style attributes in markup are refused (the exported report
// allows no inline style). Its look is in styles/app.css (.readout-*).

import type { Readout } from './readout';

/** An element with a class and, when given, its text (as text, never markup). */
export function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Replaces `container`'s content with the readout. */
export function renderReadout(container: HTMLElement, readout: Readout): void {
  const nodes: HTMLElement[] = [element('div', 'readout-time', readout.title)];
  for (const note of readout.notes ?? []) nodes.push(element('div', 'readout-note', note));
  for (const group of readout.groups) {
    nodes.push(element('div', 'readout-group', group.title));
    for (const row of group.rows) {
      const line = element('div', 'readout-row');
      const swatch = element('span', 'readout-swatch');
      swatch.style.background = row.color;
      line.append(swatch, element('span', 'readout-label', row.label), element('span', 'readout-value', row.value));
      nodes.push(line);
    }
  }
  container.replaceChildren(...nodes);
}
