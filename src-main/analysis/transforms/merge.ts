// Transforms that take frames out of stacks, their time going to the caller: merge-function and
// drop-internal (the runtime's own frames).

import { frameKinds, type Profile } from '../../../src-shared/profile/profile';
import { droppedStack, restack } from './restack';

/** Every stack without `frame`; a sample whose only frames were it is dropped (nothing to show). */
export function mergeFunction(profile: Profile, frame: number): Profile {
  const { stacks } = profile;
  return restack(profile, (stack, newParent, builder) => {
    if (stacks.frame[stack] === frame) return newParent < 0 ? droppedStack : newParent;
    return builder.stack(newParent, stacks.frame[stack]!);
  });
}

const idleKind = frameKinds.indexOf('idle');
const internal = 1;
const idle = 2;

/** Each frame's role: internal (Node's node:internal/ modules), idle ("(idle)"), or 0, user code. */
function frameRoles(profile: Profile): Uint8Array {
  const { frames, strings } = profile;
  const roles = new Uint8Array(frames.length);
  const isInternal = (index: number) => index >= 0 && strings[index]!.startsWith('node:internal/');
  for (let frame = 0; frame < frames.length; frame++) {
    const name = frames.name[frame]!;
    if (frames.kind[frame] === idleKind || (name >= 0 && strings[name] === '(idle)')) roles[frame] = idle;
    else if (isInternal(frames.file[frame]!) || isInternal(name)) roles[frame] = internal;
  }
  return roles;
}

/**
 * Internal frames merged into their callers (so user code called by the module-loading chain
 * becomes a root), "(idle)" samples dropped. A sample made only of internal frames keeps the
 * outermost one, so time spent wholly in the runtime (loading modules) still shows, as one frame.
 */
export function dropInternal(profile: Profile): Profile {
  const { stacks } = profile;
  const roles = frameRoles(profile);
  // The outermost frame of an all-internal chain, for the samples that have nothing else.
  const outermost = new Int32Array(stacks.length);
  return restack(
    profile,
    (stack, newParent, builder) => {
      const frame = stacks.frame[stack]!;
      const role = roles[frame];
      if (role === idle) return droppedStack;
      if (role !== internal) return builder.stack(newParent, frame);
      const parent = stacks.parent[stack]!;
      outermost[stack] =
        parent >= 0 && newParent < 0 && roles[stacks.frame[parent]!] === internal ? outermost[parent]! : frame;
      return newParent;
    },
    {
      sampleStack: (stack, newStack, builder) => {
        if (newStack >= 0 || roles[stacks.frame[stack]!] !== internal) return newStack;
        return builder.stack(-1, outermost[stack]!);
      },
    },
  );
}
