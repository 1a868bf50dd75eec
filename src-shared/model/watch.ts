// Watching a process for hours: the alert rules a developer sets ("cpu>90%:10s"), the events they
// raise, and the anomalies the detector finds on its own. The engine evaluates them
// (src-main/analysis/watch/); the UI, the CLI and the store carry these values.

import type { EpochMilliseconds, Milliseconds } from '../units';
import type { MemoryForecast } from './trends';
import { metricDescriptors, type MetricKey, type MetricUnit } from './resource';

/**
 * What an alert can watch: any recorded metric, plus `cpu`, the process's whole CPU use
 * (cpuUser + cpuSystem, in core percent: 100 = one busy core, so 2 cores can reach 200).
 */
export type AlertMetric = MetricKey | 'cpu';

/** How a reading is compared with the threshold. */
export type AlertComparison = '>' | '>=' | '<' | '<=';

/** One alert rule: fires when `metric comparison threshold` has held for `durationMs`. */
export interface AlertRule {
  metric: AlertMetric;
  comparison: AlertComparison;
  /** In the metric's unit (corePercent, bytes, bytes per second, count…), already converted. */
  threshold: number;
  /** How long the condition must hold before the alert fires; 0 fires on the first reading over it. */
  durationMs: Milliseconds;
  /** After an episode, the least time from its firing to the next one, so a flapping metric cannot flood. */
  cooldownMs: Milliseconds;
  /** The rule as the user wrote it ("cpu>90%:10s"), for labels and messages. */
  text: string;
}

/** The default cooldown when a rule does not say one: one alert a minute at most per rule. */
export const defaultAlertCooldownMs: Milliseconds = 60_000;

/** An alert that fired or an episode that ended, with the readings that justify it. */
export interface AlertEvent {
  kind: 'fired' | 'cleared';
  rule: AlertRule;
  /** The reading that fired or cleared the alert. */
  time: EpochMilliseconds;
  /** The metric's value at `time`; null when the episode cleared because the metric stopped being readable. */
  value: number | null;
  threshold: number;
  /** When the condition started holding (the first reading over it in this episode). */
  since: EpochMilliseconds;
  /** The worst reading of the episode so far: the highest for > and >=, the lowest for < and <=. */
  peak: number;
}

/** The aliases the CLI accepts besides every metric's own key, and what they mean. */
export const alertMetricAliases: Readonly<Record<string, AlertMetric>> = {
  cpu: 'cpu',
  rss: 'rss',
  pss: 'pss',
  heap: 'jsHeapUsed',
  fds: 'fileDescriptors',
  threads: 'threads',
  read: 'readBytesRate',
  write: 'writeBytesRate',
};

/** An alert metric's unit: `cpu` is in core percent like cpuUser and cpuSystem. */
export function alertMetricUnit(metric: AlertMetric): MetricUnit {
  if (metric === 'cpu') return 'corePercent';
  return metricDescriptors.find((descriptor) => descriptor.key === metric)!.unit;
}

/** An alert metric's value in a sample: null when unreadable (cpu needs both of its parts). */
export function alertMetricValue(
  sample: { readonly [K in MetricKey]?: number | null },
  metric: AlertMetric,
): number | null {
  if (metric !== 'cpu') return sample[metric] ?? null;
  const user = sample.cpuUser;
  const system = sample.cpuSystem;
  return user == null || system == null ? null : user + system;
}

/** What an anomaly detector learns from before it judges: this many readings over at least this long. */
export const anomalyWarmUp = { readings: 60, durationMs: 30_000 } as const;

/** The kinds of departure the anomaly detector tells apart. */
export type AnomalyKind = 'spike' | 'levelShift' | 'drift';

/** The robust center and scale a reading was judged against. */
export interface AnomalyBaseline {
  center: number;
  /** A standard-deviation-like spread (1.2533 × the mean absolute deviation), floored for flat series. */
  scale: number;
}

/** One anomaly: one episode of departure from what the metric learned to expect. */
export interface Anomaly {
  metric: AlertMetric;
  kind: AnomalyKind;
  direction: 'up' | 'down';
  /** The reading at which the anomaly was decided. */
  time: EpochMilliseconds;
  /** When the departure started (the first reading of the spike, the start the CUSUM estimates). */
  since: EpochMilliseconds;
  /** The reading at `time`. */
  value: number;
  /**
   * How strong the evidence is: for a spike or a large shift, the largest |value − center| / scale of
   * the episode; for a CUSUM-found shift or drift, the CUSUM statistic (in scales) when it tripped.
   */
  score: number;
  baseline: AnomalyBaseline;
  /** One sentence for the UI and the CLI: what departed, how far, since when. */
  message: string;
}

/** One finding of a watched recording, as stored with the session and pushed to the UI. */
export type WatchEvent = { kind: 'alert'; alert: AlertEvent } | { kind: 'anomaly'; anomaly: Anomaly };

/** When a watch event happened: the reading that fired, cleared or decided it. */
export function watchEventTime(event: WatchEvent): EpochMilliseconds {
  return event.kind === 'alert' ? event.alert.time : event.anomaly.time;
}

/** One anomaly detector's state: what it judges against, or why it does not judge yet (still learning). */
export type DetectorStatus = { metric: AlertMetric } & (
  { judging: true; baseline: AnomalyBaseline } | { judging: false; reason: string }
);

/** What watches a session: its rules, whether anomalies are looked for, and what was found. */
export interface SessionWatch {
  rules: AlertRule[];
  anomalyDetection: boolean;
  /** Every alert fired or cleared and every anomaly, in time order. */
  events: WatchEvent[];
  /** The live detectors' states while the session records in this engine; empty otherwise. */
  detectors: DetectorStatus[];
  /** The rules saved as defaults for the session's target (used when a recording of it names none). */
  targetDefaults: AlertRule[];
  /**
   * When RSS reaches the process's memory limit at the slope of the last 10 minutes: against its
   * cgroup's limit while recorded here, else the machine's memory; null for a session without RSS.
   */
  memory: MemoryForecast | null;
}
