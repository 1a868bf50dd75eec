// The summary stored beside a profile, so lists and headers never read its samples.

import { sampleCountAt, sampleTotal, stringAt, totalWeight, type Profile } from '../../src-shared/profile/profile';
import type { ProfileSummary, TopFunction } from '../../src-shared/profile/views';

/** Counts, duration, achieved rate and threads of a profile. */
export function summarizeProfile(profile: Profile): ProfileSummary {
  const perThread = new Array<number>(profile.threads.length).fill(0);
  for (let index = 0; index < profile.samples.length; index++)
    perThread[profile.samples.thread[index]!]! += sampleCountAt(profile.samples, index);
  const count = sampleTotal(profile.samples);
  const timed = profile.weightUnit === 'milliseconds' && count > 1 && profile.durationMs > 0;
  const threadCount = Math.max(1, perThread.filter((samples) => samples > 0).length);
  const total = totalWeight(profile);
  return {
    kind: profile.kind,
    weightUnit: profile.weightUnit,
    tool: profile.source.tool,
    startTime: profile.startTime,
    durationMs: profile.durationMs,
    sampleCount: count,
    totalWeight: total,
    // Per thread: several threads sampled at once would otherwise look like a faster rate.
    achievedRateHz: timed ? count / threadCount / (profile.durationMs / 1000) : null,
    requestedIntervalMs: profile.source.requestedIntervalMs,
    threads: profile.threads.map((thread, index) => ({ ...thread, sampleCount: perThread[index]! })),
    ...(profile.samples.count ? { sampleRows: profile.samples.length } : {}),
    topFunction: topFunction(profile, total),
  };
}

/**
 * The frame with the most self weight (the leaf of the most samples, by weight), in one pass over
 * the samples: stored with the summary so the sessions list never decodes a profile.
 */
export function topFunction(profile: Profile, total: number = totalWeight(profile)): TopFunction | null {
  const self = new Float64Array(profile.frames.length);
  const { stack, weight } = profile.samples;
  for (let index = 0; index < profile.samples.length; index++) {
    const leaf = stack[index]!;
    if (leaf >= 0) self[profile.stacks.frame[leaf]!]! += weight[index]!;
  }
  let best = -1;
  for (let frame = 0; frame < self.length; frame++)
    if (self[frame]! > 0 && (best < 0 || self[frame]! > self[best]!)) best = frame;
  if (best < 0) return null;
  return {
    name: stringAt(profile, profile.frames.name[best]!) ?? '(anonymous)',
    file: stringAt(profile, profile.frames.file[best]!),
    selfWeight: self[best]!,
    selfShare: total > 0 ? self[best]! / total : 0,
  };
}
