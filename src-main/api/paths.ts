// Paths the user gives the API: `~` is the home folder, relative paths start at the engine's
// working folder; a file about to be written is checked first, so a refused write touches nothing.

import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { ThermographError } from '../../src-shared/api/errors';

/** A user-given path made absolute. */
export function pathFrom(path: string, cwd: string): string {
  const expanded = path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
  return isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
}

/**
 * The absolute path to write `what` ("the profile", "the report") to. Throws invalid-argument for a
 * folder, and file-exists for an existing file unless `overwrite` (the UI then offers to replace it).
 */
export function outputPath(path: string, cwd: string, overwrite: boolean, what: string): string {
  const file = pathFrom(path, cwd);
  const existing = statSync(file, { throwIfNoEntry: false });
  if (existing?.isDirectory())
    throw new ThermographError('invalid-argument', `${file} is a folder. Give a file name to write ${what} to.`);
  if (existing && !overwrite)
    throw new ThermographError('file-exists', `${file} already exists. Choose another file name, or replace it.`);
  return file;
}
