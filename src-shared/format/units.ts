// Human formatting of the units in units.ts for tables, axes, tooltips and the CLI, so every surface
// says the same. Sizes are binary (KiB, MiB, GiB) because that is what /proc reports. null,
// undefined, NaN and infinities print as an em dash.

import type { Bytes, BytesPerSecond, CorePercent, EpochMilliseconds, Milliseconds, PerSecond } from '../units';
import type { MetricUnit } from '../model/resource';

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Three significant digits at most, without trailing zeros ("1.5", "12.3", "123"). */
export function significant(value: number): string {
  const absolute = Math.abs(value);
  const digits = absolute >= 100 ? 0 : absolute >= 10 ? 1 : 2;
  return Number(value.toFixed(digits)).toString();
}

/** A byte count as "512 B", "1.5 KiB", "12.3 MiB", "2.05 GiB". */
export function formatBytes(bytes: Bytes | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return '—';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit++;
  }
  // 1023.9 KiB would print as "1024 KiB"; rounding up to the next unit reads better.
  if (unit < byteUnits.length - 1 && Number(significant(value)) >= 1024) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? Math.round(value) : significant(value)} ${byteUnits[unit]}`;
}

/** A byte rate as "1.5 MiB/s". */
export function formatBytesRate(rate: BytesPerSecond | null | undefined): string {
  return rate == null || !Number.isFinite(rate) ? '—' : `${formatBytes(rate)}/s`;
}

/** A percentage as "12.3%" (core percent may exceed 100). */
export function formatPercent(percent: CorePercent | null | undefined): string {
  if (percent == null || !Number.isFinite(percent)) return '—';
  return `${significant(percent)}%`;
}

/** A count with k/M suffixes past ten thousand, otherwise grouped digits ("1,234", "45.6k"). */
export function formatCount(count: number | null | undefined): string {
  if (count == null || !Number.isFinite(count)) return '—';
  const absolute = Math.abs(count);
  if (absolute >= 1e9) return `${significant(count / 1e9)}G`;
  if (absolute >= 1e6) return `${significant(count / 1e6)}M`;
  if (absolute >= 1e4) return `${significant(count / 1e3)}k`;
  return Number.isInteger(count) ? count.toLocaleString('en-US') : significant(count);
}

/** A count with its noun, singular for exactly one: "1 sample", "4,096 samples". */
export function formatCountOf(count: number, noun: string): string {
  return `${formatCount(count)} ${count === 1 ? noun : `${noun}s`}`;
}

/** An event rate as "1.2k/s". */
export function formatPerSecond(rate: PerSecond): string {
  return `${formatCount(rate)}/s`;
}

/** Formats a metric value by its unit; null (unreadable) shows as an em dash. */
export function formatMetric(value: number | null | undefined, unit: MetricUnit): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  switch (unit) {
    case 'corePercent':
    case 'percent':
      return formatPercent(value);
    case 'bytes':
      return formatBytes(value);
    case 'bytesPerSecond':
      return formatBytesRate(value);
    case 'perSecond':
      return formatPerSecond(value);
    case 'count':
      return formatCount(value);
    case 'load':
      return value.toFixed(2);
  }
}

/** A duration for people: "850 ms", "12.3 s", "2 min 05 s", "1 h 02 min". */
export function formatDuration(durationMs: Milliseconds | null | undefined): string {
  if (durationMs == null || !Number.isFinite(durationMs) || durationMs < 0) return '—';
  // The limits are where rounding would print "1000 ms" or "60 s"; the next unit reads better.
  if (durationMs < 999.5) return `${Math.round(durationMs)} ms`;
  if (durationMs < 59_950) return `${significant(durationMs / 1000)} s`;
  const totalSeconds = Math.round(durationMs / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/**
 * Time since a recording started as a clock: "mm:ss", "h:mm:ss" past an hour, and tenths of a
 * second ("mm:ss.s") when `showTenths` is set (axis labels of a zoomed-in timeline).
 */
export function formatClock(elapsedMs: Milliseconds, showTenths = false): string {
  const sign = elapsedMs < 0 ? '-' : '';
  const absolute = Math.abs(elapsedMs);
  const tenthsTotal = Math.floor(absolute / 100);
  const totalSeconds = Math.floor(tenthsTotal / 10);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const clock =
    hours > 0
      ? `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`
      : `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return `${sign}${clock}${showTenths ? `.${tenthsTotal % 10}` : ''}`;
}

/** A wall-clock instant in the user's locale, with date and time to the second. */
export function formatDateTime(time: EpochMilliseconds): string {
  return new Date(time).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
