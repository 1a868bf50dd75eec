// Frames as views show them: only those a view uses, with strings resolved.

import { frameKinds, stringAt, type Profile } from '../../src-shared/profile/profile';
import type { ViewFrame } from '../../src-shared/profile/views';

/** The view frame for one of the profile's frames. */
export function viewFrameOf(profile: Profile, frame: number): ViewFrame {
  const { frames } = profile;
  return {
    id: frame,
    name: stringAt(profile, frames.name[frame]!) ?? '(anonymous)',
    kind: frameKinds[frames.kind[frame]!] ?? 'native',
    file: stringAt(profile, frames.file[frame]!),
    line: frames.line[frame]! || null,
    column: frames.column[frame]! || null,
    module: stringAt(profile, frames.module[frame]!),
  };
}

/** Collects the frames a view uses and renumbers them densely, in order of first use. */
export class ViewFrameTable {
  readonly frames: ViewFrame[] = [];
  private readonly index: Int32Array;

  constructor(private readonly profile: Profile) {
    this.index = new Int32Array(profile.frames.length).fill(-1);
  }

  /** The view's index for a profile frame (-1 stays -1, the virtual root). */
  add(frame: number): number {
    if (frame < 0) return -1;
    let index = this.index[frame]!;
    if (index < 0) {
      index = this.frames.length;
      this.index[frame] = index;
      this.frames.push(viewFrameOf(this.profile, frame));
    }
    return index;
  }
}
