// The hover readout: every panel's visible metrics at the hovered time, in one tooltip (drawn by
// renderReadout).

import { formatClock, formatMetric } from '../../src-shared/format/units';
import type { Readout } from './readout';
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
): Readout | null {
  const index = nearestIndex(columns.times, time);
  if (index < 0) return null;
  const sampleTime = columns.times[index]!;
  const readout: Readout = { title: formatClock(sampleTime - origin, true), groups: [] };
  for (const panel of timelinePanels) {
    const visible = panel.series.filter((spec) => shown.present.has(spec.key) && !shown.hidden.has(spec.key));
    if (visible.length === 0) continue;
    readout.groups.push({
      title: panel.title,
      rows: visible.map((spec) => ({
        color: spec.color,
        label: spec.label,
        value: formatMetric(columns.values[spec.key]?.[index] ?? null, spec.unit),
      })),
    });
  }
  return readout;
}
