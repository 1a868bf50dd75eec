// Writes a Chrome DevTools .cpuprofile (the Profiler.Profile object of the DevTools protocol:
// https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile). A .cpuprofile
// has no weights: a sample lasts until the next one. So samples are laid end to end by weight, and
// a gap between one sample's end and the next sample's time becomes an "(idle)" sample, as V8 would
// have recorded it. Threads are merged: the format describes one thread.

import { ThermographError } from '../../../src-shared/api/errors';
import type { Profile } from '../../../src-shared/profile/profile';
import type { TextWriter } from './text-writer';

/** Throws ThermographError('invalid-argument') unless the profile can be written as a .cpuprofile. */
export function checkCpuProfileExport(profile: Profile): void {
  if (profile.kind !== 'cpu' || profile.weightUnit !== 'milliseconds') {
    const what =
      profile.kind === 'allocation'
        ? 'an allocation profile'
        : `a profile weighted in ${profile.weightUnit}, without times`;
    throw new ThermographError(
      'invalid-argument',
      `This is ${what}; a Chrome .cpuprofile holds only CPU samples in time order. ` +
        'Export it as speedscope, pprof or folded stacks instead.',
    );
  }
}

/** Writes the profile as a .cpuprofile JSON document. */
export async function writeCpuProfile(profile: Profile, writer: TextWriter): Promise<void> {
  checkCpuProfileExport(profile);
  const { stacks, frames, strings } = profile;
  // Node ids: 1 is "(root)", stack s is s + 2, and the idle node (when a gap needs it) comes last.
  const idleNode = stacks.length + 2;
  const timeline = sampleTimeline(profile, idleNode);
  const hits = new Int32Array(idleNode + 1);
  for (const node of timeline.nodes) hits[node]!++;
  const children: number[][] = Array.from({ length: stacks.length + 1 }, () => []);
  for (let stack = 0; stack < stacks.length; stack++) children[stacks.parent[stack]! + 1]!.push(stack + 2);
  if (hits[idleNode]! > 0) children[0]!.push(idleNode);
  const scriptIds = new Map<string, number>();
  await writer.write('{"nodes":[');
  await writer.write(nodeJson(1, '(root)', '', 0, 0, 0, 0, children[0]!));
  for (let stack = 0; stack < stacks.length; stack++) {
    const frame = stacks.frame[stack]!;
    const url = frames.file[frame]! >= 0 ? (strings[frames.file[frame]!] ?? '') : '';
    let scriptId = 0;
    if (url !== '') {
      scriptId = scriptIds.get(url) ?? scriptIds.size + 1;
      scriptIds.set(url, scriptId);
    }
    const name = strings[frames.name[frame]!] ?? '';
    const { line, column } = frames;
    const node = nodeJson(
      stack + 2,
      name,
      url,
      scriptId,
      line[frame]!,
      column[frame]!,
      hits[stack + 2]!,
      children[stack + 1]!,
    );
    const pending = writer.write(`,${node}`);
    if (pending) await pending;
  }
  if (hits[idleNode]! > 0) await writer.write(`,${nodeJson(idleNode, '(idle)', '', 0, 0, 0, hits[idleNode]!, [])}`);
  await writer.write(`],"startTime":${timeline.startMicros},"endTime":${timeline.endMicros},"samples":[`);
  await writeNumbers(writer, timeline.nodes);
  await writer.write('],"timeDeltas":[');
  await writeNumbers(writer, timeline.deltas);
  await writer.write(']}\n');
}

interface Timeline {
  nodes: number[];
  deltas: number[];
  startMicros: number;
  endMicros: number;
}

// Lays samples end to end by weight, with an idle sample filling each gap before the next sample.
// Times are absolute microseconds rounded once, so deltas never drift from the real times.
function sampleTimeline(profile: Profile, idleNode: number): Timeline {
  const { samples } = profile;
  const startMicros = Math.round(profile.startTime * 1000);
  const nodes: number[] = [];
  const deltas: number[] = [];
  let previousMicros = startMicros;
  const put = (node: number, time: number) => {
    const micros = startMicros + Math.round(time * 1000);
    nodes.push(node);
    deltas.push(micros - previousMicros);
    previousMicros = micros;
  };
  let end = samples.length > 0 ? samples.time[0]! : 0;
  for (let index = 0; index < samples.length; index++) {
    const time = samples.time[index]!;
    if (time > end + 0.001) put(idleNode, end);
    const start = Math.max(time, end);
    put(samples.stack[index]! + 2, start);
    end = start + samples.weight[index]!;
  }
  // The last sample lasts until endTime, as DevTools reads it.
  return { nodes, deltas, startMicros, endMicros: startMicros + Math.round(end * 1000) };
}

async function writeNumbers(writer: TextWriter, numbers: number[]): Promise<void> {
  for (let start = 0; start < numbers.length; start += 65_536) {
    const pending = writer.write((start > 0 ? ',' : '') + numbers.slice(start, start + 65_536).join(','));
    if (pending) await pending;
  }
}

function nodeJson(
  id: number,
  functionName: string,
  url: string,
  scriptId: number,
  line: number,
  column: number,
  hitCount: number,
  children: number[],
): string {
  // DevTools numbers lines and columns from 0 and uses -1 for unknown; the model numbers from 1.
  return (
    `{"id":${id},"callFrame":{"functionName":${JSON.stringify(functionName)},"scriptId":"${scriptId}",` +
    `"url":${JSON.stringify(url)},"lineNumber":${line - 1},"columnNumber":${column - 1}},"hitCount":${hitCount}` +
    (children.length > 0 ? `,"children":[${children.join(',')}]}` : '}')
  );
}
