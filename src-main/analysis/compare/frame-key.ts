// Which frames of two profiles are "the same function": a key that survives two recordings. Native
// frames carry addresses that move between builds and runs (ASLR, `func+0x1a`), so they match by
// name (offset stripped) and module; interpreted code matches by name, file and line, ignoring the
// column (minified or reformatted code moves columns, not functions). Profiles from different tools
// of one runtime name their frames alike, so they match too.

import { frameKinds, stringAt, type Profile } from '../../../src-shared/profile/profile';

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
