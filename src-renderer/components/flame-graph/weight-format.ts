// Sample weights in their unit for people: CPU time as ms or s, allocations as binary sizes (like
// every other byte count in the app), bare sample counts as counts.

import type { WeightUnit } from '../../../src-shared/profile/profile';
import { formatBytes, formatCount, formatDuration } from '../../../src-shared/format/units';

/** Three significant digits at most, without trailing zeros. */
function significant(value: number): string {
  const absolute = Math.abs(value);
  const digits = absolute >= 100 ? 0 : absolute >= 10 ? 1 : 2;
  return Number(value.toFixed(digits)).toString();
}

/** A weight as "0.25 ms", "850 ms", "12.3 s", "1.5 MiB" or "1,234" (samples). */
export function formatWeight(value: number, unit: WeightUnit): string {
  if (!Number.isFinite(value)) return '—';
  switch (unit) {
    case 'milliseconds':
      if (value === 0) return '0 ms';
      if (Math.abs(value) < 1000) return `${significant(value)} ms`;
      if (Math.abs(value) < 60_000) return `${significant(value / 1000)} s`;
      return formatDuration(value);
    case 'bytes':
      return formatBytes(value);
    case 'samples':
      return formatCount(value);
  }
}

/** A weight with its unit spelled out where the number alone would be ambiguous ("1,234 samples"). */
export function formatWeightLong(value: number, unit: WeightUnit): string {
  const text = formatWeight(value, unit);
  return unit === 'samples' ? `${text} ${value === 1 ? 'sample' : 'samples'}` : text;
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
  return unit === 'milliseconds' ? 'CPU time' : unit === 'bytes' ? 'allocated bytes' : 'samples';
}
