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
import type { TierEnvelope } from '../../../src-shared/timeline/tiers';

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

/** The mean of the readable values, each counted as the samples it stands for (`counts`; 1 each without). */
function mean(values: ArrayLike<number> | undefined, counts?: Float64Array): number | null {
  if (!values) return null;
  let sum = 0;
  let count = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (Number.isNaN(value)) continue;
    const weight = counts?.[index] ?? 1;
    sum += value * weight;
    count += weight;
  }
  return count > 0 ? sum / count : null;
}

/**
 * The 95th percentile of the readable values (nearest rank, each value counted as the samples it
 * stands for), or null. A downsampled bucket stands for its samples with its mean, so over buckets
 * this is the percentile of ten-second means: lower than the samples' own.
 */
function percentile95(values: number[], counts?: Float64Array): number | null {
  const readable = values
    .map((value, index) => ({ value, weight: counts?.[index] ?? 1 }))
    .filter((entry) => !Number.isNaN(entry.value))
    .sort((left, right) => left.value - right.value);
  const total = readable.reduce((sum, entry) => sum + entry.weight, 0);
  if (total === 0) return null;
  const rank = Math.ceil(0.95 * total);
  let seen = 0;
  for (const entry of readable) {
    seen += entry.weight;
    if (seen >= rank) return entry.value;
  }
  return readable.at(-1)!.value;
}

/** CPU percent of a core integrated over time, in milliseconds of CPU. */
function cpuMilliseconds(times: Float64Array, percent: Float64Array | undefined): number | null {
  const coreSeconds = integrate(times, percent);
  return coreSeconds === null ? null : (coreSeconds / 100) * 1000;
}

/**
 * The run metrics of one session's samples. Where retention folded old samples into buckets, the
 * read carries each bucket's sample count and maximum (`envelope`): peaks take the maxima, means and
 * the percentile count each bucket as its samples.
 */
export function runMetrics(data: TimelineColumns & { envelope?: TierEnvelope }, context: RunContext): RunMetrics {
  const { times, columns, envelope } = data;
  const counts = envelope?.counts;
  const highest = (key: MetricKey) => peak(envelope?.maximum[key] ?? columns[key]);
  const cpu = Array.from(times, (_, index) => {
    const user = columns.cpuUser?.[index] ?? Number.NaN;
    const system = columns.cpuSystem?.[index] ?? Number.NaN;
    return Number.isNaN(user) && Number.isNaN(system) ? Number.NaN : (user || 0) + (system || 0);
  });
  return {
    wall: context.commandDurationMs,
    'cpu.user': cpuMilliseconds(times, columns.cpuUser),
    'cpu.system': cpuMilliseconds(times, columns.cpuSystem),
    'cpu.mean': mean(cpu, counts),
    'cpu.p95': percentile95(cpu, counts),
    'rss.peak': highest('rss'),
    'rss.mean': mean(columns.rss, counts),
    'io.read': integrate(times, columns.readBytesRate),
    'io.write': integrate(times, columns.writeBytesRate),
    'syscalls.read': integrate(times, columns.readSyscallRate),
    'syscalls.write': integrate(times, columns.writeSyscallRate),
    'switches.voluntary': integrate(times, columns.voluntarySwitchRate),
    'switches.involuntary': integrate(times, columns.involuntarySwitchRate),
    'faults.minor': integrate(times, columns.minorFaultRate),
    'faults.major': integrate(times, columns.majorFaultRate),
    'threads.peak': highest('threads'),
    'fds.peak': highest('fileDescriptors'),
  };
}
