// The timeline's legends: per panel, a button for each series that has values, pressed while the
// series is shown. Buttons rather than canvas text, so they take focus and screen readers read them.
// Labels are set as text, never markup.

import type { ChartKey } from './timeline-data';
import { timelinePanels } from '../timeline-panels';
import { panelHeader, type TimelineLayout } from './layout';
import type { TimelineScene } from './timeline-scene';

/** What the legends show, as a string: equal strings need no rebuild. */
export function legendKey(scene: TimelineScene): string {
  return timelinePanels
    .flatMap((panel) => panel.series.filter((spec) => scene.present.has(spec.key)))
    .map((spec) => `${spec.key}:${scene.hidden.has(spec.key) ? 0 : 1}`)
    .join(',');
}

/** One legend element per panel, placed above the right end of its plot. */
export function buildLegends(
  scene: TimelineScene,
  layout: TimelineLayout,
  toggled: (key: ChartKey, shown: boolean) => void,
): HTMLElement[] {
  return timelinePanels.map((panel, panelIndex) => {
    const legend = document.createElement('div');
    legend.className = 'timeline-legend';
    legend.setAttribute('role', 'group');
    legend.setAttribute('aria-label', `${panel.title} series`);
    const plot = layout.plots[panelIndex]!;
    legend.style.top = `${plot.top - panelHeader}px`;
    legend.style.right = `${layout.width - plot.left - plot.width}px`;
    for (const spec of panel.series) {
      if (!scene.present.has(spec.key)) continue;
      const shown = !scene.hidden.has(spec.key);
      const button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('aria-pressed', String(shown));
      button.title = shown ? `Hide ${spec.label}` : `Show ${spec.label}`;
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = spec.color;
      const label = document.createElement('span');
      label.textContent = spec.label;
      button.append(swatch, label);
      button.addEventListener('click', () => toggled(spec.key, !shown));
      legend.append(button);
    }
    return legend;
  });
}
