// How long a session keeps its samples at full detail. A long recording keeps every sample of its
// recent past and of pinned ranges (alerts, anomalies, brushes the user pins); older samples are
// folded into buckets holding each metric's minimum, mean and maximum, so hours of recording stay
// small while a one-sample spike in an old bucket still shows as that bucket's maximum.

import type { EpochMilliseconds, Milliseconds, SessionId } from '../units';

/** Why a range is kept at full detail. */
export type PinReason = 'alert' | 'anomaly' | 'user';

/** Every pin reason, for validation. */
export const pinReasons = ['alert', 'anomaly', 'user'] as const satisfies readonly PinReason[];

/** A range of a session kept at full detail whatever its age. */
export interface PinnedRange {
  id: number;
  sessionId: SessionId;
  from: EpochMilliseconds;
  to: EpochMilliseconds;
  reason: PinReason;
  /** What the pin is for, as the user or the alert named it (data, never markup); may be empty. */
  label: string;
}

/** A session's retention: the full-detail window and the bucket size beyond it. */
export interface RetentionSettings {
  /** Samples younger than this (counted back from now) keep full detail; older ones become buckets unless pinned. */
  fullDetailMs: Milliseconds;
  /** The span one downsampled bucket covers. */
  bucketMs: Milliseconds;
}

/**
 * The longest a profile keeps every sample outside pinned ranges, whatever the timeline's window: a
 * Node.js profile samples at 1 kHz, so ten minutes are 600,000 samples (about 16 MB).
 */
export const profileFullDetailLimitMs: Milliseconds = 600_000;

/** The bounds settings must stay within (validated in params.ts, clamped nowhere else). */
export const retentionLimits = {
  minimumFullDetailMs: 1_000,
  maximumFullDetailMs: 7 * 24 * 3_600_000,
  minimumBucketMs: 100,
  maximumBucketMs: 3_600_000,
} as const;

/** A session's retention as the UI and the CLI show it. */
export interface RetentionState extends RetentionSettings {
  sessionId: SessionId;
  /** True while the session uses the defaults: nothing was set and nothing folded yet (a fold keeps its settings). */
  isDefault: boolean;
  pinned: PinnedRange[];
  /** Samples before this time (outside pinned ranges) are buckets now; null while nothing was downsampled. */
  downsampledBefore: EpochMilliseconds | null;
  /** How many buckets the downsampled tier holds, and how many samples they stand for. */
  bucketCount: number;
  bucketedSamples: number;
}

/**
 * The defaults, by sampling interval: an hour of full detail and 10 s buckets at 1 s and slower
 * (3,600 samples kept whole, then 10 samples a bucket); at faster sampling ten minutes of full
 * detail (6,000 samples at 100 ms), so a recording keeps about as many full samples either way.
 */
export function defaultRetention(intervalMs: Milliseconds): RetentionSettings {
  return intervalMs < 1_000
    ? { fullDetailMs: 600_000, bucketMs: 10_000 }
    : { fullDetailMs: 3_600_000, bucketMs: 10_000 };
}
