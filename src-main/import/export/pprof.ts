// Writes a gzipped pprof profile (https://github.com/google/pprof/blob/main/proto/profile.proto)
// with pprof-format. Samples with the same stack and thread are merged, as pprof itself does: the
// format has no per-sample time, and merging keeps a million-sample profile small.
// One function and one location per frame; a location's line is the frame's line. Each sample
// carries a "thread" label, which the importer reads back as the thread's name.

import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import {
  Function as PprofFunction,
  Label,
  Line,
  Location,
  Profile as PprofProfile,
  Sample,
  StringTable,
  ValueType,
} from 'pprof-format';
import {
  sampleCountAt,
  type IndexIntoFrameTable,
  type Profile,
  type WeightUnit,
} from '../../../src-shared/profile/profile';
import { framesLeafFirst } from './stacks';
import type { TextWriter } from './text-writer';

const gzipAsync = promisify(gzip);

// Sample types per weight unit; the first value is always the sample count.
const sampleTypes: Record<WeightUnit, { types: [string, string][]; period: [string, string] }> = {
  milliseconds: {
    types: [
      ['samples', 'count'],
      ['cpu', 'nanoseconds'],
    ],
    period: ['cpu', 'nanoseconds'],
  },
  bytes: {
    types: [
      ['alloc_objects', 'count'],
      ['alloc_space', 'bytes'],
    ],
    period: ['space', 'bytes'],
  },
  samples: { types: [['samples', 'count']], period: ['samples', 'count'] },
};

/** Writes the profile as a gzipped pprof protocol buffer. */
export async function writePprof(profile: Profile, writer: TextWriter): Promise<void> {
  const strings = new StringTable();
  const text = (value: string | null | undefined) => strings.dedup(value ?? '');
  const plan = sampleTypes[profile.weightUnit];
  const functions: PprofFunction[] = [];
  const locations: Location[] = [];
  for (let frame = 0; frame < profile.frames.length; frame++) {
    const id = frame + 1;
    const line = profile.frames.line[frame]!;
    functions.push(
      new PprofFunction({
        id,
        name: text(profile.strings[profile.frames.name[frame]!]),
        filename: text(stringOrNull(profile, profile.frames.file[frame]!)),
        startLine: line,
      }),
    );
    locations.push(
      new Location({ id, line: [new Line({ functionId: id, line, column: profile.frames.column[frame]! })] }),
    );
  }
  const merged = mergeSamples(profile);
  const threadKey = text('thread');
  const frames: IndexIntoFrameTable[] = [];
  const samples = merged.map(({ stack, thread, count, weight }) => {
    const depth = framesLeafFirst(profile, stack, frames);
    const locationId = frames.slice(0, depth).map((frame) => frame + 1);
    // pprof values are integers: nanoseconds for time, whole bytes, whole counts.
    const value =
      profile.weightUnit === 'milliseconds'
        ? [count, Math.round(weight * 1e6)]
        : profile.weightUnit === 'bytes'
          ? [count, Math.round(weight)]
          : [Math.round(weight)];
    const label = [new Label({ key: threadKey, str: text(profile.threads[thread]?.name) })];
    return new Sample({ locationId, value, label });
  });
  const interval = profile.source.requestedIntervalMs;
  const encoded = new PprofProfile({
    sampleType: plan.types.map(([type, unit]) => new ValueType({ type: text(type), unit: text(unit) })),
    sample: samples,
    location: locations,
    function: functions,
    stringTable: strings,
    timeNanos: BigInt(Math.round(profile.startTime)) * 1_000_000n,
    durationNanos: BigInt(Math.round(profile.durationMs * 1e6)),
    periodType: new ValueType({ type: text(plan.period[0]), unit: text(plan.period[1]) }),
    period: interval && profile.weightUnit === 'milliseconds' ? Math.round(interval * 1e6) : 1,
  }).encode();
  await writer.writeBytes(await gzipAsync(encoded));
}

interface MergedSample {
  stack: number;
  thread: number;
  count: number;
  weight: number;
}

function mergeSamples(profile: Profile): MergedSample[] {
  const merged = new Map<number, MergedSample>();
  const { samples } = profile;
  for (let index = 0; index < samples.length; index++) {
    const stack = samples.stack[index]!;
    const thread = samples.thread[index]!;
    // Keys are exact: stacks < 2^27 (the builder's limit) times 65,536 threads stays below 2^53.
    const key = stack * 65_536 + thread;
    const entry = merged.get(key);
    const count = sampleCountAt(samples, index);
    if (entry) {
      entry.count += count;
      entry.weight += samples.weight[index]!;
    } else merged.set(key, { stack, thread, count, weight: samples.weight[index]! });
  }
  return [...merged.values()];
}

function stringOrNull(profile: Profile, index: number): string | null {
  return index >= 0 ? (profile.strings[index] ?? null) : null;
}
