// Transforms that fold several frames into one: a module's consecutive frames, direct recursion.

import { noString, type FrameTable, type Profile } from '../../../src-shared/profile/profile';
import { restack } from './restack';

/**
 * Consecutive frames of `module` become one frame named after the module (appended to the frame
 * table, so earlier frame ids stay valid). What the module calls back into stays visible below it.
 */
export function collapseModule(profile: Profile, module: string): Profile {
  const moduleString = profile.strings.indexOf(module);
  if (moduleString < 0) return profile;
  const { stacks, frames } = profile;
  const first = frames.module.indexOf(moduleString);
  if (first < 0) return profile;
  const collapsed = frames.length;
  const appended = withFrame(frames, {
    name: moduleString,
    file: noString,
    module: moduleString,
    kind: frames.kind[first]!,
  });
  const inModule = (stack: number) => frames.module[stacks.frame[stack]!] === moduleString;
  return restack(
    profile,
    (stack, newParent, builder) => {
      if (!inModule(stack)) return builder.stack(newParent, stacks.frame[stack]!);
      const parent = stacks.parent[stack]!;
      // The module's frame under another of its frames: already collapsed into the parent's stack.
      if (parent >= 0 && inModule(parent) && newParent >= 0) return newParent;
      return builder.stack(newParent, collapsed);
    },
    { frames: appended },
  );
}

/** The frame table with one more row. */
function withFrame(frames: FrameTable, row: { name: number; file: number; module: number; kind: number }): FrameTable {
  const grow = <T extends Int32Array | Uint8Array>(column: T, value: number): T => {
    const longer = new (column.constructor as new (length: number) => T)(frames.length + 1);
    longer.set(column);
    longer[frames.length] = value;
    return longer;
  };
  return {
    length: frames.length + 1,
    name: grow(frames.name, row.name),
    file: grow(frames.file, row.file),
    line: grow(frames.line, 0),
    column: grow(frames.column, 0),
    module: grow(frames.module, row.module),
    kind: grow(frames.kind, row.kind),
  };
}

/** `frame` calling itself directly is folded: f → f → g becomes f → g. */
export function collapseRecursion(profile: Profile, frame: number): Profile {
  const { stacks } = profile;
  return restack(profile, (stack, newParent, builder) => {
    const own = stacks.frame[stack]!;
    const parent = stacks.parent[stack]!;
    if (own === frame && parent >= 0 && stacks.frame[parent] === frame && newParent >= 0) return newParent;
    return builder.stack(newParent, own);
  });
}
