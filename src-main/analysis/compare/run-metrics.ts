// The figures of one run that comparisons and CI gates use: how long a launched command took, the
// CPU it used, its memory peak, its I/O and so on, computed once from the session's samples (so
// comparing old sessions needs no raw data). Each names whether lower is better, so a verdict can
// say "slower" or "faster" rather than "increase".

import type { TimelineColumns } from '../timeline';
import { integrate } from '../summary';

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

/** What of the session the metrics need besides its samples. */
export interface RunContext {
  /** The launched command's run time (start to exit); null when the target was attached to, not launched. */
  commandDurationMs: number | null;
}

function peak(values: Float64Array | undefined): number | null {
  if (!values) return null;
  let maximum = Number.NEGATIVE_INFINITY;
  for (const value of values) if (value > maximum) maximum = value;
  return Number.isFinite(maximum) ? maximum : null;
}

function mean(values: Float64Array | undefined): number | null {
  if (!values) return null;
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    sum += value;
    count++;
  }
  return count > 0 ? sum / count : null;
}

/** The 95th percentile of the readable values (nearest rank), or null. */
function percentile95(values: number[]): number | null {
  const readable = values.filter((value) => !Number.isNaN(value)).sort((left, right) => left - right);
  if (readable.length === 0) return null;
  return readable[Math.min(readable.length - 1, Math.ceil(0.95 * readable.length) - 1)]!;
}

/** CPU percent of a core integrated over time, in milliseconds of CPU. */
function cpuMilliseconds(times: Float64Array, percent: Float64Array | undefined): number | null {
  const coreSeconds = integrate(times, percent);
  return coreSeconds === null ? null : (coreSeconds / 100) * 1000;
}

/** The run metrics of one session's samples. */
export function runMetrics(data: TimelineColumns, context: RunContext): RunMetrics {
  const { times, columns } = data;
  const cpu = Array.from(times, (_, index) => {
    const user = columns.cpuUser?.[index] ?? Number.NaN;
    const system = columns.cpuSystem?.[index] ?? Number.NaN;
    return Number.isNaN(user) && Number.isNaN(system) ? Number.NaN : (user || 0) + (system || 0);
  });
  return {
    wall: context.commandDurationMs,
    'cpu.user': cpuMilliseconds(times, columns.cpuUser),
    'cpu.system': cpuMilliseconds(times, columns.cpuSystem),
    'cpu.mean': mean(Float64Array.from(cpu)),
    'cpu.p95': percentile95(cpu),
    'rss.peak': peak(columns.rss),
    'rss.mean': mean(columns.rss),
    'io.read': integrate(times, columns.readBytesRate),
    'io.write': integrate(times, columns.writeBytesRate),
    'syscalls.read': integrate(times, columns.readSyscallRate),
    'syscalls.write': integrate(times, columns.writeSyscallRate),
    'switches.voluntary': integrate(times, columns.voluntarySwitchRate),
    'switches.involuntary': integrate(times, columns.involuntarySwitchRate),
    'faults.minor': integrate(times, columns.minorFaultRate),
    'faults.major': integrate(times, columns.majorFaultRate),
    'threads.peak': peak(columns.threads),
    'fds.peak': peak(columns.fileDescriptors),
  };
}
