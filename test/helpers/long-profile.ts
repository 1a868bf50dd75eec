// A simulated long Node.js-like CPU profile, built a minute at a time and folded after each minute
// as a recording does (src-main/sessions/profiling.ts), for the folding tests and the
// profile-retention benchmark. Stacks are drawn with a skew (a few hot handlers, a long tail) from a
// seeded generator, so every run builds the same profile.

import { ProfileBuilder } from '../../src-shared/profile/builder';
import type { Profile } from '../../src-shared/profile/profile';
import type { PinnedRange } from '../../src-shared/model/retention';
import { seededRandom } from '../../src-shared/seeded-random';
import { profileFoldRule } from '../../src-main/sessions/profile-retention';

/** What to simulate. */
export interface LongProfileOptions {
  startTime: number;
  minutes: number;
  rateHz: number;
  stackCount: number;
  /** null: keep every sample (never fold). */
  retention: { fullDetailMs: number; bucketMs: number; pinned: PinnedRange[] } | null;
}

/** The built profile, the most rows held between folds, the time each fold took, and what was sampled. */
export interface LongProfile {
  profile: Profile;
  maximumRows: number;
  foldMs: number[];
  /** Samples and summed weight per stack row, as sampled. */
  countByStack: Float64Array;
  weightByStack: Float64Array;
  /** Profile times of the samples inside the first pinned range. */
  pinnedTimes: number[];
}

/** Builds the profile; see the file comment. */
export function simulateLongProfile(options: LongProfileOptions): LongProfile {
  const { startTime, rateHz } = options;
  const builder = new ProfileBuilder({
    kind: 'cpu',
    weightUnit: 'milliseconds',
    startTime,
    source: { tool: 'simulation', requestedIntervalMs: 1000 / rateHz },
  });
  const root = builder.stack(-1, builder.frame({ name: 'main', kind: 'js', file: 'server.js', line: 1 }));
  const stacks = Array.from({ length: options.stackCount }, (_, index) =>
    builder.stack(root, builder.frame({ name: `handler${index}`, kind: 'js', file: 'server.js', line: 10 + index })),
  );
  const random = seededRandom(11);
  const countByStack = new Float64Array(stacks.at(-1)! + 1);
  const weightByStack = new Float64Array(countByStack.length);
  const pin = options.retention?.pinned[0];
  const pinnedTimes: number[] = [];
  const foldMs: number[] = [];
  let maximumRows = 0;
  const intervalMs = 1000 / rateHz;
  for (let minute = 0; minute < options.minutes; minute++) {
    for (let tick = 0; tick < 60 * rateHz; tick++) {
      const time = minute * 60_000 + tick * intervalMs + random() * 0.2 * intervalMs;
      const stack = stacks[Math.floor(options.stackCount * random() ** 3)]!;
      const weight = intervalMs * (0.9 + random() * 0.2);
      builder.sample(stack, time, weight);
      countByStack[stack]! += 1;
      weightByStack[stack]! += weight;
      if (pin && startTime + time >= pin.from && startTime + time <= pin.to) pinnedTimes.push(time);
    }
    maximumRows = Math.max(maximumRows, builder.sampleCount);
    if (!options.retention) continue;
    const began = performance.now();
    builder.fold(profileFoldRule(options.retention, startTime + (minute + 1) * 60_000));
    foldMs.push(performance.now() - began);
  }
  const profile = builder.build(options.minutes * 60_000);
  return { profile, maximumRows, foldMs, countByStack, weightByStack, pinnedTimes };
}
