import type { EpochMilliseconds } from '../units';

/**
 * Every metric the resource sampler records, in storage order. The order is part of the stored
 * format: append new metrics at the end and never reorder (store/ relies on the index).
 */
export const metricKeys = [
  'cpuUser',
  'cpuSystem',
  'rss',
  'pss',
  'virtual',
  'threads',
  'fileDescriptors',
  'readBytesRate',
  'writeBytesRate',
  'readSyscallRate',
  'writeSyscallRate',
  'voluntarySwitchRate',
  'involuntarySwitchRate',
  'minorFaultRate',
  'majorFaultRate',
  'processCount',
  'systemCpu',
  'systemMemoryUsed',
  'systemMemoryTotal',
  'loadAverage1m',
  'jsHeapUsed',
  'jsHeapTotal',
] as const;

/** The name of one recorded metric. */
export type MetricKey = (typeof metricKeys)[number];

/** How a metric's numbers are read. */
export type MetricUnit = 'corePercent' | 'percent' | 'bytes' | 'bytesPerSecond' | 'perSecond' | 'count' | 'load';

/** The timeline panel a metric is drawn in. */
export type MetricPanel = 'cpu' | 'memory' | 'io' | 'threads' | 'system';

/** How to label, scale and place one metric. */
export interface MetricDescriptor {
  key: MetricKey;
  label: string;
  unit: MetricUnit;
  panel: MetricPanel;
  /** Drawn when a panel opens; the others are one click away in its legend. */
  shownByDefault: boolean;
}

/** Descriptors for every metric, in metricKeys order. */
export const metricDescriptors: readonly MetricDescriptor[] = [
  { key: 'cpuUser', label: 'CPU user', unit: 'corePercent', panel: 'cpu', shownByDefault: true },
  { key: 'cpuSystem', label: 'CPU system', unit: 'corePercent', panel: 'cpu', shownByDefault: true },
  { key: 'rss', label: 'RSS', unit: 'bytes', panel: 'memory', shownByDefault: true },
  { key: 'pss', label: 'PSS', unit: 'bytes', panel: 'memory', shownByDefault: true },
  { key: 'virtual', label: 'Virtual size', unit: 'bytes', panel: 'memory', shownByDefault: false },
  { key: 'threads', label: 'Threads', unit: 'count', panel: 'threads', shownByDefault: true },
  { key: 'fileDescriptors', label: 'File descriptors', unit: 'count', panel: 'threads', shownByDefault: true },
  { key: 'readBytesRate', label: 'Read', unit: 'bytesPerSecond', panel: 'io', shownByDefault: true },
  { key: 'writeBytesRate', label: 'Write', unit: 'bytesPerSecond', panel: 'io', shownByDefault: true },
  { key: 'readSyscallRate', label: 'Read syscalls', unit: 'perSecond', panel: 'io', shownByDefault: false },
  { key: 'writeSyscallRate', label: 'Write syscalls', unit: 'perSecond', panel: 'io', shownByDefault: false },
  {
    key: 'voluntarySwitchRate',
    label: 'Voluntary switches',
    unit: 'perSecond',
    panel: 'threads',
    shownByDefault: false,
  },
  {
    key: 'involuntarySwitchRate',
    label: 'Involuntary switches',
    unit: 'perSecond',
    panel: 'threads',
    shownByDefault: false,
  },
  { key: 'minorFaultRate', label: 'Minor faults', unit: 'perSecond', panel: 'memory', shownByDefault: false },
  { key: 'majorFaultRate', label: 'Major faults', unit: 'perSecond', panel: 'memory', shownByDefault: false },
  { key: 'processCount', label: 'Processes', unit: 'count', panel: 'threads', shownByDefault: false },
  { key: 'systemCpu', label: 'System CPU', unit: 'percent', panel: 'system', shownByDefault: true },
  { key: 'systemMemoryUsed', label: 'System memory used', unit: 'bytes', panel: 'system', shownByDefault: false },
  { key: 'systemMemoryTotal', label: 'System memory total', unit: 'bytes', panel: 'system', shownByDefault: false },
  { key: 'loadAverage1m', label: 'Load (1 min)', unit: 'load', panel: 'system', shownByDefault: false },
  // From the Node.js profiler (V8's Runtime.getHeapUsage); null for other runtimes.
  { key: 'jsHeapUsed', label: 'JS heap used', unit: 'bytes', panel: 'memory', shownByDefault: true },
  { key: 'jsHeapTotal', label: 'JS heap total', unit: 'bytes', panel: 'memory', shownByDefault: false },
];

/**
 * One resource sample. A metric is null when it could not be read (for example /proc/PID/io of a
 * process owned by another user) or has no value yet (a rate needs two readings).
 * Units: corePercent (100 = one core), bytes, bytes/s, counts/s; systemCpu is percent of all cores.
 */
export type ResourceSample = { time: EpochMilliseconds } & { [K in MetricKey]: number | null };

/** Why one or more metrics are missing, said once per session rather than per sample. */
export interface SamplerLimitation {
  metrics: MetricKey[];
  /** What happened and what to do, for example "Run Thermograph as the process's owner to read I/O". */
  message: string;
}
