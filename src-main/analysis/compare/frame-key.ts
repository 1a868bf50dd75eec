// Which frames of two profiles are "the same function": a key that survives two recordings. Native
// frames carry addresses that move between builds and runs (ASLR, `func+0x1a`), so they match by
// name (offset stripped) and module; interpreted code matches by name, file and line, ignoring the
// column (minified or reformatted code moves columns, not functions). Profiles from different tools
// of one runtime name their frames alike, so they match too.

import { frameKinds, stringAt, type FrameKind, type Profile } from '../../../src-shared/profile/profile';

const offsetSuffix = /\+0x[0-9a-f]+$/i;
const bareAddress = /^(0x)?[0-9a-f]{6,}$/i;

/** The last path segment: the same library loaded from two prefixes is one module. */
function baseName(path: string | null): string {
  if (!path) return '';
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1);
}

/** The matching key of a frame of `profile`. */
export function frameKey(profile: Profile, frame: number): string {
  const { frames } = profile;
  const kind = frameKinds[frames.kind[frame]!] ?? 'native';
  const name = stringAt(profile, frames.name[frame]!) ?? '';
  if (kind === 'native' || kind === 'kernel') {
    const module = baseName(stringAt(profile, frames.module[frame]!) ?? stringAt(profile, frames.file[frame]!));
    const bare = name.replace(offsetSuffix, '');
    // An unsymbolised frame is only its module: its address means nothing in another run.
    return `${kind}\u0000${bareAddress.test(bare) || bare === '[unknown]' ? '[unknown]' : bare}\u0000${module}`;
  }
  const file = stringAt(profile, frames.file[frame]!) ?? '';
  return `${kind}\u0000${name}\u0000${file}\u0000${frames.line[frame]!}`;
}

/** A matched function: what is shown for it (taken from whichever side had it first). */
export interface MatchedFrame {
  name: string;
  file: string | null;
  line: number;
  kind: FrameKind;
}

/** Numbers the functions of several profiles so that matching frames share one index. */
export class FrameMatcher {
  /** Every matched function, by index. */
  readonly frames: MatchedFrame[] = [];
  readonly #indexOfKey = new Map<string, number>();

  /** A function from `profile`'s frame ids to matched indexes (each frame keyed once). */
  indexer(profile: Profile): (frame: number) => number {
    const cache = new Int32Array(profile.frames.length).fill(-1);
    return (frame) => {
      const cached = cache[frame]!;
      if (cached >= 0) return cached;
      const key = frameKey(profile, frame);
      let index = this.#indexOfKey.get(key);
      if (index === undefined) {
        index = this.frames.length;
        this.#indexOfKey.set(key, index);
        this.frames.push({
          name: stringAt(profile, profile.frames.name[frame]!) ?? '',
          file: stringAt(profile, profile.frames.file[frame]!),
          line: profile.frames.line[frame]!,
          kind: frameKinds[profile.frames.kind[frame]!] ?? 'native',
        });
      }
      cache[frame] = index;
      return index;
    };
  }
}
