// The figures of one run that comparisons and CI gates use: how long a launched command took, the
// CPU it used, its memory peak, its I/O and so on, by the names `--fail-on` takes. All are better
// lower, so a verdict can say "slower" rather than "increase". analysis/compare computes them.

/** The run metrics, by the names `--fail-on` takes. */
export const runMetricNames = [
  'wall',
  'cpu.user',
  'cpu.system',
  'cpu.mean',
  'cpu.p95',
  'rss.peak',
  'rss.mean',
  'io.read',
  'io.write',
  'syscalls.read',
  'syscalls.write',
  'switches.voluntary',
  'switches.involuntary',
  'faults.minor',
  'faults.major',
  'threads.peak',
  'fds.peak',
] as const;
/** A run metric's name. */
export type RunMetricName = (typeof runMetricNames)[number];

/** How a run metric is measured and read. */
export interface RunMetricDescriptor {
  unit: 'milliseconds' | 'corePercent' | 'bytes' | 'count';
  label: string;
}

/** Every run metric's unit and label; all of them are better lower. */
export const runMetricDescriptors: Record<RunMetricName, RunMetricDescriptor> = {
  wall: { unit: 'milliseconds', label: 'Wall time' },
  'cpu.user': { unit: 'milliseconds', label: 'CPU time, user' },
  'cpu.system': { unit: 'milliseconds', label: 'CPU time, system' },
  'cpu.mean': { unit: 'corePercent', label: 'CPU, mean' },
  'cpu.p95': { unit: 'corePercent', label: 'CPU, p95' },
  'rss.peak': { unit: 'bytes', label: 'RSS, peak' },
  'rss.mean': { unit: 'bytes', label: 'RSS, mean' },
  'io.read': { unit: 'bytes', label: 'Bytes read' },
  'io.write': { unit: 'bytes', label: 'Bytes written' },
  'syscalls.read': { unit: 'count', label: 'Read calls' },
  'syscalls.write': { unit: 'count', label: 'Write calls' },
  'switches.voluntary': { unit: 'count', label: 'Voluntary switches' },
  'switches.involuntary': { unit: 'count', label: 'Involuntary switches' },
  'faults.minor': { unit: 'count', label: 'Minor faults' },
  'faults.major': { unit: 'count', label: 'Major faults' },
  'threads.peak': { unit: 'count', label: 'Threads, peak' },
  'fds.peak': { unit: 'count', label: 'File descriptors, peak' },
};

/** One run's metrics; null where the run could not measure it. */
export type RunMetrics = Record<RunMetricName, number | null>;
