// The brushed range's summary: its duration and min/avg/max of the main metrics, from the engine's
// statistics over every raw sample of the range (not the decimated points on screen).

import type { MetricKey, MetricUnit } from '../../../src-shared/model/resource';
import type { SessionStatistics } from '../../../src-shared/timeline/statistics';
import type { Bytes, EpochMilliseconds, Milliseconds } from '../../../src-shared/units';

/** One metric's statistic over the range; null when no sample in it had the metric. */
export interface RangeSummaryRow {
  label: string;
  unit: MetricUnit;
  statistic: { minimum: number; mean: number; maximum: number } | null;
}

/** A selected range and what happened in it. */
export interface RangeSummary {
  from: EpochMilliseconds;
  to: EpochMilliseconds;
  durationMs: Milliseconds;
  sampleCount: number;
  readBytesTotal: Bytes | null;
  writeBytesTotal: Bytes | null;
  rows: RangeSummaryRow[];
}

const summarized: { key: MetricKey; label: string; unit: MetricUnit }[] = [
  { key: 'cpuUser', label: 'CPU user', unit: 'corePercent' },
  { key: 'cpuSystem', label: 'CPU system', unit: 'corePercent' },
  { key: 'rss', label: 'RSS', unit: 'bytes' },
  { key: 'readBytesRate', label: 'Read', unit: 'bytesPerSecond' },
  { key: 'writeBytesRate', label: 'Write', unit: 'bytesPerSecond' },
  { key: 'threads', label: 'Threads', unit: 'count' },
];

/** The summary of [from, to] from the engine's statistics of that range. */
export function summarizeRange(
  statistics: SessionStatistics,
  from: EpochMilliseconds,
  to: EpochMilliseconds,
): RangeSummary {
  return {
    from,
    to,
    durationMs: to - from,
    sampleCount: statistics.sampleCount,
    readBytesTotal: statistics.readBytesTotal,
    writeBytesTotal: statistics.writeBytesTotal,
    rows: summarized.map(({ key, label, unit }) => {
      const metric = statistics.metrics[key];
      return {
        label,
        unit,
        statistic: metric ? { minimum: metric.minimum, mean: metric.average, maximum: metric.maximum } : null,
      };
    }),
  };
}
