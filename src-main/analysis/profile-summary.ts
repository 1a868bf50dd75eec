// The summary stored beside a profile, so lists and headers never read its samples.

import { totalWeight, type Profile } from '../../src-shared/profile/profile';
import type { ProfileSummary } from '../../src-shared/profile/views';

/** Counts, duration, achieved rate and threads of a profile. */
export function summarizeProfile(profile: Profile): ProfileSummary {
  const perThread = new Array<number>(profile.threads.length).fill(0);
  for (let index = 0; index < profile.samples.length; index++) perThread[profile.samples.thread[index]!]! += 1;
  const count = profile.samples.length;
  const timed = profile.weightUnit === 'milliseconds' && count > 1 && profile.durationMs > 0;
  const threadCount = Math.max(1, perThread.filter((samples) => samples > 0).length);
  return {
    kind: profile.kind,
    weightUnit: profile.weightUnit,
    tool: profile.source.tool,
    startTime: profile.startTime,
    durationMs: profile.durationMs,
    sampleCount: count,
    totalWeight: totalWeight(profile),
    // Per thread: several threads sampled at once would otherwise look like a faster rate.
    achievedRateHz: timed ? count / threadCount / (profile.durationMs / 1000) : null,
    requestedIntervalMs: profile.source.requestedIntervalMs,
    threads: profile.threads.map((thread, index) => ({ ...thread, sampleCount: perThread[index]! })),
  };
}
