// Opens the SQLite database: creates its folder, sets the connection up for a recorder (WAL, relaxed
// fsync, enforced foreign keys) and brings the schema up to date.

import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { ThermographError } from '../../src-shared/api/errors';
import { latestSchemaVersion, migrations } from './migrations/index';
import { newerSchemaMessage, readOnlyMessage, storageErrorFrom } from './storage-errors';

/** How to open the database. */
export interface OpenDatabaseOptions {
  /** Open for reading only: no folder is created and no migration runs. */
  readonly?: boolean;
}

/** How long a statement waits for another connection's write lock before failing with "busy". */
const busyTimeoutMs = 5_000;
/** Page size of new databases. */
const pageSizeBytes = 16_384;
/** Size the WAL file is truncated to after a checkpoint. */
const walSizeLimitBytes = 32 * 1024 * 1024;

function isFileDatabase(path: string): boolean {
  return path !== '' && path !== ':memory:' && !path.startsWith('file:');
}

/**
 * Opens (creating if needed) the Thermograph database at `path` and applies pending migrations.
 * Failures are ThermographErrors: storage-read-only, storage-full or storage-error.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database {
  const readonly = options.readonly ?? false;
  let database: Database | undefined;
  try {
    if (isFileDatabase(path) && !readonly) createFolder(dirname(path));
    if (isFileDatabase(path) && readonly && !existsSync(path)) {
      throw new ThermographError(
        'storage-error',
        `There is no Thermograph database at ${path} yet. Record a session to create it, or point --db (or THERMOGRAPH_DB) at an existing database.`,
      );
    }
    database = readonly
      ? openReadOnly(path)
      : withUriFilenames(() => new BetterSqlite3(path, { timeout: busyTimeoutMs }));
    // SQLite silently opens a file it may not write as read-only and only fails at the first write,
    // which could be mid-recording; ask the file system now instead. (root passes, as it should.)
    if (isFileDatabase(path) && !readonly) accessSync(path, constants.W_OK);
    if (!readonly) {
      // Sample blobs are kilobytes: 16 KiB pages hold one without an overflow chain, and make the
      // default checkpoint interval (1,000 pages) 16 MiB, so bulk ingest is not a string of fsyncs.
      // It only takes effect while the file is still empty, before the first table.
      database.pragma(`page_size = ${pageSizeBytes}`);
      // WAL lets the UI read while a recording writes; NORMAL syncs only at checkpoints, which
      // in WAL mode can lose the last commits on power loss but never corrupts the file.
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = NORMAL');
      // After a burst, cut the WAL back instead of leaving it at its largest size on disk.
      database.pragma(`journal_size_limit = ${walSizeLimitBytes}`);
    }
    database.pragma('foreign_keys = ON');
    if (readonly) checkReadableVersion(database, path);
    else migrate(database);
    return database;
  } catch (error) {
    database?.close();
    if (cannotCreateIn(error, path)) throw new ThermographError('storage-read-only', readOnlyMessage(path));
    throw storageErrorFrom(error, path) ?? error;
  }
}

/**
 * Opens an existing database for reading. A WAL database needs its `-shm` file, which SQLite
 * creates beside it; a user who may not write that folder (another user's database, a read-only
 * disk) is refused with "readonly directory" before reading anything. Then the file is opened as
 * immutable: no `-shm`, no locks. That is only safe while nobody writes it, which its `-wal` file
 * tells: a Thermograph with the database open keeps one, and a clean close removes it.
 */
function openReadOnly(path: string): Database {
  const plain = withUriFilenames(
    () => new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs }),
  );
  try {
    schemaVersion(plain); // the first read is what opens (or fails to open) the -shm file
    return plain;
  } catch (error) {
    plain.close();
    const code = String((error as { code?: unknown }).code);
    if (!isFileDatabase(path) || !(code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')))
      throw error;
    if (hasUnfinishedWal(path)) {
      throw new ThermographError(
        'storage-read-only',
        `The database at ${path} is open in another Thermograph (or it stopped without closing it), and this user may not write to its folder, ` +
          'which reading it then needs. Close that Thermograph and try again, or open it as the user who owns it.',
      );
    }
    return withUriFilenames(
      () =>
        new BetterSqlite3(`${pathToFileURL(path).href}?immutable=1`, {
          readonly: true,
          fileMustExist: true,
          timeout: busyTimeoutMs,
        }),
    );
  }
}

/** True when the database's `-wal` file holds changes not yet copied into the database file. */
function hasUnfinishedWal(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

/**
 * Runs `open` with SQLite URI filenames enabled: better-sqlite3 reads SQLITE_USE_URI once, when its
 * native module loads at the first open, and URIs are how a database is opened immutable. The variable
 * is removed again so programs Thermograph launches do not inherit it.
 */
function withUriFilenames(open: () => Database): Database {
  const previous = process.env.SQLITE_USE_URI;
  process.env.SQLITE_USE_URI = '1';
  try {
    return open();
  } finally {
    if (previous === undefined) delete process.env.SQLITE_USE_URI;
    else process.env.SQLITE_USE_URI = previous;
  }
}

/** The file a connection reads: its name, or the path inside the `file:` URI of an immutable one. */
export function databasePath(database: Database): string {
  return database.name.startsWith('file:') ? fileURLToPath(database.name.replace(/\?.*$/, '')) : database.name;
}

/** Creates the database's folder, or says which folder could not be made and what to do instead. */
function createFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    const code = String((error as NodeJS.ErrnoException).code);
    if (!['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST'].includes(code)) throw error;
    throw new ThermographError(
      'storage-read-only',
      `Cannot create the folder ${folder} for the database (${code}). Choose a writable location with --db PATH or THERMOGRAPH_DB.`,
    );
  }
}

/** True when SQLite could not open the file because its folder refuses new files (so -wal, -shm too). */
function cannotCreateIn(error: unknown, path: string): boolean {
  if (!String((error as { code?: unknown }).code).startsWith('SQLITE_CANTOPEN') || !isFileDatabase(path)) return false;
  try {
    accessSync(dirname(path), constants.W_OK);
    return false;
  } catch (accessError) {
    return ['EACCES', 'EPERM', 'EROFS'].includes(String((accessError as NodeJS.ErrnoException).code));
  }
}

/** The schema version stored in the database file (0 for a new, empty file). */
export function schemaVersion(database: Database): number {
  return database.pragma('user_version', { simple: true }) as number;
}

/** The stored schema version, refusing one newer than this build knows. */
function knownSchemaVersion(database: Database, path: string): number {
  const version = schemaVersion(database);
  if (version > latestSchemaVersion) throw new ThermographError('storage-error', newerSchemaMessage(path, version));
  return version;
}

function checkReadableVersion(database: Database, path: string): void {
  const version = knownSchemaVersion(database, path);
  if (version < latestSchemaVersion) {
    throw new ThermographError(
      'storage-read-only',
      `The database at ${path} needs an upgrade (schema ${version} to ${latestSchemaVersion}) but was opened read-only. ` +
        'Open it once with a Thermograph that may write to it, or choose another location with --db PATH or THERMOGRAPH_DB.',
    );
  }
}

/**
 * Applies every migration after the stored version up to `upTo` (default: all), in one immediate
 * transaction so a crash or a second Thermograph starting at the same time never sees half a schema.
 * Returns the version the database is at afterwards.
 */
export function migrate(database: Database, upTo: number = latestSchemaVersion): number {
  const path = database.name;
  const pendingAfter = (version: number) =>
    migrations.filter((migration) => migration.version > version && migration.version <= upTo);
  // Take the write lock only when there is work, so an up-to-date file opens without writing.
  const stored = knownSchemaVersion(database, path);
  if (pendingAfter(stored).length === 0) return stored;
  const run = database.transaction(() => {
    // Read again under the write lock: another process may have migrated since.
    for (const migration of pendingAfter(knownSchemaVersion(database, path))) {
      if (typeof migration.up === 'string') database.exec(migration.up);
      else migration.up(database);
      database.pragma(`user_version = ${migration.version}`);
    }
    return schemaVersion(database);
  });
  return run.immediate();
}
