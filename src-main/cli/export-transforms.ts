// `thermograph export --transform SPEC`: the profile panel's transforms from the command line, with
// functions named rather than given as frame ids. A spec is `merge:NAME`, `focus:NAME`,
// `collapse-recursion:NAME` (NAME@FILE picks among functions of one name by the end of their file
// path), `collapse-module:MODULE` or `drop-internal`. Names are resolved by the engine in order, each
// against the profile as the transforms before it left it, so a later spec can name what an earlier
// one made (a collapsed module's frame).

import type { ThermographInProcessApi } from '../../src-shared/api/contract';
import type { ProfileSelection } from '../../src-shared/profile/views';
import type { Transform } from '../../src-shared/profile/transforms';

/** One --transform as typed: a kind and the function (or module) it names. */
export interface TransformSpec {
  type: Exclude<Transform['type'], 'focus-subtree'>;
  /** The function's name (or the module); null for drop-internal. */
  name: string | null;
  /** NAME@FILE: the end of the function's file path; null to take every function of that name. */
  file: string | null;
  /** The spec as typed, for messages. */
  text: string;
}

const specTypes: Record<string, TransformSpec['type']> = {
  merge: 'merge-function',
  focus: 'focus-function',
  'collapse-recursion': 'collapse-recursion',
  'collapse-module': 'collapse-module',
  'drop-internal': 'drop-internal',
};

/** The forms --transform takes, for messages and help. */
export const transformSpecForms =
  'merge:NAME, focus:NAME, collapse-recursion:NAME (NAME@FILE to pick one file), collapse-module:MODULE or drop-internal';

/** Reads one --transform value; a string is the usage mistake, saying which forms exist. */
export function parseTransformSpec(text: string): TransformSpec | string {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? text : text.slice(0, colon);
  const type = specTypes[kind];
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  if (!type) return `--transform "${text}" is not one of ${transformSpecForms}.`;
  if (type === 'drop-internal') {
    if (rest !== '') return '--transform drop-internal takes no name.';
    return { type, name: null, file: null, text };
  }
  if (rest.trim() === '') return `--transform ${kind}: needs a name, e.g. ${kind}:parseJSON.`;
  // collapse-module names a module, which may contain "@" (scoped packages): never split.
  const at = type === 'collapse-module' ? -1 : rest.lastIndexOf('@');
  return at > 0
    ? { type, name: rest.slice(0, at), file: rest.slice(at + 1), text }
    : { type, name: rest, file: null, text };
}

/** Functions looked at when resolving a name: the heaviest this many of the profile. */
const resolveLimit = 100_000;

/**
 * The specs as a transform list, names resolved to frame ids by the engine; or, for a name that
 * matches no function or a focus that matches several, the usage mistake naming what there is.
 */
export async function resolveTransforms(
  api: ThermographInProcessApi,
  sessionId: number,
  selection: ProfileSelection,
  specs: readonly TransformSpec[],
): Promise<Transform[] | string> {
  const transforms: Transform[] = [];
  for (const spec of specs) {
    if (spec.type === 'drop-internal') transforms.push({ type: 'drop-internal' });
    else if (spec.type === 'collapse-module') transforms.push({ type: 'collapse-module', module: spec.name! });
    else {
      const table = await api.getHotspots({ sessionId, selection, transforms, limit: resolveLimit });
      const matches = table.frames.filter(
        (frame) => frame.name === spec.name && (spec.file === null || (frame.file ?? '').endsWith(spec.file)),
      );
      if (matches.length === 0)
        return (
          `--transform ${spec.text}: no function named "${spec.name}"${spec.file ? ` in a file ending "${spec.file}"` : ''} ` +
          `has samples in session ${sessionId}'s ${selection.kind} profile${transforms.length > 0 ? ' after the transforms before it' : ''}. ` +
          `Names are matched exactly: see \`thermograph hotspots ${sessionId}\`.`
        );
      if (spec.type === 'focus-function' && matches.length > 1)
        return (
          `--transform ${spec.text}: ${matches.length} functions are named "${spec.name}" ` +
          `(${matches.map((frame) => `${frame.file ?? '?'}:${frame.line ?? '?'}`).join(', ')}); ` +
          `pick one with ${spec.text.split(':')[0]}:${spec.name}@FILE (the end of its file path).`
        );
      // Merging or collapsing every function of that name is what the name asks for.
      const type = spec.type as 'merge-function' | 'focus-function' | 'collapse-recursion';
      for (const frame of matches) transforms.push({ type, frame: frame.id });
    }
  }
  return transforms;
}
