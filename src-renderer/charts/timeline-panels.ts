// What each timeline panel draws: which metrics, on which axis, in which color. The descriptors in
// src-shared say what a metric is; this says how the timeline shows it.

import { metricDescriptors, type MetricPanel, type MetricUnit } from '../../src-shared/model/resource';
import type { ChartKey } from './timeline/timeline-data';

/** One line of a panel. */
export interface SeriesSpec {
  key: ChartKey;
  label: string;
  unit: MetricUnit;
  /** 0 = left axis, 1 = right axis (a second unit in the same panel). */
  axis: 0 | 1;
  color: string;
  /** Stacked and filled (CPU user + system add up to the process's CPU). */
  stacked: boolean;
  shownByDefault: boolean;
}

/** One stacked panel of the timeline. */
export interface PanelSpec {
  id: MetricPanel;
  title: string;
  series: SeriesSpec[];
}

const colors: Partial<Record<ChartKey, string>> = {
  cpuUser: '#5b9cff',
  cpuSystem: '#f0a24b',
  rss: '#44c27a',
  pss: '#2bb3b1',
  virtual: '#8f7cf7',
  minorFaultRate: '#d4c24f',
  majorFaultRate: '#f06464',
  readBytesRate: '#4fc1e9',
  writeBytesRate: '#ec6fb0',
  readSyscallRate: '#7fa7d8',
  writeSyscallRate: '#c98bb5',
  threads: '#b387ff',
  fileDescriptors: '#ffc15e',
  voluntarySwitchRate: '#6ad1a8',
  involuntarySwitchRate: '#ef8354',
  processCount: '#9aa5b8',
  systemCpu: '#8b94a5',
  loadAverage1m: '#d08770',
  systemMemoryPercent: '#6f9e6f',
};

/** Metrics drawn on a panel's right axis because their unit differs from the panel's main one. */
const rightAxis = new Set<ChartKey>([
  'minorFaultRate',
  'majorFaultRate',
  'readSyscallRate',
  'writeSyscallRate',
  'voluntarySwitchRate',
  'involuntarySwitchRate',
  'loadAverage1m',
]);

const titles: Record<MetricPanel, string> = {
  cpu: 'CPU',
  memory: 'Memory',
  io: 'I/O (read & write calls)',
  threads: 'Threads & file descriptors',
  system: 'System',
};

function seriesOf(panel: MetricPanel): SeriesSpec[] {
  const specs: SeriesSpec[] = metricDescriptors
    // System memory is drawn as a percentage below rather than as two byte series.
    .filter(
      (descriptor) =>
        descriptor.panel === panel && descriptor.key !== 'systemMemoryUsed' && descriptor.key !== 'systemMemoryTotal',
    )
    .map((descriptor) => ({
      key: descriptor.key,
      label: descriptor.label,
      unit: descriptor.unit,
      axis: rightAxis.has(descriptor.key) ? 1 : 0,
      color: colors[descriptor.key] ?? '#9aa5b8',
      stacked: panel === 'cpu',
      shownByDefault: descriptor.shownByDefault,
    }));
  if (panel === 'system') {
    specs.push({
      key: 'systemMemoryPercent',
      label: 'System memory',
      unit: 'percent',
      axis: 0,
      color: colors.systemMemoryPercent!,
      stacked: false,
      shownByDefault: false,
    });
  }
  return specs;
}

/** The panels, top to bottom. */
export const timelinePanels: PanelSpec[] = (['cpu', 'memory', 'io', 'threads', 'system'] as const).map((id) => ({
  id,
  title: titles[id],
  series: seriesOf(id),
}));

/** Every series spec by key. */
export const seriesByKey = new Map<ChartKey, SeriesSpec>(
  timelinePanels.flatMap((panel) => panel.series.map((spec) => [spec.key, spec] as const)),
);

/** One y axis of the timeline: a panel's left (0) or right (1) axis and the series drawn on it. */
export interface AxisSpec {
  panelIndex: number;
  side: 0 | 1;
  unit: MetricUnit;
  keys: ChartKey[];
}

/** Every y axis in ECharts yAxis order: each panel's left axis, then its right one when it has one. */
export const timelineAxes: AxisSpec[] = timelinePanels.flatMap((panel, panelIndex) =>
  ([0, 1] as const)
    .map((side) => ({ side, specs: panel.series.filter((spec) => spec.axis === side) }))
    .filter(({ specs }) => specs.length > 0)
    .map(({ side, specs }) => ({ panelIndex, side, unit: specs[0]!.unit, keys: specs.map((spec) => spec.key) })),
);
