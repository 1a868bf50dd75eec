// The hover readout: every panel's visible metrics at the hovered time, in one tooltip. Built as an
// HTML string for ECharts, so every piece of text goes through escapeHtml.

import { escapeHtml } from '../format/escape';
import { formatClock, formatMetric } from '../../src-shared/format/units';
import type { ChartKey, TimelineColumns } from './timeline/timeline-data';
import { nearestIndex } from './timeline/timeline-data';
import { timelinePanels } from './timeline-panels';

/**
 * The readout for the sample nearest to `time` (epoch ms); `origin` is the session's start. Lists
 * the series drawn: present (a metric never read has no line to explain) and not hidden.
 */
export function buildReadout(
  columns: TimelineColumns,
  time: number,
  origin: number,
  shown: { present: ReadonlySet<ChartKey>; hidden: ReadonlySet<ChartKey> },
): string {
  const index = nearestIndex(columns.times, time);
  if (index < 0) return '';
  const sampleTime = columns.times[index]!;
  const rows: string[] = [
    `<div style="font-weight:600;margin-bottom:4px;font-variant-numeric:tabular-nums">${escapeHtml(formatClock(sampleTime - origin, true))}</div>`,
  ];
  for (const panel of timelinePanels) {
    const visible = panel.series.filter((spec) => shown.present.has(spec.key) && !shown.hidden.has(spec.key));
    if (visible.length === 0) continue;
    rows.push(
      `<div style="margin-top:5px;color:#8b94a5;font-size:10.5px;text-transform:uppercase;letter-spacing:.5px">${escapeHtml(panel.title)}</div>`,
    );
    for (const spec of visible) {
      const value = columns.values[spec.key]?.[index];
      rows.push(
        `<div style="display:flex;align-items:center;gap:8px;line-height:18px">` +
          `<span style="width:8px;height:8px;border-radius:2px;background:${escapeHtml(spec.color)}"></span>` +
          `<span style="flex:1">${escapeHtml(spec.label)}</span>` +
          `<span style="font-variant-numeric:tabular-nums;margin-left:16px">${escapeHtml(formatMetric(value ?? null, spec.unit))}</span>` +
          `</div>`,
      );
    }
  }
  return rows.join('');
}
