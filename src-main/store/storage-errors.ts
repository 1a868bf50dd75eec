// Turns SQLite and file-system failures into ThermographErrors a person can act on. Every store
// entry point funnels its exceptions through here, so a full disk during a recording reads the
// same as a full disk while opening.

import { ThermographError } from '../../src-shared/api/errors';

const chooseAnother = 'choose another location with --db PATH or THERMOGRAPH_DB';

/** The message for a database or folder Thermograph cannot write to. */
export function readOnlyMessage(path: string): string {
  return (
    `The database at ${path} is read-only: this user may not write the file or its folder (another user's database, or a read-only disk). ` +
    `Its sessions can be listed, shown and exported, but not changed. To record or change sessions, ${chooseAnother}, ` +
    `or work on a copy you own (cp ${path} ~/thermograph-copy.db, then --db ~/thermograph-copy.db).`
  );
}

/** The message for a database whose schema is newer than this build understands. */
export function newerSchemaMessage(path: string, version: number): string {
  return `The database at ${path} was written by a newer Thermograph (schema ${version}); update Thermograph or use another --db.`;
}

/** The message for a file that is not (or no longer) a Thermograph database. */
export function notADatabaseMessage(path: string): string {
  return (
    `The file at ${path} is not a Thermograph database, or it is damaged. ` +
    `Move it aside (for example rename it to ${path}.broken) and Thermograph will create a new database there, or ${chooseAnother}.`
  );
}

/** The message for a disk that has no room left for the database. */
export function fullMessage(path: string): string {
  return `The disk holding the database at ${path} is full. Free some space, or ${chooseAnother}.`;
}

interface CodedError {
  code?: unknown;
  message?: unknown;
}

function codeOf(error: unknown): string {
  const code = (error as CodedError | null)?.code;
  return typeof code === 'string' ? code : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The ThermographError for a storage failure of the database at `path`, or null when the error is
 * not a storage condition (a bug such as a constraint violation stays as it is, code "internal").
 */
export function storageErrorFrom(error: unknown, path: string): ThermographError | null {
  if (error instanceof ThermographError) return error;
  const code = codeOf(error);
  // SQLite extended codes refine the primary one (SQLITE_READONLY_DIRECTORY, SQLITE_IOERR_WRITE...).
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ThermographError('storage-read-only', readOnlyMessage(path));
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT')
    return new ThermographError('storage-full', fullMessage(path));
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return new ThermographError('storage-error', notADatabaseMessage(path));
  }
  if (
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'ENOTDIR' ||
    code === 'EISDIR'
  ) {
    return new ThermographError(
      'storage-error',
      `Thermograph could not read or write the database at ${path} (${messageOf(error)}). Check that the path is a file on a working disk, or ${chooseAnother}.`,
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new ThermographError(
      'busy',
      `The database at ${path} is locked by another Thermograph for too long. Wait for it to finish, then try again.`,
    );
  }
  return null;
}

/** Runs `work`, rethrowing storage failures as ThermographErrors and anything else unchanged. */
export function withStorageErrors<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw storageErrorFrom(error, path) ?? error;
  }
}
