// The importer registry: detects a file's format by its content (never its extension) and runs the
// matching importer. JSON formats are tried before line formats and binary pprof before folded,
// because folded detection is the loosest.

import { ThermographError } from '../../src-shared/api/errors';
import { isShortenedName, maximumNameLength } from '../../src-shared/profile/frame-name';
import type { Profile } from '../../src-shared/profile/profile';
import { austinImporter } from './austin';
import { cpuProfileImporter } from './cpuprofile';
import { foldedImporter } from './folded';
import type { ImportFormat, ImportInput, ImportOptions, ProfileImporter } from './importer';
import { perfScriptImporter } from './perf-script';
import { pprofImporter } from './pprof';
import { openImportInput, type ReadInputOptions } from './read-input';
import { speedscopeImporter } from './speedscope';

/** Every importer, in detection order. */
export const importers: readonly ProfileImporter[] = [
  cpuProfileImporter,
  speedscopeImporter,
  austinImporter,
  perfScriptImporter,
  pprofImporter,
  foldedImporter,
];

/** What an import produced. */
export interface ImportResult {
  format: ImportFormat;
  profiles: Profile[];
  /** What was left out or skipped, one sentence each, for the session's message. */
  notes: string[];
}

/** Settings for importProfileFile: the importer options plus the input limits. */
export type ImportFileOptions = Partial<ImportOptions> & ReadInputOptions;

/** Opens, detects and imports a profile file. Throws ThermographError with a message for the user. */
export async function importProfileFile(path: string, options: ImportFileOptions = {}): Promise<ImportResult> {
  return importProfile(await openImportInput(path, options), options);
}

/** Detects the format of an opened input and imports it with the matching importer. */
export async function importProfile(
  input: ImportInput,
  options: Partial<ImportOptions> = {},
  candidates: readonly ProfileImporter[] = importers,
): Promise<ImportResult> {
  const importer = detectImporter(input.head, candidates);
  if (!importer) {
    const formats = candidates.map((candidate) => candidate.description).join(', ');
    throw new ThermographError(
      'invalid-profile',
      `${input.name} is not in a profile format Thermograph reads. Supported formats: ${formats}. ` +
        'Check that the file is a profile (not a log or a report) and that it is not truncated.',
    );
  }
  const notes: string[] = [];
  const importOptions: ImportOptions = {
    fallbackStartTime: options.fallbackStartTime ?? Date.now(),
    note: (message) => notes.push(message),
  };
  try {
    const profiles = await importer.import(input, importOptions);
    const shortened = shortenedNameCount(profiles);
    if (shortened > 0) {
      notes.push(
        `${shortened === 1 ? '1 name was' : `${shortened} names were`} longer than ${maximumNameLength.toLocaleString('en-US')} characters and ${shortened === 1 ? 'is' : 'are'} shown shortened (the start is kept); the file may be damaged.`,
      );
    }
    return { format: importer.format, profiles, notes };
  } catch (error) {
    // The builder rejects impossible values (negative weights, missing frames) with RangeError:
    // for the user that is a damaged file, not a crash.
    if (error instanceof RangeError && !/call stack/i.test(error.message)) {
      throw new ThermographError(
        'invalid-profile',
        `${input.name} could not be read as ${importer.description}: ${error.message} ` +
          'The file is probably damaged; export it again from the profiler.',
      );
    }
    throw error;
  }
}

/** How many distinct names (frames, files, modules, threads) the builder shortened. */
function shortenedNameCount(profiles: readonly Profile[]): number {
  const names = new Set<string>();
  for (const profile of profiles) {
    for (const name of profile.strings) if (isShortenedName(name)) names.add(name);
    for (const thread of profile.threads) if (isShortenedName(thread.name)) names.add(thread.name);
  }
  return names.size;
}

/** The first importer whose detector accepts the head, or null. */
export function detectImporter(
  head: Buffer,
  candidates: readonly ProfileImporter[] = importers,
): ProfileImporter | null {
  for (const candidate of candidates) {
    try {
      if (candidate.detect(head)) return candidate;
    } catch {
      // A detector must never throw; one that does simply does not recognise the file.
    }
  }
  return null;
}
