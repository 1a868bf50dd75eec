// Transforms that keep part of the tree and re-root it: focus on a function, focus on a call path.

import type { Profile } from '../../../src-shared/profile/profile';
import { droppedStack, restack } from './restack';

/**
 * Stacks cut to start at the outermost call of `frame` (its call sites merge into one root);
 * samples without it are dropped. A stack is inside the focus exactly when its parent was kept.
 */
export function focusFunction(profile: Profile, frame: number): Profile {
  const { stacks } = profile;
  return restack(profile, (stack, newParent, builder) => {
    const own = stacks.frame[stack]!;
    if (newParent >= 0) return builder.stack(newParent, own);
    return own === frame ? builder.stack(-1, own) : droppedStack;
  });
}

/**
 * Only samples under the call path `path` (root first), re-rooted at its last frame. `matched`
 * counts how many frames of the path a stack's root-first prefix matches (-1: it left the path).
 */
export function focusSubtree(profile: Profile, path: readonly number[]): Profile {
  const { stacks } = profile;
  const matched = new Int32Array(stacks.length);
  return restack(profile, (stack, newParent, builder) => {
    const own = stacks.frame[stack]!;
    if (newParent >= 0) return builder.stack(newParent, own);
    const parent = stacks.parent[stack]!;
    const before = parent < 0 ? 0 : matched[parent]!;
    if (before < 0 || path[before] !== own) {
      matched[stack] = -1;
      return droppedStack;
    }
    matched[stack] = before + 1;
    return before + 1 === path.length ? builder.stack(-1, own) : droppedStack;
  });
}
