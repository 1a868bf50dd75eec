// A session's retention in words, the same in the session view and `thermograph show`:
// "Full detail: last 1 h and 2 pinned ranges · older: 10 s min/mean/max".

import { profileFullDetailLimitMs, type RetentionState } from '../model/retention';
import type { ProfileSummary } from '../profile/views';
import type { Milliseconds } from '../units';
import { formatDuration } from './units';

/** A retention span as the user set it: whole units read as "1 h", "10 min", "10 s", "500 ms". */
export function formatSpan(durationMs: Milliseconds): string {
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1_000],
  ] as const)
    if (durationMs >= size && durationMs % size === 0) return `${durationMs / size} ${unit}`;
  return formatDuration(durationMs);
}

/**
 * The one-line summary of a session's retention; with `profiled`, the profile's shorter window when
 * the timeline's is longer than profiles keep.
 */
export function describeRetention(state: RetentionState, profiled = false): string {
  const pins = state.pinned.length;
  const pinned = pins === 0 ? '' : ` and ${pins} pinned range${pins === 1 ? '' : 's'}`;
  const profile =
    profiled && state.fullDetailMs > profileFullDetailLimitMs
      ? ` (profile: last ${formatSpan(profileFullDetailLimitMs)})`
      : '';
  return `Full detail: last ${formatSpan(state.fullDetailMs)}${profile}${pinned} · older: ${formatSpan(state.bucketMs)} min/mean/max`;
}

/**
 * How a long recording's profile holds its samples, or null when each has its own row:
 * "5,895 samples in 2,366 rows: older ones folded, a row per bucket, thread and stack".
 */
export function describeProfileFolding(summary: Pick<ProfileSummary, 'sampleCount' | 'sampleRows'>): string | null {
  if (summary.sampleRows === undefined) return null;
  return `${summary.sampleCount.toLocaleString('en-US')} samples in ${summary.sampleRows.toLocaleString('en-US')} rows: older ones folded, a row per bucket, thread and stack`;
}

/** What the downsampled tier holds, or null while it is empty: "2,400 older samples kept as 240 buckets". */
export function describeDownsampled(state: RetentionState): string | null {
  if (state.bucketCount === 0) return null;
  return `${state.bucketedSamples.toLocaleString('en-US')} older samples kept as ${state.bucketCount.toLocaleString('en-US')} buckets`;
}
