// The one profile model every profiler and importer produces (through ProfileBuilder) and every
// analysis reads. Columnar and typed-array backed, like the Firefox Profiler's tables, so a million
// samples cost a few megabytes and no per-sample objects. Immutable once built.

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

/** One row per sample, ordered by time. */
export interface SampleTable {
  readonly length: number;
  readonly stack: Int32Array;
  /** Milliseconds since Profile.startTime. */
  readonly time: Float64Array;
  /** In Profile.weightUnit. */
  readonly weight: Float64Array;
  readonly thread: Uint16Array;
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

/** The total weight of all samples. */
export function totalWeight(profile: Profile): number {
  let sum = 0;
  const weights = profile.samples.weight;
  for (let index = 0; index < weights.length; index++) sum += weights[index]!;
  return sum;
}
