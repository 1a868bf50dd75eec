// The timeline overlay's data: which panels it draws (CPU, memory, I/O, threads and file
// descriptors), each side's columns for them, the shared value scale of a panel and a side's value
// at a time. Both sides' times count from their own start, so they share one axis from 0. Pure
// and unit-tested.

import type { MetricKey, MetricUnit } from '../../../src-shared/model/resource';
import type { RelativeTimeline } from '../../../src-shared/compare/timeline-overlay';
import type { Milliseconds } from '../../../src-shared/units';
import { nearestIndex } from '../timeline/timeline-data';
import { valueScale, type ValueScale } from '../timeline/ticks';

/** A series the overlay draws: a recorded metric, or the process's CPU (user + system). */
export type OverlayKey =
  'cpu' | Extract<MetricKey, 'rss' | 'readBytesRate' | 'writeBytesRate' | 'threads' | 'fileDescriptors'>;

/** One series of a panel; a panel's second series is dashed, so colours stay for the sides. */
export interface OverlaySeriesSpec {
  key: OverlayKey;
  label: string;
  dashed: boolean;
}

/** The panels' ids, which the Compare view matches with its metrics' verdicts. */
export type OverlayPanelId = 'cpu' | 'memory' | 'io' | 'threads';

/** One panel of the overlay: one value axis, both sides' lines. */
export interface OverlayPanelSpec {
  id: OverlayPanelId;
  title: string;
  unit: MetricUnit;
  series: OverlaySeriesSpec[];
}

/** The panels, top to bottom. */
export const overlayPanels: readonly OverlayPanelSpec[] = [
  { id: 'cpu', title: 'CPU', unit: 'corePercent', series: [{ key: 'cpu', label: 'CPU', dashed: false }] },
  { id: 'memory', title: 'Memory (RSS)', unit: 'bytes', series: [{ key: 'rss', label: 'RSS', dashed: false }] },
  {
    id: 'io',
    title: 'I/O (read & write calls)',
    unit: 'bytesPerSecond',
    series: [
      { key: 'readBytesRate', label: 'Read', dashed: false },
      { key: 'writeBytesRate', label: 'Write', dashed: true },
    ],
  },
  {
    id: 'threads',
    title: 'Threads & file descriptors',
    unit: 'count',
    series: [
      { key: 'threads', label: 'Threads', dashed: false },
      { key: 'fileDescriptors', label: 'File descriptors', dashed: true },
    ],
  },
];

/**
 * The sides' colours: Okabe and Ito's sky blue and orange, told apart with every common colour
 * vision deficiency and clear of the verdicts' red and green.
 */
export const overlaySideColors = { baseline: '#56b4e9', candidate: '#e69f00' } as const;

/** One side's drawable columns, times since its session's start. */
export interface OverlayColumns {
  times: Float64Array;
  /** A column per series the side has; NaN where a sample could not read it. */
  values: Partial<Record<OverlayKey, Float64Array>>;
  /** How long the side's session lasted: its line ends there. */
  duration: Milliseconds;
}

/** A side's columns: its metrics as recorded, plus CPU as user + system (system unread counts as 0). */
export function overlayColumns(timeline: RelativeTimeline): OverlayColumns {
  const { cpuUser, cpuSystem } = timeline.series;
  const values: OverlayColumns['values'] = {};
  if (cpuUser) {
    values.cpu = cpuUser.map((user, index) => {
      const system = cpuSystem?.[index] ?? Number.NaN;
      return user + (Number.isNaN(system) ? 0 : system);
    });
  }
  for (const key of ['rss', 'readBytesRate', 'writeBytesRate', 'threads', 'fileDescriptors'] as const) {
    const column = timeline.series[key];
    if (column) values[key] = column;
  }
  return { times: timeline.times, values, duration: timeline.duration };
}

/** True when a column holds at least one readable value. */
function hasValue(column: Float64Array | undefined): boolean {
  return column !== undefined && column.some((value) => !Number.isNaN(value));
}

/** The series of `panel` that either side can draw. */
export function drawnSeries(panel: OverlayPanelSpec, sides: readonly OverlayColumns[]): OverlaySeriesSpec[] {
  return panel.series.filter((spec) => sides.some((side) => hasValue(side.values[spec.key])));
}

/** The panels with something to draw on either side; a metric neither side could read has no panel. */
export function presentPanels(sides: readonly OverlayColumns[]): OverlayPanelSpec[] {
  return overlayPanels.filter((panel) => drawnSeries(panel, sides).length > 0);
}

/** A panel's value axis, reaching both sides' highest value so their lines compare on one scale. */
export function panelScale(panel: OverlayPanelSpec, sides: readonly OverlayColumns[]): ValueScale {
  let maximum = 0;
  for (const side of sides) {
    for (const spec of panel.series) {
      for (const value of side.values[spec.key] ?? []) if (value > maximum) maximum = value;
    }
  }
  return valueScale(maximum, panel.unit);
}

/**
 * A side's value of `key` at `time` since its start: its nearest sample's, NaN where that sample
 * could not read it; 'ended' past the side's end, null when the side has no such series.
 */
export function valueAt(side: OverlayColumns, key: OverlayKey, time: Milliseconds): number | 'ended' | null {
  const column = side.values[key];
  if (!column) return null;
  if (time > side.duration) return 'ended';
  const index = nearestIndex(side.times, time);
  return index < 0 ? null : column[index]!;
}

/** The axis length: the longer side's duration (never 0, so the axis has a scale). */
export function overlayLength(sides: readonly OverlayColumns[]): Milliseconds {
  return Math.max(1, ...sides.map((side) => side.duration));
}
