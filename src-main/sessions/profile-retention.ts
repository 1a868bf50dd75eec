// How long a recording's profiles keep every sample. The timeline's retention (src-main/store/
// retention.ts) decides for profiles too: samples older than its full-detail window, and outside its
// pinned ranges (alerts, anomalies, the user's pins), are folded into its buckets
// (src-shared/profile/sample-folding.ts). A profile samples far faster than the timeline (1 kHz for
// Node.js), so its full-detail window is at most ten minutes: 600,000 samples, about 16 MB.

import { profileFullDetailLimitMs, type RetentionState } from '../../src-shared/model/retention';
import type { FoldRule } from '../../src-shared/profile/sample-folding';
import type { EpochMilliseconds, Milliseconds } from '../../src-shared/units';

/** What a profile folds at `now` under the session's retention. */
export function profileFoldRule(
  retention: Pick<RetentionState, 'fullDetailMs' | 'bucketMs' | 'pinned'>,
  now: EpochMilliseconds,
): FoldRule {
  return {
    before: now - Math.min(retention.fullDetailMs, profileFullDetailLimitMs),
    keep: retention.pinned.map(({ from, to }) => ({ from, to })),
    bucketMs: retention.bucketMs,
  };
}

/**
 * How often a running profiler folds: every minute, or as often as the full-detail window is short
 * (a window of seconds, set for a test or a tight machine), never more than once a second; every
 * minute while the retention cannot be read.
 */
export function profileFoldPeriodMs(retention: Pick<RetentionState, 'fullDetailMs'> | null): Milliseconds {
  return Math.max(1_000, Math.min(60_000, retention?.fullDetailMs ?? 60_000));
}
