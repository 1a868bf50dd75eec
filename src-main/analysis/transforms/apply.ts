// Applies a transform list in order, each step to the previous step's result. Frame ids are checked
// against the profile they apply to, so a stale id (a view of another profile) is refused with what
// to do rather than silently matching nothing.

import { ThermographError } from '../../../src-shared/api/errors';
import type { Profile } from '../../../src-shared/profile/profile';
import type { Transform } from '../../../src-shared/profile/transforms';
import { collapseModule, collapseRecursion } from './collapse';
import { focusFunction, focusSubtree } from './focus';
import { dropInternal, mergeFunction } from './merge';

/** One transform applied to a profile. */
export function applyTransform(profile: Profile, transform: Transform): Profile {
  switch (transform.type) {
    case 'merge-function':
      return mergeFunction(profile, checkedFrame(profile, transform.frame));
    case 'focus-function':
      return focusFunction(profile, checkedFrame(profile, transform.frame));
    case 'focus-subtree':
      for (const frame of transform.path) checkedFrame(profile, frame);
      return focusSubtree(profile, transform.path);
    case 'collapse-module':
      return collapseModule(profile, transform.module);
    case 'collapse-recursion':
      return collapseRecursion(profile, checkedFrame(profile, transform.frame));
    case 'drop-internal':
      return dropInternal(profile);
  }
}

/** The transforms applied in order. */
export function applyTransforms(profile: Profile, transforms: readonly Transform[]): Profile {
  return transforms.reduce(applyTransform, profile);
}

function checkedFrame(profile: Profile, frame: number): number {
  if (frame >= 0 && frame < profile.frames.length) return frame;
  throw new ThermographError(
    'invalid-argument',
    `Function ${frame} is not in this profile (it has ${profile.frames.length} functions); take frame ids from a view of the same session and reload the view.`,
  );
}
