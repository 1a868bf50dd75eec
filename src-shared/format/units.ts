// Human formatting of the units in units.ts, shared by the CLI and the UI so both say the same.

import type { Bytes, Milliseconds } from '../units';

const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Formats bytes with binary units, e.g. 1536 → "1.5 KiB". */
export function formatBytes(bytes: Bytes | null | undefined): string {
  if (bytes == null || Number.isNaN(bytes)) return '—';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < binaryUnits.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${bytes < 0 ? '-' : ''}${value.toFixed(digits)} ${binaryUnits[unit]}`;
}

/** Formats a byte rate, e.g. "1.2 MiB/s". */
export function formatByteRate(bytesPerSecond: number | null | undefined): string {
  return bytesPerSecond == null || Number.isNaN(bytesPerSecond) ? '—' : `${formatBytes(bytesPerSecond)}/s`;
}

/** Formats a percentage with one decimal below 10, e.g. "4.2%" or "97%". */
export function formatPercent(percent: number | null | undefined): string {
  if (percent == null || Number.isNaN(percent)) return '—';
  return `${percent < 10 ? percent.toFixed(1) : percent.toFixed(0)}%`;
}

/** Formats a duration for people: "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min". */
export function formatDuration(milliseconds: Milliseconds | null | undefined): string {
  if (milliseconds == null || Number.isNaN(milliseconds)) return '—';
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Formats a count with thousands separators, e.g. 12345 → "12,345". */
export function formatCount(count: number | null | undefined): string {
  if (count == null || Number.isNaN(count)) return '—';
  return Math.round(count).toLocaleString('en-US');
}
