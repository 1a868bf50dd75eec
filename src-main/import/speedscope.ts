// speedscope's file format: https://www.speedscope.app/file-format-schema.json
// (documented at https://github.com/jlfwong/speedscope/wiki/Importing-from-custom-sources).
// Frames are shared; each profile is "sampled" (stacks of frame indexes with weights) or "evented"
// (open/close events at times). Profiles become threads; profiles whose units measure different
// things (time, bytes, counts) become separate Profiles.

import { ThermographError } from '../../src-shared/api/errors';
import { ProfileBuilder } from '../../src-shared/profile/builder';
import type { IndexIntoFrameTable, IndexIntoStackTable, Profile, WeightUnit } from '../../src-shared/profile/profile';
import { guessFrameKind } from './folded';
import type { ImportInput, ImportOptions, ProfileImporter } from './importer';
import { readJson } from './json-stream';

/** The schema URL every speedscope file declares. */
export const speedscopeSchema = 'https://www.speedscope.app/file-format-schema.json';

const units: Record<string, { weightUnit: WeightUnit; scale: number }> = {
  nanoseconds: { weightUnit: 'milliseconds', scale: 1e-6 },
  microseconds: { weightUnit: 'milliseconds', scale: 1e-3 },
  milliseconds: { weightUnit: 'milliseconds', scale: 1 },
  seconds: { weightUnit: 'milliseconds', scale: 1e3 },
  bytes: { weightUnit: 'bytes', scale: 1 },
  none: { weightUnit: 'samples', scale: 1 },
};

/** True when the head is a JSON object declaring the speedscope schema. */
export function isSpeedscope(head: Buffer): boolean {
  const text = head.toString('utf8');
  return (
    /^\s*\{/.test(text) && /"\$schema"\s*:\s*"https:\/\/www\.speedscope\.app\/file-format-schema\.json"/.test(text)
  );
}

/** Reads a speedscope file into one Profile per kind of unit, with one thread per speedscope profile. */
export async function importSpeedscope(input: ImportInput, options: ImportOptions): Promise<Profile[]> {
  const file = await readJson(input);
  const fail = (where: string, what: string) => invalid(input.name, where, what);
  if (!isObject(file)) return fail('the top level', 'is not an object');
  const shared = isObject(file['shared']) ? file['shared'] : null;
  const rawFrames = shared?.['frames'];
  if (!Array.isArray(rawFrames)) return fail('"shared.frames"', 'is missing or not a list');
  const rawProfiles = file['profiles'];
  if (!Array.isArray(rawProfiles) || rawProfiles.length === 0) return fail('"profiles"', 'is missing or empty');

  const profiles = rawProfiles.map((profile, index) => {
    if (!isObject(profile)) return fail(`profiles[${index}]`, 'is not an object');
    const unit = units[String(profile['unit'])];
    if (!unit)
      return fail(
        `profiles[${index}].unit`,
        `is ${JSON.stringify(profile['unit'])}, not one of ${Object.keys(units).join(', ')}`,
      );
    return { profile, index, unit };
  });
  // Times of different profiles share one clock: the earliest start becomes time 0.
  const starts = profiles.map(({ profile, unit }) => finiteOr(profile['startValue'], 0) * unit.scale);
  const origin = Math.min(...starts);
  const byUnit = new Map<WeightUnit, typeof profiles>();
  for (const entry of profiles)
    byUnit.set(entry.unit.weightUnit, [...(byUnit.get(entry.unit.weightUnit) ?? []), entry]);

  return [...byUnit].map(([weightUnit, group]) => {
    const builder = new ProfileBuilder({
      kind: weightUnit === 'bytes' ? 'allocation' : 'cpu',
      weightUnit,
      startTime: options.fallbackStartTime,
      source: { tool: 'speedscope', requestedIntervalMs: null },
    });
    const frameOf = frameCache(builder, rawFrames, fail);
    let durationMs = 0;
    for (const { profile, index, unit } of group) {
      const thread = builder.thread(typeof profile['name'] === 'string' ? profile['name'] : `profile ${index + 1}`);
      const where = `profiles[${index}]`;
      const start = finiteOr(profile['startValue'], 0) * unit.scale - origin;
      if (profile['type'] === 'sampled') readSampled(builder, profile, where, start, unit, thread, frameOf, fail);
      else if (profile['type'] === 'evented') readEvented(builder, profile, where, unit, origin, thread, frameOf, fail);
      else fail(`${where}.type`, 'must be "sampled" or "evented"');
      if (unit.weightUnit === 'milliseconds') {
        durationMs = Math.max(durationMs, finiteOr(profile['endValue'], 0) * unit.scale - origin);
      }
    }
    return builder.build(durationMs);
  });
}

type Fail = (where: string, what: string) => never;
type FrameOf = (index: unknown, where: string) => IndexIntoFrameTable;

// Builds frames lazily, once per shared index, so unused frames cost nothing.
function frameCache(builder: ProfileBuilder, rawFrames: unknown[], fail: Fail): FrameOf {
  const frames = new Int32Array(rawFrames.length).fill(-1);
  return (value, where) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= rawFrames.length) {
      return fail(where, `refers to frame ${JSON.stringify(value)}, but there are ${rawFrames.length} frames`);
    }
    let frame = frames[value]!;
    if (frame < 0) {
      const raw = rawFrames[value];
      if (!isObject(raw) || typeof raw['name'] !== 'string') return fail(`shared.frames[${value}]`, 'has no "name"');
      const file = typeof raw['file'] === 'string' ? raw['file'] : null;
      const line = finiteOr(raw['line'], 0);
      const column = finiteOr(raw['col'], 0);
      frame = builder.frame({ name: raw['name'], kind: guessFrameKind(raw['name'], file), file, line, column });
      frames[value] = frame;
    }
    return frame;
  };
}

function readSampled(
  builder: ProfileBuilder,
  profile: Record<string, unknown>,
  where: string,
  start: number,
  unit: { weightUnit: WeightUnit; scale: number },
  thread: number,
  frameOf: FrameOf,
  fail: Fail,
): void {
  const samples = profile['samples'];
  const weights = profile['weights'];
  if (!Array.isArray(samples) || !Array.isArray(weights) || samples.length !== weights.length) {
    fail(where, 'needs "samples" and "weights" lists of the same length');
  }
  const timed = unit.weightUnit === 'milliseconds';
  let time = start;
  for (let index = 0; index < samples.length; index++) {
    const frames = samples[index];
    const weight = weights[index];
    if (!Array.isArray(frames)) fail(`${where}.samples[${index}]`, 'is not a list of frame indexes');
    if (typeof weight !== 'number' || !(weight >= 0) || !Number.isFinite(weight)) {
      fail(`${where}.weights[${index}]`, `is ${JSON.stringify(weight)}; weights must be numbers ≥ 0`);
    }
    let stack: IndexIntoStackTable = -1;
    for (let depth = 0; depth < frames.length; depth++) {
      stack = builder.stack(stack, frameOf(frames[depth], `${where}.samples[${index}][${depth}]`));
    }
    const scaled = weight * unit.scale;
    builder.sample(stack, timed ? time : start, scaled, thread);
    if (timed) time += scaled;
  }
}

function readEvented(
  builder: ProfileBuilder,
  profile: Record<string, unknown>,
  where: string,
  unit: { weightUnit: WeightUnit; scale: number },
  origin: number,
  thread: number,
  frameOf: FrameOf,
  fail: Fail,
): void {
  const events = profile['events'];
  if (!Array.isArray(events)) fail(where, 'needs an "events" list');
  // Open frames and the stack each one ends, kept in step so a close is one pop.
  const openFrames: IndexIntoFrameTable[] = [];
  const openStacks: IndexIntoStackTable[] = [];
  let previous = Number.NaN;
  for (let index = 0; index < events.length; index++) {
    const event = events[index];
    const place = `${where}.events[${index}]`;
    if (!isObject(event)) fail(place, 'is not an object');
    const at = event['at'];
    if (typeof at !== 'number' || !Number.isFinite(at)) fail(`${place}.at`, 'is not a number');
    if (at < previous) fail(`${place}.at`, `goes back in time (${at} after ${previous}); events must be in order`);
    const top = openStacks[openStacks.length - 1];
    if (top !== undefined && at > previous) {
      const weight = (at - previous) * unit.scale;
      builder.sample(top, unit.weightUnit === 'milliseconds' ? previous * unit.scale - origin : 0, weight, thread);
    }
    previous = at;
    const frame = frameOf(event['frame'], `${place}.frame`);
    if (event['type'] === 'O') {
      openFrames.push(frame);
      openStacks.push(builder.stack(top ?? -1, frame));
    } else if (event['type'] === 'C') {
      if (openFrames[openFrames.length - 1] !== frame) {
        fail(place, 'closes a frame that is not the innermost open frame');
      }
      openFrames.pop();
      openStacks.pop();
    } else fail(`${place}.type`, 'must be "O" (open) or "C" (close)');
  }
}

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(name: string, where: string, what: string): never {
  throw new ThermographError(
    'invalid-profile',
    `${name} is not a valid speedscope file: ${where} ${what}. Check the file against ${speedscopeSchema} ` +
      'or export it again.',
  );
}

/** The speedscope importer for the registry. */
export const speedscopeImporter: ProfileImporter = {
  format: 'speedscope',
  description: 'speedscope JSON',
  detect: isSpeedscope,
  import: importSpeedscope,
};
