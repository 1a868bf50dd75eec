// Writes folded stacks (https://github.com/brendangregg/FlameGraph#2-fold-stacks): one line per
// distinct stack, root first, ";"-separated, then a whole number. flamegraph.pl, inferno and
// speedscope (whose line pattern is /^(.*) (\d+)$/) read only integer counts, so a CPU profile in
// milliseconds writes how many samples each stack has, as stackcollapse does; a profile in samples
// writes its counts and an allocation profile its bytes, rounded. Threads are merged, as the
// format has no threads. Kernel frames get stackcollapse's "_[k]" suffix so they read back as kernel.

import type { IndexIntoFrameTable, Profile } from '../../../src-shared/profile/profile';
import { frameKinds } from '../../../src-shared/profile/profile';
import { framesLeafFirst, sampleCountByStack, weightByStack } from './stacks';
import type { TextWriter } from './text-writer';

const kernelKind = frameKinds.indexOf('kernel');

/**
 * The folded form of one frame name: ";" separates frames and a newline ends a line, so those
 * characters (which real function names almost never contain) become "," and a space.
 */
export function foldedName(name: string): string {
  return name.replace(/;/g, ',').replace(/[\r\n]/g, ' ');
}

/** Writes the profile as folded stacks. */
export async function writeFolded(profile: Profile, writer: TextWriter): Promise<void> {
  const names = new Array<string>(profile.frames.length);
  for (let frame = 0; frame < profile.frames.length; frame++) {
    const name = foldedName(profile.strings[profile.frames.name[frame]!] ?? '');
    names[frame] = profile.frames.kind[frame] === kernelKind ? `${name}_[k]` : name;
  }
  const counts = foldedCounts(profile);
  const frames: IndexIntoFrameTable[] = [];
  for (let stack = 0; stack < counts.length; stack++) {
    const count = counts[stack]!;
    if (count <= 0) continue;
    const depth = framesLeafFirst(profile, stack, frames);
    // Written frame by frame: a 100,000-deep stack must not become one huge join.
    for (let level = depth - 1; level >= 0; level--) {
      const pending = writer.write(level === 0 ? names[frames[level]!]! : `${names[frames[level]!]!};`);
      if (pending) await pending;
    }
    const pending = writer.write(` ${count}\n`);
    if (pending) await pending;
  }
}

/**
 * The whole number written for each stack: samples for a time profile (its weights are the time
 * between samples, which folded readers cannot take), else the weight rounded (counts, bytes).
 */
function foldedCounts(profile: Profile): Float64Array {
  if (profile.weightUnit === 'milliseconds') return sampleCountByStack(profile);
  const counts = weightByStack(profile);
  for (let stack = 0; stack < counts.length; stack++) counts[stack] = Math.round(counts[stack]!);
  return counts;
}
