// Computes the figures of one run that comparisons and CI gates use (src-shared/compare/run-metrics.ts
// names them) from the session's samples: once, when its recording ends, and stored with it, so a
// comparison of series reads no samples at all.

export {
  runMetricDescriptors,
  runMetricNames,
  type RunMetricName,
  type RunMetrics,
} from '../../../src-shared/compare/run-metrics';

import type { RunMetrics } from '../../../src-shared/compare/run-metrics';
import type { MetricKey } from '../../../src-shared/model/resource';
import type { TimelineColumns } from '../timeline';
import { integrate } from '../../../src-shared/timeline/summarize';

/** The sample columns runMetrics reads: a caller reads only these from the store. */
export const runMetricColumns: readonly MetricKey[] = [
  'cpuUser',
  'cpuSystem',
  'rss',
  'readBytesRate',
  'writeBytesRate',
  'readSyscallRate',
  'writeSyscallRate',
  'voluntarySwitchRate',
  'involuntarySwitchRate',
  'minorFaultRate',
  'majorFaultRate',
  'threads',
  'fileDescriptors',
];

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
