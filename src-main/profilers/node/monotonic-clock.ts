// V8 stamps profile samples with microseconds of CLOCK_MONOTONIC (base::TimeTicks on Linux), the
// clock process.hrtime reads too, and every process on a machine shares it. Reading it next to
// Date.now() here therefore maps the target's timestamps to wall-clock time.

import type { EpochMilliseconds } from '../../../src-shared/units';

/** Converts CLOCK_MONOTONIC microseconds to epoch milliseconds. */
export type MonotonicToEpoch = (monotonicMicroseconds: number) => EpochMilliseconds;

/**
 * Measures the offset between the monotonic and wall clocks now. Of a few paired readings the one
 * with the smallest gap between its two monotonic reads wins, so a preemption mid-pair cannot skew
 * it. Measure once per session: later wall-clock steps (NTP) then do not split a profile.
 */
export function measureMonotonicToEpoch(): MonotonicToEpoch {
  let bestGap = Number.POSITIVE_INFINITY;
  let offset = 0;
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = process.hrtime.bigint();
    const wall = Date.now();
    const after = process.hrtime.bigint();
    const gap = Number(after - before);
    if (gap < bestGap) {
      bestGap = gap;
      offset = wall - Number((before + after) / 2n) / 1e6;
    }
  }
  return (monotonicMicroseconds) => monotonicMicroseconds / 1000 + offset;
}
