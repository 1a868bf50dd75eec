// A profile's sample weights for people, in the CLI, the UI and the report alike: CPU time as ms or
// s, allocations as binary sizes (like every other byte count), bare sample counts as counts.
// Weights may be negative (differences between two profiles) and keep their sign.

import type { WeightUnit } from '../profile/profile';
import { formatBytes, formatCount, formatCountOf, formatDuration, significant } from './units';

/** A weight as "0.25 ms", "12.3 ms", "850 ms", "12.3 s", "2 min 05 s", "1.5 MiB" or "1,234" (samples). */
export function formatWeight(value: number, unit: WeightUnit): string {
  if (!Number.isFinite(value)) return '—';
  switch (unit) {
    case 'milliseconds':
      return formatMilliseconds(value);
    case 'bytes':
      return formatBytes(value);
    case 'samples':
      return formatCount(value);
  }
}

/** CPU time as a duration, with three significant digits below a second where formatDuration rounds to whole ms. */
function formatMilliseconds(value: number): string {
  // Below half a microsecond is nothing: sums of per-run differences leave -1e-17, which read "-0 ms".
  if (Math.abs(value) < 0.0005) return '0 ms';
  if (value < 0) return `-${formatMilliseconds(-value)}`;
  return value < 999.5 ? `${significant(value)} ms` : formatDuration(value);
}

/** A weight with its unit spelled out where the number alone would be ambiguous ("1,234 samples"). */
export function formatWeightLong(value: number, unit: WeightUnit): string {
  return unit === 'samples' && Number.isFinite(value) ? formatCountOf(value, 'sample') : formatWeight(value, unit);
}

/** A share of a total as "34.5%" ("<0.1%" for tiny non-zero shares, "—" without a total). */
export function formatShare(part: number, whole: number): string {
  if (!(whole > 0) || !Number.isFinite(part)) return '—';
  const percent = (part / whole) * 100;
  if (percent > 0 && percent < 0.1) return '<0.1%';
  return `${percent >= 99.95 ? '100' : percent.toFixed(1)}%`;
}

/** What a weight unit measures, for sentences such as "34.5% of CPU time". */
export function weightNoun(unit: WeightUnit): string {
  switch (unit) {
    case 'milliseconds':
      return 'CPU time';
    case 'bytes':
      return 'allocated bytes';
    case 'samples':
      return 'samples';
  }
}
