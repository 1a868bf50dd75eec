// Chrome/Node .cpuprofile import: the CDP Profiler.Profile object
// (https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile) as written by
// `node --cpu-prof` and DevTools, and the trace-event form DevTools' Performance panel saves
// ({traceEvents: [Profile, ProfileChunk…]}). The live Node profiler appends its CDP chunks through
// appendCpuProfile too, so a file and a recording become the same frames and stacks.

import { ThermographError } from '../../src-shared/api/errors';
import { ProfileBuilder } from '../../src-shared/profile/builder';
import type { Profile } from '../../src-shared/profile/profile';
import type { Bytes, EpochMilliseconds, Milliseconds } from '../../src-shared/units';
import type { ImportInput, ImportOptions, ProfileImporter } from './importer';
import { appendCallTree, callTreeOfNodes, type NodeStacks } from './cpuprofile-call-tree';
import { mayScanCpuProfile, readAllBytes, scanCpuProfile, type CpuProfileTable } from './cpuprofile-scan';
import { isLegacyCpuProfile, legacyCpuProfile } from './cpuprofile-legacy';
import { profilesOfTrace, traceEventsOf } from './cpuprofile-trace';
import { readJson } from './json-stream';

/** Where a CDP node's code is: lineNumber and columnNumber are 0-based, -1 or absent when unknown. */
export interface CdpCallFrame {
  functionName: string;
  url?: string;
  scriptId?: string;
  lineNumber?: number;
  columnNumber?: number;
}

/** One node of a CDP profile: a call frame under its parent, listed by children ids or a parent id. */
export interface CdpProfileNode {
  id: number;
  callFrame: CdpCallFrame;
  children?: number[];
  parent?: number;
}

/** A CDP Profiler.Profile: timestamps and deltas are microseconds of the target's monotonic clock. */
export interface CdpProfile {
  nodes: CdpProfileNode[];
  startTime: number;
  endTime?: number;
  samples: number[];
  timeDeltas: number[];
}

/** How appendCpuProfile places samples in time, and how strict it is. */
export interface CpuProfileTiming {
  /** Milliseconds since the builder's startTime for a V8 timestamp in microseconds. */
  toProfileTime(timestampMicroseconds: number): Milliseconds;
  /** Files with negative deltas are damaged ('reject'); a live chunk is kept with them clamped to 0. */
  negativeDeltas: 'reject' | 'clamp';
  /** Names the source in error messages: a file name, or "the inspector's profile". */
  sourceName: string;
}

/** The V8 time span a profile covered, in microseconds, and how many samples it had. */
export interface AppendedSpan {
  startMicroseconds: number;
  endMicroseconds: number;
  sampleCount: number;
}

/**
 * Appends one CDP profile's samples to a CPU builder (weightUnit milliseconds). Each sample weighs
 * the time until the next one (the last: until endTime), as DevTools counts it, because achieved
 * sampling rates drift from the requested interval. Throws ThermographError('invalid-profile').
 */
export function appendCpuProfile(
  builder: ProfileBuilder,
  profile: unknown,
  timing: CpuProfileTiming,
  thread = 0,
): AppendedSpan {
  const fail = failure(timing.sourceName);
  return appendCpuProfileTable(builder, cpuProfileTable(profile, fail), timing, thread);
}

function failure(sourceName: string): (problem: string) => never {
  return (problem) => {
    throw new ThermographError('invalid-profile', `${sourceName} is not a valid CPU profile: ${problem}`);
  };
}

// A parsed profile object, checked, in the columns appendCpuProfileTable reads.
function cpuProfileTable(profile: unknown, fail: (problem: string) => never): CpuProfileTable {
  if (typeof profile !== 'object' || profile === null) return fail('it is not a JSON object.');
  const { nodes, samples, timeDeltas, startTime, endTime } = profile as Partial<Record<keyof CdpProfile, unknown>>;
  if (!Array.isArray(nodes) || nodes.length === 0) return fail('it has no "nodes" list of call-tree nodes.');
  if (!Array.isArray(samples)) return fail('it has no "samples" list.');
  if (!Array.isArray(timeDeltas))
    return fail(`"timeDeltas" must list one delta per sample (${samples.length} samples).`);
  if (typeof startTime !== 'number') return fail('"startTime" is not a number.');
  return { tree: callTreeOfNodes(nodes, fail), samples, timeDeltas, startTime, endTime };
}

/** Appends a profile already in columns (see appendCpuProfile). */
export function appendCpuProfileTable(
  builder: ProfileBuilder,
  profile: CpuProfileTable,
  timing: CpuProfileTiming,
  thread = 0,
): AppendedSpan {
  const fail = failure(timing.sourceName);
  const { samples, timeDeltas, startTime, endTime } = profile;
  if (timeDeltas.length !== samples.length) {
    return fail(`"timeDeltas" must list one delta per sample (${samples.length} samples).`);
  }
  if (!Number.isFinite(startTime)) return fail('"startTime" is not a number.');
  const stackOfNode = appendCallTree(builder, profile.tree, fail);
  const times = sampleTimes(timeDeltas, startTime, timing, fail);
  const lastTime = times.length > 0 ? times[times.length - 1]! : startTime;
  const averageInterval = times.length > 1 ? (lastTime - times[0]!) / (times.length - 1) : 0;
  const end = typeof endTime === 'number' && Number.isFinite(endTime) && endTime >= lastTime ? endTime : null;
  appendSamples(builder, samples, times, end ?? lastTime + averageInterval, stackOfNode, timing, thread, fail);
  return {
    startMicroseconds: startTime,
    endMicroseconds: end ?? lastTime + averageInterval,
    sampleCount: samples.length,
  };
}

// Each sample's time in microseconds: the start plus the deltas so far.
function sampleTimes(
  timeDeltas: ArrayLike<unknown>,
  startTime: number,
  timing: CpuProfileTiming,
  fail: (problem: string) => never,
): Float64Array {
  const times = new Float64Array(timeDeltas.length);
  let time = startTime;
  for (let index = 0; index < timeDeltas.length; index++) {
    let delta = timeDeltas[index];
    if (typeof delta !== 'number' || !Number.isFinite(delta)) return fail(`time delta ${index} is not a number.`);
    if (delta < 0) {
      if (timing.negativeDeltas === 'reject') {
        return fail(`time delta ${index} is negative (${delta} µs): samples must be in time order.`);
      }
      delta = 0;
    }
    time += delta as number;
    times[index] = time;
  }
  return times;
}

// Each sample weighs the time until the next one (the last: until `end`). Built in columns and
// added at once: a call per sample was a tenth of a 700,000-node import. `times` (microseconds)
// is overwritten with the kept samples' profile times.
function appendSamples(
  builder: ProfileBuilder,
  samples: ArrayLike<unknown>,
  times: Float64Array,
  end: number,
  stackOfNode: NodeStacks,
  timing: CpuProfileTiming,
  thread: number,
  fail: (problem: string) => never,
): void {
  const count = samples.length;
  const stacks = new Int32Array(count);
  const weights = new Float64Array(count);
  // Samples the builder would drop (no weight, or only the root) are left out here, so that it
  // can take the columns whole.
  let kept = 0;
  for (let index = 0; index < count; index++) {
    const stack = stackOfNode.get(samples[index] as number);
    if (stack === undefined) return fail(`sample ${index} names node ${String(samples[index])}, which does not exist.`);
    // times[index + 1] is still the input: kept never passes index.
    const time = times[index]!;
    const weight = ((index + 1 < count ? times[index + 1]! : end) - time) / 1000;
    if (stack === -1 || weight === 0) continue;
    stacks[kept] = stack;
    times[kept] = timing.toProfileTime(time);
    weights[kept++] = weight;
  }
  builder.samples(stacks.subarray(0, kept), times.subarray(0, kept), weights.subarray(0, kept), thread);
}

/** True when the first bytes look like a .cpuprofile or a Chrome trace (which may hold V8 CPU profiles). */
export function isCpuProfile(head: Buffer): boolean {
  const text = head.toString('utf8', 0, Math.min(head.length, 64 * 1024));
  const start = text.trimStart();
  if (!start.startsWith('{') && !start.startsWith('[')) return false;
  if (text.includes('speedscope.app/file-format-schema')) return false;
  if (text.includes('"nodes"') && text.includes('"callFrame"')) return true;
  // The older head-tree form (cpuprofile-legacy.ts); a heap profile has a head too, with selfSize.
  const legacy = ['"head"', '"functionName"', '"hitCount"'].every((key) => text.includes(key));
  if (start.startsWith('{') && legacy && !text.includes('"selfSize"')) return true;
  if (text.includes('"traceEvents"') || text.includes('"ProfileChunk"') || text.includes('v8.cpu_profiler'))
    return true;
  // A trace saved as a bare array of events puts its profile events wherever they were flushed,
  // often megabytes in: an array of objects with trace-event fields is enough.
  return start.startsWith('[') && /^\[\s*\{/.test(start) && traceEventFields.every((field) => field.test(text));
}

const traceEventFields = [/"ph"\s*:\s*"/, /"pid"\s*:/, /"ts"\s*:/];

/** Reads a .cpuprofile (or a DevTools trace with ProfileChunk events) into one CPU profile. */
export async function importCpuProfile(input: ImportInput, options: ImportOptions): Promise<Profile[]> {
  const fail = failure(input.name);
  const profiles = (await scannedProfile(input)) ?? (await parsedProfiles(input, fail));
  const origin = profiles[0]!.profile.startTime;
  const builder = new ProfileBuilder({
    kind: 'cpu',
    weightUnit: 'milliseconds',
    startTime: options.fallbackStartTime as EpochMilliseconds,
    source: { tool: 'cpuprofile', requestedIntervalMs: null },
  });
  const timing: CpuProfileTiming = {
    toProfileTime: (timestamp) => (timestamp - origin) / 1000,
    // V8 writes a few small negative deltas (7 of 13 real DevTools traces had some): clamped to 0,
    // as DevTools, speedscope and the live profiler do.
    negativeDeltas: 'clamp',
    sourceName: input.name,
  };
  for (const { profile, thread } of profiles) {
    appendCpuProfileTable(builder, profile, timing, builder.thread(thread.name, thread.tid));
  }
  return [builder.build()];
}

interface ThreadProfile {
  profile: CpuProfileTable;
  thread: { name: string; tid: number | null };
}

// The fast path (cpuprofile-scan.ts), for plain .cpuprofile files; null when it does not apply.
async function scannedProfile(input: ImportInput): Promise<ThreadProfile[] | null> {
  if (!mayScanCpuProfile(input.head)) return null;
  const bytes = await readAllBytes(input);
  const profile = bytes && scanCpuProfile(bytes);
  return profile ? [{ profile, thread: mainThread }] : null;
}

const mainThread = { name: 'main', tid: null };

// The general path: JSON.parse (or the streaming parser), then traces split into their profiles.
async function parsedProfiles(input: ImportInput, fail: (problem: string) => never): Promise<ThreadProfile[]> {
  const json = await readJson(input);
  const traceEvents = traceEventsOf(json);
  const profile = isLegacyCpuProfile(json) ? legacyCpuProfile(json, fail) : json;
  const profiles = traceEvents ? profilesOfTrace(traceEvents, input.name) : [{ profile, thread: mainThread }];
  return profiles.map(({ profile, thread }) => ({ profile: cpuProfileTable(profile, fail), thread }));
}

/** The importer of Chrome/Node .cpuprofile files. */
export const cpuProfileImporter: ProfileImporter = {
  format: 'cpuprofile',
  description: 'Chrome/Node .cpuprofile',
  detect: isCpuProfile,
  import: importCpuProfile,
};

/** A node of HeapProfiler.SamplingHeapProfile: nested children, selfSize in bytes. */
export interface SamplingHeapProfileNode {
  id: number;
  callFrame: CdpCallFrame;
  selfSize: Bytes;
  children?: SamplingHeapProfileNode[];
}

/** A CDP HeapProfiler.SamplingHeapProfile; each sample's size already scales for the sampling. */
export interface SamplingHeapProfile {
  head: SamplingHeapProfileNode;
  samples?: { size: Bytes; nodeId: number; ordinal: number }[];
}

/**
 * Appends a sampling heap profile to an allocation builder (weightUnit bytes), every sample at
 * `time`: V8 does not timestamp allocations, so the caller passes when the chunk was collected.
 * Without a samples list each node's selfSize is one sample. Returns the bytes appended.
 */
export function appendHeapProfile(
  builder: ProfileBuilder,
  profile: SamplingHeapProfile,
  time: Milliseconds,
  sourceName: string,
  thread = 0,
): Bytes {
  const fail = (problem: string): never => {
    throw new ThermographError('invalid-profile', `${sourceName} is not a valid heap profile: ${problem}`);
  };
  if (typeof profile?.head !== 'object' || profile.head === null) return fail('it has no "head" node.');
  // Flattened iteratively: a recursive walk would overflow on very deep allocation stacks.
  const nodes: CdpProfileNode[] = [];
  const selfSizes = new Map<number, number>();
  const pending: { node: SamplingHeapProfileNode; parent: number | undefined }[] = [
    { node: profile.head, parent: undefined },
  ];
  while (pending.length > 0) {
    const { node, parent } = pending.pop()!;
    nodes.push({ id: node.id, callFrame: node.callFrame, parent });
    selfSizes.set(node.id, node.selfSize);
    for (const child of node.children ?? []) pending.push({ node: child, parent: node.id });
  }
  const stackOfNode = appendCallTree(builder, callTreeOfNodes(nodes, fail), fail);
  const samples = profile.samples ?? [...selfSizes].map(([nodeId, size]) => ({ nodeId, size, ordinal: 0 }));
  let total = 0;
  for (const sample of samples) {
    const stack = stackOfNode.get(sample.nodeId);
    if (stack === undefined) return fail(`a sample names node ${sample.nodeId}, which does not exist.`);
    if (!(sample.size >= 0)) return fail(`a sample has the size ${sample.size}.`);
    builder.sample(stack, time, sample.size, thread);
    total += sample.size;
  }
  return total;
}
