// Writes speedscope's file format (https://www.speedscope.app/file-format-schema.json): one
// "sampled" profile per thread with per-sample weights, so speedscope's time order view shows the
// samples in order. Sample times themselves are not part of the sampled format.

import type { IndexIntoFrameTable, Profile, WeightUnit } from '../../../src-shared/profile/profile';
import { speedscopeSchema } from '../speedscope';
import { formatWeight, framesLeafFirst } from './stacks';
import type { TextWriter } from './text-writer';

const units: Record<WeightUnit, string> = { milliseconds: 'milliseconds', bytes: 'bytes', samples: 'none' };

/** Writes the profile as a speedscope JSON file. */
export async function writeSpeedscope(profile: Profile, writer: TextWriter): Promise<void> {
  const { samples } = profile;
  await writer.write(
    `{"$schema":${JSON.stringify(speedscopeSchema)},"exporter":"Thermograph","name":${JSON.stringify(
      `${profile.source.tool} ${profile.kind} profile`,
    )},"activeProfileIndex":0,"shared":{"frames":[`,
  );
  for (let frame = 0; frame < profile.frames.length; frame++) {
    const pending = writer.write((frame > 0 ? ',' : '') + frameJson(profile, frame));
    if (pending) await pending;
  }
  await writer.write(']},"profiles":[');
  const threads = new Set<number>();
  for (let index = 0; index < samples.length; index++) threads.add(samples.thread[index]!);
  if (threads.size === 0) threads.add(0);
  let first = true;
  for (const thread of [...threads].sort((left, right) => left - right)) {
    if (!first) await writer.write(',');
    first = false;
    await writeThread(profile, thread, writer);
  }
  await writer.write(']}\n');
}

async function writeThread(profile: Profile, thread: number, writer: TextWriter): Promise<void> {
  const { samples } = profile;
  let start = Number.NaN;
  let total = 0;
  for (let index = 0; index < samples.length; index++) {
    if (samples.thread[index] !== thread) continue;
    if (Number.isNaN(start)) start = samples.time[index]!;
    total += samples.weight[index]!;
  }
  start = profile.weightUnit === 'milliseconds' && !Number.isNaN(start) ? start : 0;
  const end = profile.weightUnit === 'milliseconds' ? start + total : total;
  const name = profile.threads[thread]?.name ?? `thread ${thread}`;
  await writer.write(
    `{"type":"sampled","name":${JSON.stringify(name)},"unit":"${units[profile.weightUnit]}",` +
      `"startValue":${formatWeight(start)},"endValue":${formatWeight(end)},"samples":[`,
  );
  const frames: IndexIntoFrameTable[] = [];
  let first = true;
  for (let index = 0; index < samples.length; index++) {
    if (samples.thread[index] !== thread) continue;
    const depth = framesLeafFirst(profile, samples.stack[index]!, frames);
    let text = first ? '[' : ',[';
    first = false;
    for (let level = depth - 1; level >= 0; level--) {
      text += level === depth - 1 ? frames[level]! : `,${frames[level]!}`;
      // Very deep stacks go out in pieces rather than one string per sample.
      if (text.length > 65_536) {
        await writer.write(text);
        text = '';
      }
    }
    const pending = writer.write(`${text}]`);
    if (pending) await pending;
  }
  await writer.write('],"weights":[');
  first = true;
  for (let index = 0; index < samples.length; index++) {
    if (samples.thread[index] !== thread) continue;
    const pending = writer.write((first ? '' : ',') + formatWeight(samples.weight[index]!));
    first = false;
    if (pending) await pending;
  }
  await writer.write(']}');
}

function frameJson(profile: Profile, frame: number): string {
  const { frames, strings } = profile;
  let text = `{"name":${JSON.stringify(strings[frames.name[frame]!] ?? '')}`;
  const file = frames.file[frame]!;
  if (file >= 0) text += `,"file":${JSON.stringify(strings[file] ?? '')}`;
  if (frames.line[frame]! > 0) text += `,"line":${frames.line[frame]!}`;
  if (frames.column[frame]! > 0) text += `,"col":${frames.column[frame]!}`;
  return `${text}}`;
}
