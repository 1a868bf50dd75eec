// A profile cut to a time range, for exporting the part of a session the user chose (`export --from
// --to`, the brushed range). Samples are sorted by time, so the cut is two binary searches and views
// of the sample columns; frames and stacks are shared with the whole profile.

import { withoutLineCosts, type Profile } from '../../src-shared/profile/profile';
import type { TimeRange } from '../../src-shared/profile/views';
import { firstSampleAtOrAfter } from '../analysis/profile-selection';

/** The samples of `profile` with start ≤ time < end (wall-clock milliseconds). */
export function profileInRange(profile: Profile, range: TimeRange): Profile {
  const { samples } = profile;
  const first = firstSampleAtOrAfter(samples.time, range.start - profile.startTime);
  const last = firstSampleAtOrAfter(samples.time, range.end - profile.startTime);
  return {
    ...withoutLineCosts(profile),
    durationMs: Math.max(0, Math.min(profile.durationMs, range.end - profile.startTime)),
    samples: {
      length: last - first,
      stack: samples.stack.subarray(first, last),
      time: samples.time.subarray(first, last),
      weight: samples.weight.subarray(first, last),
      thread: samples.thread.subarray(first, last),
      count: samples.count && samples.count.subarray(first, last),
    },
  };
}
