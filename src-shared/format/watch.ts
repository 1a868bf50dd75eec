// Watch events in words, one sentence each, the same in the CLI, the toast, the desktop notification,
// the timeline's marker and the report: what fired or cleared, the reading, and since when.

import { alertMetricUnit, type AlertEvent, type WatchEvent } from '../model/watch';
import type { EpochMilliseconds } from '../units';
import { formatBytes, formatBytesRate, formatDuration, formatMetric, significant } from './units';
import type { MemoryForecast } from '../model/trends';

/**
 * "cpu>90%:10s fired: 97 %, over the threshold for 10 s." and its cleared counterpart. The threshold
 * is the rule's own text (in the user's unit: "120MB"), not a conversion of it.
 */
export function describeAlert(alert: AlertEvent): string {
  const value = (reading: number | null) => formatAlertValue(reading, alert);
  const heldMs = alert.time - alert.since;
  if (alert.kind === 'fired') {
    const held = heldMs > 0 ? `, over the threshold for ${formatDuration(heldMs)}` : '';
    return `${alert.rule.text} fired: ${value(alert.value)}${held}.`;
  }
  const why = alert.value === null ? 'the metric could no longer be read' : `now ${value(alert.value)}`;
  return `${alert.rule.text} cleared: ${why}; the episode lasted ${formatDuration(heldMs)}, at worst ${value(alert.peak)}.`;
}

const decimalSizes = [
  ['TB', 1e12],
  ['GB', 1e9],
  ['MB', 1e6],
  ['kB', 1e3],
] as const;

/**
 * A reading in the unit family of the rule's threshold: a size rule written in kB/MB/GB is answered
 * in powers of 1000 ("rss>1.5GB fired: 1.51 GB", not "1.41 GiB"), any other as the app shows it.
 */
function formatAlertValue(reading: number | null, alert: AlertEvent): string {
  const unit = alertMetricUnit(alert.rule.metric);
  const decimal =
    (unit === 'bytes' || unit === 'bytesPerSecond') && /\d\s*[kKMGT]B(\/s)?\s*(:|$)/.test(alert.rule.text);
  if (reading === null || !decimal) return formatMetric(reading, unit);
  const [name, size] = decimalSizes.find(([, factor]) => Math.abs(reading) >= factor) ?? ['B', 1];
  return `${significant(reading / size)} ${name}${unit === 'bytesPerSecond' ? '/s' : ''}`;
}

/** One event's sentence: an alert as above, an anomaly as its detector said it. */
export function describeWatchEvent(event: WatchEvent): string {
  return event.kind === 'alert' ? describeAlert(event.alert) : event.anomaly.message;
}

/** A short title for a notification: "Alert: cpu>90%:10s", "Anomaly: rss". */
export function watchEventTitle(event: WatchEvent): string {
  if (event.kind === 'alert') return `${event.alert.kind === 'fired' ? 'Alert' : 'Cleared'}: ${event.alert.rule.text}`;
  return `Anomaly: ${event.anomaly.metric} ${event.anomaly.kind === 'levelShift' ? 'level shift' : event.anomaly.kind}`;
}

/** The event's offset into the recording, as the timeline's clock shows it ("+1:23.4"). */
export function watchEventOffset(time: EpochMilliseconds, startedAt: EpochMilliseconds): string {
  return `+${formatDuration(Math.max(0, time - startedAt))}`;
}

/** "RSS reaches the cgroup limit (512 MiB, /app) in about 2 h (1 h 40 min to 2 h 30 min) at 41 kB/s." or the reason there is no forecast. */
export function describeMemoryForecast({ limit, forecast }: MemoryForecast): string {
  if (forecast.status !== 'growing') return forecast.reason;
  const where =
    limit.source === 'cgroup'
      ? `its cgroup's limit (${formatBytes(limit.bytes)}, ${limit.cgroup})`
      : `the machine's memory (${formatBytes(limit.bytes)})`;
  const interval = `${formatDuration(forecast.remainingLowMs)} to ${formatDuration(forecast.remainingHighMs)}`;
  return `RSS reaches ${where} in about ${formatDuration(forecast.remainingMs)} (${interval}) at ${formatBytesRate(forecast.slope.estimate)}, the slope of the last ${formatDuration(forecast.windowMs)}.`;
}
