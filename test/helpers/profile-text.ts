// A tiny text form of profiles for tests (the Firefox Profiler's text DSL, speedscope's folded
// snapshots): build a Profile from `a;b;c 10` lines, and summarise one back into sorted lines, so
// tests assert readable stacks instead of whole typed-array tables.

import { ProfileBuilder, type ProfileHeader } from '../../src-shared/profile/builder';
import type { IndexIntoStackTable, Profile } from '../../src-shared/profile/profile';
import { guessFrameKind } from '../../src-main/import/folded';

/** Options for foldedSummary. */
export interface FoldedSummaryOptions {
  /** Only this thread's samples; all threads merged when omitted. */
  thread?: number;
  /** Decimal places weights are rounded to (default 3), so unit conversions compare equal. */
  decimals?: number;
  /** Frames to leave out of paths (e.g. "(idle)"); a sample whose path becomes empty is dropped. */
  omitFrames?: readonly string[];
}

/** Sorted `a;b;c weight` lines, one per distinct stack, weights summed and rounded. */
export function foldedSummary(profile: Profile, options: FoldedSummaryOptions = {}): string {
  const decimals = options.decimals ?? 3;
  const omitted = new Set(options.omitFrames ?? []);
  const pathOfStack = new Map<IndexIntoStackTable, string>();
  const pathOf = (stack: IndexIntoStackTable): string => {
    let path = pathOfStack.get(stack);
    if (path !== undefined) return path;
    const names: string[] = [];
    for (let row = stack; row !== -1; row = profile.stacks.parent[row]!) {
      const name = profile.strings[profile.frames.name[profile.stacks.frame[row]!]!]!;
      if (!omitted.has(name)) names.push(name);
    }
    path = names.reverse().join(';');
    pathOfStack.set(stack, path);
    return path;
  };
  const weights = new Map<string, number>();
  const { samples } = profile;
  for (let index = 0; index < samples.length; index++) {
    if (options.thread !== undefined && samples.thread[index] !== options.thread) continue;
    const path = pathOf(samples.stack[index]!);
    if (path === '') continue;
    weights.set(path, (weights.get(path) ?? 0) + samples.weight[index]!);
  }
  const scale = 10 ** decimals;
  return [...weights]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([path, weight]) => `${path} ${Math.round(weight * scale) / scale}`)
    .join('\n');
}

/**
 * A Profile from lines `a;b;c 10` (root first; blank lines ignored). Samples follow each other in
 * time, each lasting its weight when the unit is milliseconds, so the result is valid for every
 * exporter. Frame kinds are guessed from names (`x.js` → js, `x.py` → python, else native).
 */
export function profileFromText(text: string, header: Partial<ProfileHeader> = {}): Profile {
  const builder = new ProfileBuilder({
    kind: header.kind ?? 'cpu',
    weightUnit: header.weightUnit ?? 'samples',
    startTime: header.startTime ?? 0,
    source: header.source ?? { tool: 'test', requestedIntervalMs: null },
  });
  const timed = (header.weightUnit ?? 'samples') === 'milliseconds';
  let time = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const space = line.lastIndexOf(' ');
    const weight = Number(line.slice(space + 1));
    if (space <= 0 || !Number.isFinite(weight)) throw new Error(`profileFromText: bad line "${line}"`);
    const frames = line
      .slice(0, space)
      .split(';')
      .map((name) => builder.frame({ name, kind: guessFrameKind(name) }));
    builder.sample(builder.stackOf(frames), time, weight);
    time += timed ? weight : 1;
  }
  return builder.build();
}
