// Folding old samples, so a profile of hours stays bounded. A long recording keeps every sample of
// its recent past and of pinned ranges (the minute around an alert, a range the user pinned); each
// older bucket of time keeps one row per thread, stack and line node, whose weight is the sum of
// the samples it stands for and whose count says how many they were. Flame graphs, hotspots and
// line costs of any range are exact to the bucket; sample counts stay exact everywhere.
//
// Buckets are aligned to multiples of the bucket size since the epoch, like the timeline's
// downsampled tier (src-main/store/retention.ts), and a pin keeps every bucket it touches whole, so
// a bucket is either wholly folded or wholly kept: folding again, or with a later `before`, never
// merges a row twice.

import type { EpochMilliseconds, Milliseconds } from '../units';
import type { Profile } from './profile';

/** Sample columns as a builder or a profile holds them (profile.ts's SampleTable, plus line nodes). */
export interface SampleRows {
  length: number;
  stack: Int32Array;
  time: Float64Array;
  weight: Float64Array;
  thread: Uint16Array;
  /** The line node of each row (-1: none); null when the profile has no per-sample lines. */
  node: Int32Array | null;
  /** How many samples each row stands for; null when every row is one. */
  count: Uint32Array | null;
}

/** Which rows to fold, in wall-clock milliseconds. */
export interface FoldRule {
  /** Rows at or after this stay whole (the recent past); taken down to a bucket boundary. */
  before: EpochMilliseconds;
  /** Ranges kept at full detail whatever their age, each widened to the buckets it touches. */
  keep: readonly { from: EpochMilliseconds; to: EpochMilliseconds }[];
  bucketMs: Milliseconds;
}

/**
 * The rows with those the rule folds merged per (bucket, thread, stack, line node), each merged row
 * at its first sample's place and time (so rows in time order stay in time order); null when the
 * rule folds nothing. Rows before `foldedBefore` (an earlier call's `before`) are copied unread.
 */
export function foldSampleRows(
  rows: SampleRows,
  startTime: EpochMilliseconds,
  rule: FoldRule,
  foldedBefore: EpochMilliseconds | null = null,
): SampleRows | null {
  const bucketMs = rule.bucketMs;
  if (!(bucketMs > 0)) throw new RangeError(`A fold's bucket must be a positive duration, not ${bucketMs}.`);
  const beforeBucket = Math.floor(rule.before / bucketMs);
  const fromEpoch = foldedBefore ?? Number.NEGATIVE_INFINITY;
  const kept = rule.keep.map((range) => [Math.floor(range.from / bucketMs), Math.floor(range.to / bucketMs)] as const);
  const bucketOf = (index: number): number => {
    const epoch = startTime + rows.time[index]!;
    if (epoch < fromEpoch) return -1;
    const bucket = Math.floor(epoch / bucketMs);
    if (bucket >= beforeBucket) return -1;
    for (const [first, last] of kept) if (bucket >= first && bucket <= last) return -1;
    return bucket;
  };
  // Only the rows from the first to the last folding one are looked at again; those around them
  // (the folded past, the recent window) are copied whole.
  let first = -1;
  let last = -1;
  for (let index = 0; index < rows.length; index++) {
    if (bucketOf(index) === -1) continue;
    if (first === -1) first = index;
    last = index;
  }
  if (first === -1) return null;

  const output = emptyRows(rows.length, rows.node !== null);
  copyRows(rows, 0, first, output, 0);
  const count = output.count!;
  const rowOfKey = new Map<string, number>();
  let length = first;
  for (let index = first; index <= last; index++) {
    const samples = rows.count === null ? 1 : rows.count[index]!;
    const bucket = bucketOf(index);
    const node = rows.node === null ? -1 : rows.node[index]!;
    if (bucket !== -1) {
      const key = `${bucket} ${rows.thread[index]!} ${rows.stack[index]!} ${node}`;
      const existing = rowOfKey.get(key);
      if (existing !== undefined) {
        output.weight[existing]! += rows.weight[index]!;
        count[existing]! += samples;
        continue;
      }
      rowOfKey.set(key, length);
    }
    output.stack[length] = rows.stack[index]!;
    output.time[length] = rows.time[index]!;
    output.weight[length] = rows.weight[index]!;
    output.thread[length] = rows.thread[index]!;
    if (output.node) output.node[length] = node;
    count[length] = samples;
    length++;
  }
  copyRows(rows, last + 1, rows.length, output, length);
  return sliceRows(output, length + rows.length - last - 1);
}

// Copies rows [from, to) to `output` at `at`, a column at a time; counts of 1 where rows have none.
function copyRows(rows: SampleRows, from: number, to: number, output: SampleRows, at: number): void {
  output.stack.set(rows.stack.subarray(from, to), at);
  output.time.set(rows.time.subarray(from, to), at);
  output.weight.set(rows.weight.subarray(from, to), at);
  output.thread.set(rows.thread.subarray(from, to), at);
  if (output.node) output.node.set(rows.node!.subarray(from, to), at);
  if (rows.count) output.count!.set(rows.count.subarray(from, to), at);
  else output.count!.fill(1, at, at + to - from);
}

/** The rows in time order (stable); the same object when they already are. */
export function rowsInTimeOrder(rows: SampleRows): SampleRows {
  const { time } = rows;
  let ordered = true;
  for (let index = 1; index < rows.length && ordered; index++) ordered = time[index - 1]! <= time[index]!;
  if (ordered) return rows;
  const order = new Uint32Array(rows.length);
  for (let index = 0; index < order.length; index++) order[index] = index;
  order.sort((left, right) => time[left]! - time[right]! || left - right);
  const pick = <T extends Int32Array | Float64Array | Uint16Array | Uint32Array>(column: T): T => {
    const sorted = new (column.constructor as new (length: number) => T)(rows.length);
    for (let index = 0; index < order.length; index++) sorted[index] = column[order[index]!]!;
    return sorted;
  };
  return {
    length: rows.length,
    stack: pick(rows.stack),
    time: pick(rows.time),
    weight: pick(rows.weight),
    thread: pick(rows.thread),
    node: rows.node && pick(rows.node),
    count: rows.count && pick(rows.count),
  };
}

/**
 * The profile with its old samples folded by `rule` (see the file comment); the same object when
 * nothing folds. Per-sample line nodes fold with their samples; V8's whole-recording line ticks
 * are untouched.
 */
export function foldProfile(profile: Profile, rule: FoldRule): Profile {
  const lines = profile.lines;
  const folded = foldSampleRows({ ...profile.samples, node: lines?.sampleNode ?? null }, profile.startTime, rule);
  if (!folded) return profile;
  const { node, ...samples } = rowsInTimeOrder(folded);
  return { ...profile, samples, ...(lines ? { lines: { ...lines, sampleNode: node } } : {}) };
}

function emptyRows(length: number, withNodes: boolean): SampleRows {
  return {
    length,
    stack: new Int32Array(length),
    time: new Float64Array(length),
    weight: new Float64Array(length),
    thread: new Uint16Array(length),
    node: withNodes ? new Int32Array(length) : null,
    count: new Uint32Array(length),
  };
}

// The first `length` rows, as views (a fold leaves its output a little longer than needed).
function sliceRows(rows: SampleRows, length: number): SampleRows {
  return {
    length,
    stack: rows.stack.subarray(0, length),
    time: rows.time.subarray(0, length),
    weight: rows.weight.subarray(0, length),
    thread: rows.thread.subarray(0, length),
    node: rows.node && rows.node.subarray(0, length),
    count: rows.count && rows.count.subarray(0, length),
  };
}
