// Facts about a profile that detectors ask for, each in one pass over the samples: the weight by
// what kind of code was on top (idle, GC, JavaScript, …), the heaviest functions by self weight, the
// weight of samples whose stack holds a function matching a pattern (time blocked in fsync), and
// the stretches of samples where a thread never went idle (an event loop that was blocked).

import type { CodeLocation } from '../../../src-shared/diagnosis/diagnosis';
import { frameKinds, stringAt, type FrameKind, type Profile } from '../../../src-shared/profile/profile';

/** Weight by the kind of the frame on top of each sample. */
export function weightByLeafKind(profile: Profile, from = -Infinity, to = Infinity): Record<FrameKind, number> {
  const byKind = new Float64Array(frameKinds.length);
  const { stack, weight, time } = profile.samples;
  const { frame } = profile.stacks;
  const kinds = profile.frames.kind;
  for (let index = 0; index < stack.length; index++) {
    const at = profile.startTime + time[index]!;
    if (at < from || at > to) continue;
    byKind[kinds[frame[stack[index]!]!]!]! += weight[index]!;
  }
  return Object.fromEntries(frameKinds.map((kind, index) => [kind, byKind[index]!])) as Record<FrameKind, number>;
}

/** The kinds of frame that are not the program's own work: waiting, and the runtime's bookkeeping. */
const notWork: ReadonlySet<FrameKind> = new Set(['idle', 'program', 'gc']);

/** The functions with the most self weight (their own code on top), excluding idle, program and GC frames. */
export function topFunctions(profile: Profile, limit: number, from = -Infinity, to = Infinity): CodeLocation[] {
  const self = new Float64Array(profile.frames.length);
  const { stack, weight, time } = profile.samples;
  const { frame } = profile.stacks;
  let work = 0;
  for (let index = 0; index < stack.length; index++) {
    const at = profile.startTime + time[index]!;
    if (at < from || at > to) continue;
    const leaf = frame[stack[index]!]!;
    if (notWork.has(frameKinds[profile.frames.kind[leaf]!]!)) continue;
    self[leaf]! += weight[index]!;
    work += weight[index]!;
  }
  // Frames of one function at several lines are one function to a reader: merge by name and file.
  const byFunction = new Map<string, { frame: number; self: number }>();
  for (let index = 0; index < self.length; index++) {
    if (self[index] === 0) continue;
    const key = `${profile.frames.name[index]}\u0000${profile.frames.file[index]}`;
    const entry = byFunction.get(key);
    if (entry) entry.self += self[index]!;
    else byFunction.set(key, { frame: index, self: self[index]! });
  }
  return [...byFunction.values()]
    .sort((left, right) => right.self - left.self)
    .slice(0, limit)
    .map(({ frame: index, self: weightOf }) => locationOf(profile, index, work > 0 ? weightOf / work : 0));
}

/** A frame as a code location with a share. */
export function locationOf(profile: Profile, frame: number, share: number): CodeLocation {
  const line = profile.frames.line[frame]!;
  return {
    functionName: stringAt(profile, profile.frames.name[frame]!) ?? '(anonymous)',
    file: stringAt(profile, profile.frames.file[frame]!),
    line: line > 0 ? line : null,
    share,
  };
}

/**
 * The weight of the samples whose stack holds a frame whose name matches `pattern`, and the
 * heaviest such frame. Each stack is judged once (a stack's parent comes before it in the table).
 */
export function weightInFunctions(profile: Profile, pattern: RegExp): { weight: number; frame: number | null } {
  const names = profile.frames.name;
  const matchesFrame = new Int8Array(profile.frames.length);
  for (let index = 0; index < profile.frames.length; index++) {
    const name = stringAt(profile, names[index]!);
    matchesFrame[index] = name !== null && pattern.test(name) ? 1 : 0;
  }
  // The deepest matching frame of each stack (-1: none), from its parent's.
  const { parent, frame } = profile.stacks;
  const matched = new Int32Array(profile.stacks.length).fill(-1);
  for (let index = 0; index < profile.stacks.length; index++) {
    const own = frame[index]!;
    const up = parent[index]!;
    matched[index] = matchesFrame[own] ? own : up >= 0 && up < index ? matched[up]! : -1;
  }
  const perFrame = new Map<number, number>();
  let total = 0;
  const { stack, weight } = profile.samples;
  for (let index = 0; index < stack.length; index++) {
    const hit = matched[stack[index]!]!;
    if (hit < 0) continue;
    total += weight[index]!;
    perFrame.set(hit, (perFrame.get(hit) ?? 0) + weight[index]!);
  }
  let heaviest: number | null = null;
  for (const [hit, value] of perFrame) if (heaviest === null || value > perFrame.get(heaviest)!) heaviest = hit;
  return { weight: total, frame: heaviest };
}

/** A stretch of consecutive samples of one thread with no idle sample: the thread never waited. */
export interface BusyStretch {
  /** Epoch milliseconds. */
  from: number;
  to: number;
  durationMs: number;
}

/**
 * The busy stretches of a thread of a CPU profile (weight in milliseconds): runs of samples whose top
 * frame is not idle, each from its first sample to the next idle one. A profile with no idle sample
 * at all (a profiler that samples only on-CPU time) says nothing about waiting: empty.
 */
export function busyStretches(profile: Profile, thread: number): BusyStretch[] {
  const { stack, time, thread: threads } = profile.samples;
  const kinds = profile.frames.kind;
  const { frame } = profile.stacks;
  const idle = frameKinds.indexOf('idle');
  const stretches: BusyStretch[] = [];
  let start = -1;
  let sawIdle = false;
  for (let index = 0; index < stack.length; index++) {
    if (threads[index] !== thread) continue;
    const isIdle = kinds[frame[stack[index]!]!] === idle;
    if (isIdle) sawIdle = true;
    if (!isIdle && start < 0) start = time[index]!;
    if (isIdle && start >= 0) {
      stretches.push({
        from: profile.startTime + start,
        to: profile.startTime + time[index]!,
        durationMs: time[index]! - start,
      });
      start = -1;
    }
  }
  if (!sawIdle) return [];
  if (start >= 0) {
    const end = profile.durationMs;
    stretches.push({ from: profile.startTime + start, to: profile.startTime + end, durationMs: end - start });
  }
  return stretches;
}
