// The one profile model every profiler and importer produces (through ProfileBuilder) and every
// analysis reads. Columnar and typed-array backed, like the Firefox Profiler's tables, so a million
// samples cost a few megabytes and no per-sample objects. Immutable once built.
//
// Line costs (optional, `lines`): a frame's `line` is where its function starts, so the line that
// ran in each sample is kept apart, in one of two forms, never both invented from the other:
// - per sample (austin, whose every frame carries the line it runs): a tree of line nodes beside
//   the stack tree, each (parent line node, stack row, line), and `lines.sampleNode[i]` the node of
//   sample i. Walking a sample's nodes gives every frame's running line: self cost per line (the
//   top node) and total cost per line (the call site in each caller). Follows ranges and threads.
// - aggregated (V8's positionTicks: ticks per line of each call-tree node, for the whole
//   recording): rows of (stack row, line, ticks). Self cost only, and a range or thread cannot be
//   honoured: views say so instead of splitting the ticks over time.
// Lines are 1-based and bounded to 2^31 - 1; 0 means unknown.

import type { EpochMilliseconds, Milliseconds } from '../units';

/** What kind of code a frame is; drives colour in the flame graph. Stored by index: append only. */
export const frameKinds = ['js', 'native', 'python', 'kernel', 'gc', 'idle', 'program'] as const;
/** The kind of code one frame runs. */
export type FrameKind = (typeof frameKinds)[number];

/** An index into Profile.strings. */
export type IndexIntoStringTable = number;
/** An index into the frame table. */
export type IndexIntoFrameTable = number;
/** An index into the stack table; -1 means "no parent" (a root). */
export type IndexIntoStackTable = number;
/** An index into the thread list. */
export type IndexIntoThreadTable = number;

/** What a profile measures. */
export type ProfileKind = 'cpu' | 'allocation';

/**
 * The unit of sample weights: CPU time in milliseconds, allocated bytes, or plain sample counts
 * (formats such as folded stacks carry counts without a sampling interval).
 */
export type WeightUnit = 'milliseconds' | 'bytes' | 'samples';

/** Where frame strings live: -1 is "none". */
export const noString: IndexIntoStringTable = -1;

/** One row per distinct function location. Strings are indexes into Profile.strings. */
export interface FrameTable {
  readonly length: number;
  readonly name: Int32Array;
  /** Source file or binary path; noString when unknown. */
  readonly file: Int32Array;
  /** 1-based line; 0 when unknown. */
  readonly line: Int32Array;
  /** 1-based column; 0 when unknown. */
  readonly column: Int32Array;
  /** Library, package or DSO; noString when unknown. */
  readonly module: Int32Array;
  /** Index into frameKinds. */
  readonly kind: Uint8Array;
}

/** A tree of call stacks: each row is a frame on top of its parent row (-1 for a root). */
export interface StackTable {
  readonly length: number;
  readonly parent: Int32Array;
  readonly frame: Int32Array;
}

/**
 * One row per sample, ordered by time. A row may stand for several samples of one stack: a long
 * recording folds its old samples per bucket of time (profile-folding.ts), summing their weights and
 * keeping how many they were in `count`, so sample counts (and the statistics built on them) stay
 * exact. Iterate rows for weights; count samples with sampleCountAt / sampleTotal.
 */
export interface SampleTable {
  readonly length: number;
  readonly stack: Int32Array;
  /** Milliseconds since Profile.startTime (a folded row: its first sample's). */
  readonly time: Float64Array;
  /** In Profile.weightUnit. */
  readonly weight: Float64Array;
  readonly thread: Uint16Array;
  /** How many samples each row stands for; null when every row is one sample (nothing was folded). */
  readonly count: Uint32Array | null;
}

/** Line nodes: each is the line running in its stack row's frame, over its parent's (the caller's line). */
export interface LineNodeTable {
  readonly length: number;
  /** The caller's line node; -1 at a root. */
  readonly parent: Int32Array;
  /** The stack row whose top frame runs this line. */
  readonly stack: Int32Array;
  /** 1-based; 0 when this frame's line is unknown. */
  readonly line: Int32Array;
}

/** Ticks per line of a stack row's top frame, for the whole recording (V8's positionTicks). */
export interface LineTickTable {
  readonly length: number;
  readonly stack: Int32Array;
  readonly line: Int32Array;
  /** Sample counts (not weights). */
  readonly ticks: Float64Array;
}

/** What ran on which line; see the header comment for the two forms. */
export interface LineCosts {
  /** The line node of each sample (-1: that sample has none); null when no sample has one. */
  readonly sampleNode: Int32Array | null;
  readonly nodes: LineNodeTable;
  readonly ticks: LineTickTable;
}

/** A thread (or process) the samples came from. */
export interface ProfileThread {
  name: string;
  /** The OS thread or process id, when the source has one. */
  tid: number | null;
}

/** Where a profile came from, for headers and for "why does this look like that". */
export interface ProfileSource {
  /** The profiler or importer: 'node-inspector', 'perf', 'austin', 'cpuprofile', 'pprof', … */
  tool: string;
  /** The sampling interval asked for, when the source has one. */
  requestedIntervalMs: Milliseconds | null;
  /** Why a profiler that can record line costs left them out of this profile (perf: too many samples, too slow). */
  linesNote?: string;
}

/** A whole profile. Build it with ProfileBuilder; never mutate it. */
export interface Profile {
  readonly kind: ProfileKind;
  readonly weightUnit: WeightUnit;
  /** Wall-clock time of sample time 0. */
  readonly startTime: EpochMilliseconds;
  /** From startTime to the end of the last sample. */
  readonly durationMs: Milliseconds;
  readonly source: ProfileSource;
  readonly strings: readonly string[];
  readonly frames: FrameTable;
  readonly stacks: StackTable;
  readonly samples: SampleTable;
  readonly threads: readonly ProfileThread[];
  /** Line-level costs when the source records them; absent otherwise (and after transforms). */
  readonly lines?: LineCosts;
}

/** The frame fields a builder takes; strings are plain and deduplicated by the builder. */
export interface FrameInput {
  name: string;
  kind: FrameKind;
  file?: string | null;
  line?: number | null;
  column?: number | null;
  module?: string | null;
}

/** The string at an index, or null for noString. */
export function stringAt(profile: Pick<Profile, 'strings'>, index: IndexIntoStringTable): string | null {
  return index === noString ? null : (profile.strings[index] ?? null);
}

/** How many samples row `index` stands for. */
export function sampleCountAt(samples: SampleTable, index: number): number {
  return samples.count === null ? 1 : samples.count[index]!;
}

/** How many samples the rows from `first` up to `last` stand for. */
export function sampleTotal(samples: SampleTable, first = 0, last = samples.length): number {
  if (samples.count === null) return Math.max(0, last - first);
  let total = 0;
  for (let index = first; index < last; index++) total += samples.count[index]!;
  return total;
}

/** The total weight of all samples. */
export function totalWeight(profile: Profile): number {
  let sum = 0;
  const weights = profile.samples.weight;
  for (let index = 0; index < weights.length; index++) sum += weights[index]!;
  return sum;
}

/**
 * The profile's fields without its line costs: for views that rebuild stacks or cut samples, whose
 * line nodes would then name rows that are no longer there.
 */
export function withoutLineCosts(profile: Profile): Omit<Profile, 'lines'> {
  const { lines, ...rest } = profile;
  void lines;
  return rest;
}
