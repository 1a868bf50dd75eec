// pprof profiles (protocol buffers, usually gzipped; read-input has already decompressed them):
// https://github.com/google/pprof/blob/main/proto/profile.proto
// A pprof Sample is a stack with values, one of which is often how many times it was sampled
// (samples/count, alloc_objects/count): a Sample counted N times becomes N samples sharing its
// weight, so sample counts and rates survive a round trip (Thermograph's own export merges samples).
// A sample lists location ids leaf first; a location lists lines innermost first, where every line
// but the last is a function inlined into the next. Frames are per function (name, file, start
// line), the granularity pprof's own flame graph uses, so two lines of one function merge.

import { Profile as PprofProfile, type Location as PprofLocation } from 'pprof-format';
import { ThermographError } from '../../src-shared/api/errors';
import { ProfileBuilder } from '../../src-shared/profile/builder';
import type { IndexIntoFrameTable, Profile, ProfileKind, WeightUnit } from '../../src-shared/profile/profile';
import { guessFrameKind, maximumExpandedSamples } from './folded';
import type { ImportInput, ImportOptions, ProfileImporter } from './importer';
import { headBytes } from './read-input';

// The wire type each Profile field must have (protobuf encoding); fields absent here are unknown.
// Repeated scalars (comment, 13) may be packed (2) or not (0).
const fieldWireTypes: Record<number, readonly number[]> = {
  1: [2],
  2: [2],
  3: [2],
  4: [2],
  5: [2],
  6: [2],
  7: [0],
  8: [0],
  9: [0],
  10: [0],
  11: [2],
  12: [0],
  13: [0, 2],
  14: [0],
  15: [0],
};
// Labels some producers use for a sample's own time (Datadog: end_timestamp_ns).
const timeLabels = new Set(['end_timestamp_ns', 'timestamp_ns']);
const threadLabels = new Set(['thread', 'thread name', 'thread_name']);

/** True when the head parses as the start of a pprof Profile message. */
export function isPprof(head: Buffer): boolean {
  let offset = 0;
  let fields = 0;
  while (offset < head.length) {
    const tag = readVarint(head, offset);
    if (!tag) return false;
    const field = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    if (!fieldWireTypes[field]?.includes(wireType)) return false;
    offset = tag.next;
    if (wireType === 0) {
      const value = readVarint(head, offset);
      if (!value) return head.length >= headBytes && fields > 0;
      offset = value.next;
    } else {
      const length = readVarint(head, offset);
      if (!length) return head.length >= headBytes && fields > 0;
      offset = length.next + length.value;
    }
    fields++;
  }
  // The last field may run past a full head; a whole small file must end exactly on a field.
  return fields > 0 && (offset === head.length || head.length >= headBytes);
}

function readVarint(bytes: Buffer, start: number): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let offset = start; offset < bytes.length && offset < start + 10; offset++) {
    const byte = bytes[offset]!;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return { value, next: offset + 1 };
  }
  return null;
}

/** Reads a pprof profile: a CPU profile from time or count samples and/or an allocation profile from bytes. */
export async function importPprof(input: ImportInput, options: ImportOptions): Promise<Profile[]> {
  const parts: Buffer[] = [];
  for await (const chunk of input.chunks()) parts.push(chunk);
  let pprof: PprofProfile;
  try {
    pprof = PprofProfile.decode(Buffer.concat(parts));
  } catch (error) {
    throw invalid(input.name, `its protocol buffer is damaged (${(error as Error).message})`);
  }
  const strings = pprof.stringTable.strings;
  const text = (index: unknown): string => {
    const value = strings[Number(index)];
    return typeof value === 'string' ? value : '';
  };
  const types = pprof.sampleType.map((type) => ({ type: text(type.type), unit: text(type.unit) }));
  const plans = choosePlans(types);
  if (plans.length === 0) {
    const found = types.map((type) => `${type.type}/${type.unit}`).join(', ') || 'none';
    throw invalid(
      input.name,
      `it has no sample type Thermograph understands (found: ${found}); expected cpu/nanoseconds, samples/count or alloc_space/bytes`,
    );
  }
  return plans.map((plan) => buildProfile(input.name, pprof, text, plan, options));
}

interface Plan {
  kind: ProfileKind;
  weightUnit: WeightUnit;
  valueIndex: number;
  scale: number;
  /** The value that counts a Sample's samples; -1 when the file has none. */
  countIndex: number;
}

const timeScales: Record<string, number> = { nanoseconds: 1e-6, microseconds: 1e-3, milliseconds: 1, seconds: 1e3 };

function choosePlans(types: readonly { type: string; unit: string }[]): Plan[] {
  const find = (test: (type: { type: string; unit: string }) => boolean) => types.findIndex(test);
  const plans: Plan[] = [];
  let time = find((type) => type.type === 'cpu' && type.unit in timeScales);
  if (time < 0) time = find((type) => type.unit in timeScales);
  let bytes = find((type) => type.type === 'alloc_space' && type.unit === 'bytes');
  if (bytes < 0) bytes = find((type) => type.unit === 'bytes');
  const count = find((type) => type.unit === 'count' && (type.type === 'samples' || type.type === 'sample'));
  const objects = find((type) => type.type === 'alloc_objects' && type.unit === 'count');
  if (time >= 0) {
    const scale = timeScales[types[time]!.unit]!;
    plans.push({ kind: 'cpu', weightUnit: 'milliseconds', valueIndex: time, scale, countIndex: count });
  } else if (count >= 0 && bytes < 0) {
    plans.push({ kind: 'cpu', weightUnit: 'samples', valueIndex: count, scale: 1, countIndex: count });
  }
  if (bytes >= 0) {
    // alloc_objects pairs with alloc_space only: inuse_objects counts what is still live.
    const countIndex = types[bytes]!.type === 'alloc_space' ? objects : -1;
    plans.push({ kind: 'allocation', weightUnit: 'bytes', valueIndex: bytes, scale: 1, countIndex });
  }
  return plans;
}

function buildProfile(
  name: string,
  pprof: PprofProfile,
  text: (index: unknown) => string,
  plan: Plan,
  options: ImportOptions,
): Profile {
  const startNanos = signed(pprof.timeNanos);
  const durationMs = Math.max(0, signed(pprof.durationNanos) / 1e6) || 0;
  const periodUnit = pprof.periodType ? text(pprof.periodType.unit) : '';
  const periodMs = Number(pprof.period) * (timeScales[periodUnit] ?? Number.NaN);
  const builder = new ProfileBuilder({
    kind: plan.kind,
    weightUnit: plan.weightUnit,
    startTime: startNanos > 0 && Number.isFinite(startNanos) ? startNanos / 1e6 : options.fallbackStartTime,
    source: { tool: 'pprof', requestedIntervalMs: periodMs > 0 && Number.isFinite(periodMs) ? periodMs : null },
  });
  const functions = new Map(pprof.function.map((entry) => [Number(entry.id), entry]));
  const mappings = new Map(pprof.mapping.map((entry) => [Number(entry.id), text(entry.filename)]));
  const locations = new Map(pprof.location.map((entry) => [Number(entry.id), entry]));
  // Location id → its frames, root first (the caller a function was inlined into comes first).
  const locationFrames = new Map<number, IndexIntoFrameTable[]>();
  const framesOf = (id: number): IndexIntoFrameTable[] => {
    let frames = locationFrames.get(id);
    if (frames) return frames;
    const location = locations.get(id);
    if (!location) throw invalid(name, `a sample refers to location ${id}, which the file does not define`);
    frames = locationToFrames(location, functions, mappings, text, builder);
    locationFrames.set(id, frames);
    return frames;
  };
  const samples = pprof.sample;
  const counts = sampleCounts(samples, plan.countIndex);
  const total = counts.reduce((sum, count) => sum + count, 0);
  let done = 0;
  for (let index = 0; index < samples.length; index++) {
    const sample = samples[index]!;
    const raw = signed(sample.value[plan.valueIndex] ?? 0);
    const weight = raw * plan.scale;
    if (!Number.isFinite(weight) || weight < 0) {
      throw invalid(
        name,
        `sample ${index + 1} has the value ${weight}; Thermograph cannot show negative (diff) or non-numeric values`,
      );
    }
    let stack = -1;
    for (let depth = sample.locationId.length - 1; depth >= 0; depth--) {
      for (const frame of framesOf(Number(sample.locationId[depth]))) stack = builder.stack(stack, frame);
    }
    const count = counts[index]!;
    // Without a time label the samples are spread evenly over the profile's duration, in file order.
    let time: number | null = null;
    let thread = 0;
    for (const label of sample.label) {
      const key = text(label.key);
      if (timeLabels.has(key) && startNanos > 0) time = (signed(label.num) - startNanos) / 1e6;
      else if (threadLabels.has(key) && text(label.str) !== '') thread = builder.thread(text(label.str));
    }
    // A whole value is shared out in whole units (some copies get one more), so sums stay exact.
    const share = Number.isSafeInteger(raw) ? Math.floor(raw / count) : raw / count;
    const extra = Number.isSafeInteger(raw) ? raw - share * count : 0;
    for (let copy = 0; copy < count; copy++) {
      const at = time ?? (total > 1 ? (durationMs * (done + copy)) / total : 0);
      const part = (copy < extra ? share + 1 : share) * plan.scale;
      builder.sample(stack, Number.isFinite(at) ? at : 0, part, thread);
    }
    done += count;
  }
  return builder.build(durationMs);
}

/**
 * How many samples each pprof Sample becomes: its count value when the file has one and the counts
 * add up to at most maximumExpandedSamples, else one (the weight alone, as before the counts).
 */
function sampleCounts(samples: PprofProfile['sample'], countIndex: number): number[] {
  const ones = samples.map(() => 1);
  if (countIndex < 0) return ones;
  let total = 0;
  const counts = samples.map((sample) => {
    const count = signed(sample.value[countIndex] ?? 0);
    // A count of zero (or a damaged one) still carries its weight: one sample.
    const whole = Number.isSafeInteger(count) && count > 0 ? count : 1;
    total += whole;
    return whole;
  });
  return total <= maximumExpandedSamples ? counts : ones;
}

function locationToFrames(
  location: PprofLocation,
  functions: Map<number, PprofProfile['function'][number]>,
  mappings: Map<number, string>,
  text: (index: unknown) => string,
  builder: ProfileBuilder,
): IndexIntoFrameTable[] {
  const module = mappings.get(Number(location.mappingId)) || null;
  if (location.line.length === 0) {
    // Not symbolized: the address is all there is.
    const name = `0x${BigInt(location.address).toString(16)}`;
    return [builder.frame({ name, kind: 'native', module })];
  }
  const frames: IndexIntoFrameTable[] = [];
  for (let index = location.line.length - 1; index >= 0; index--) {
    const line = location.line[index]!;
    const entry = functions.get(Number(line.functionId));
    const name = (entry && (text(entry.name) || text(entry.systemName))) || '(unknown)';
    const file = entry ? text(entry.filename) || null : null;
    frames.push(
      builder.frame({ name, kind: guessFrameKind(name, file), file, line: Number(entry?.startLine ?? 0), module }),
    );
  }
  return frames;
}

// pprof-format decodes int64 fields past 2^53 as unsigned bigints; values are signed in the spec.
function signed(value: number | bigint): number {
  return typeof value === 'bigint' ? Number(BigInt.asIntN(64, value)) : value;
}

function invalid(name: string, reason: string): ThermographError {
  return new ThermographError(
    'invalid-profile',
    `${name} cannot be read as a pprof profile: ${reason}. Check that the file is complete (as written by ` +
      '`go tool pprof -proto` or runtime/pprof) and not a diff or text report.',
  );
}

/** The pprof importer for the registry. */
export const pprofImporter: ProfileImporter = {
  format: 'pprof',
  description: 'pprof (.pb.gz)',
  detect: isPprof,
  import: importPprof,
};
