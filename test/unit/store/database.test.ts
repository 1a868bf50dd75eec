import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { ThermographError } from '../../../src-shared/api/errors';
import { migrate, openDatabase, schemaVersion } from '../../../src-main/store/database';
import { latestSchemaVersion, migrations } from '../../../src-main/store/migrations/index';
import { SampleRepository } from '../../../src-main/store/sample-repository';
import { SessionStore } from '../../../src-main/store/session-store';
import { readOnlyMessage } from '../../../src-main/store/storage-errors';
import BetterSqlite3 from 'better-sqlite3';
import { nobodyId, unprivilegedProblem } from '../../helpers/unprivileged';
import { expectedColumn, newSession, samples, temporaryFolder } from './store-fixtures';

let folder: string;
let remove: () => void;
beforeEach(() => ({ folder, remove } = temporaryFolder()));
afterEach(() => remove());

/** The ThermographError `work` throws (failing the test when it throws nothing or something else). */
function thrownBy(work: () => unknown): ThermographError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ThermographError);
    return error as ThermographError;
  }
  throw new Error('expected a ThermographError, but nothing was thrown');
}

function tableNames(path: string): string[] {
  const database = new BetterSqlite3(path, { readonly: true });
  const names = database
    .prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') ORDER BY name")
    .pluck()
    .all() as string[];
  database.close();
  return names;
}

describe('openDatabase', () => {
  it('creates the folder and a database at the latest schema, in WAL mode with foreign keys on', () => {
    const path = join(folder, 'nested', 'deeper', 'thermograph.db');
    const database = openDatabase(path);
    expect(schemaVersion(database)).toBe(latestSchemaVersion);
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(database.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    database.close();
    expect(tableNames(path)).toEqual(
      expect.arrayContaining([
        'sessions',
        'session_tags',
        'sample_chunks',
        'sample_columns',
        'output_chunks',
        'session_markers',
      ]),
    );
  });

  it('numbers migrations 1, 2, ... without gaps', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
  });

  it('opens an existing up-to-date database again without changing it', () => {
    const path = join(folder, 'thermograph.db');
    SessionStore.open(path).close();
    const store = SessionStore.open(path);
    expect(store.listSessions()).toEqual([]);
    store.close();
  });

  it.each([1, 2])('upgrades a schema-%i database and keeps its sessions, tags, samples and markers', (version) => {
    const path = join(folder, 'old.db');
    // The file as an older Thermograph left it: migrations up to `version` applied, rows written with
    // that version's SQL (today's SessionRepository writes a column those files do not have yet).
    const database = new BetterSqlite3(path);
    expect(migrate(database, version)).toBe(version);
    const { name, target, host, settings, startedAt } = newSession(`from version ${version}`);
    const id = Number(
      database
        .prepare(
          "INSERT INTO sessions (name, target, host, settings, status, started_at, recorder_pid) VALUES (?, ?, ?, ?, 'recording', ?, ?)",
        )
        .run(name, JSON.stringify(target), JSON.stringify(host), JSON.stringify(settings), startedAt, 4_242)
        .lastInsertRowid,
    );
    database.prepare('INSERT INTO session_tags (session_id, tag, position) VALUES (?, ?, 0)').run(id, 'nightly');
    const written = samples(50, 1_700_000_000_000);
    new SampleRepository(database).append(id, written);
    const oldMarker = { time: 1_700_000_000_500, kind: 'note', message: `written by schema ${version}` } as const;
    if (version >= 2) {
      database
        .prepare('INSERT INTO session_markers (session_id, time, kind, message) VALUES (?, ?, ?, ?)')
        .run(id, oldMarker.time, oldMarker.kind, oldMarker.message);
    } else {
      expect(tableNames(path)).not.toContain('session_markers');
    }
    database.close();

    const store = SessionStore.open(path);
    expect(tableNames(path)).toEqual(
      expect.arrayContaining(['session_markers', 'sample_chunks_by_end', 'sessions_by_start']),
    );
    const session = store.getSession(id)!;
    expect(session).toMatchObject({ name, tags: ['nightly'], sampleCount: 50, status: 'recording' });
    expect(Array.from(store.readSamples(id, { metrics: ['pss'] }).columns.pss!)).toEqual(
      expectedColumn(written, 'pss'),
    );
    store.addMarker(id, { time: 1_700_000_001_000, kind: 'note', message: 'added after the upgrade' });
    expect(store.listMarkers(id)).toHaveLength(version >= 2 ? 2 : 1);
    if (version >= 2) expect(store.listMarkers(id)[0]).toEqual(oldMarker);
    // New sessions store their recorder's start time; the old row has none (recovery then checks the pid only).
    const recorded = store.createSession(newSession('after the upgrade')).id;
    store.close();
    const reopened = openDatabase(path);
    expect(schemaVersion(reopened)).toBe(latestSchemaVersion);
    const startTimes = reopened
      .prepare('SELECT id, recorder_pid, recorder_started_at FROM sessions ORDER BY id')
      .all() as { id: number; recorder_pid: number; recorder_started_at: number | null }[];
    expect(startTimes).toEqual([
      { id, recorder_pid: 4_242, recorder_started_at: null },
      { id: recorded, recorder_pid: process.pid, recorder_started_at: expect.any(Number) },
    ]);
    reopened.close();
  });

  it('refuses a database written by a newer Thermograph and leaves it untouched', () => {
    const path = join(folder, 'future.db');
    const future = new BetterSqlite3(path);
    future.exec('CREATE TABLE from_the_future (x)');
    future.pragma(`user_version = ${latestSchemaVersion + 7}`);
    future.close();
    const error = thrownBy(() => openDatabase(path));
    expect(error.code).toBe('storage-error');
    expect(error.message).toBe(
      `The database at ${path} was written by a newer Thermograph (schema ${latestSchemaVersion + 7}); update Thermograph or use another --db.`,
    );
    expect(tableNames(path)).toEqual(['from_the_future']);
  });

  it('says a file of garbage is not a Thermograph database and what to do', () => {
    const path = join(folder, 'garbage.db');
    writeFileSync(path, Buffer.from(Array.from({ length: 8192 }, (_, index) => (index * 7919) % 251)));
    const error = thrownBy(() => openDatabase(path));
    expect(error.code).toBe('storage-error');
    expect(error.message).toContain(`The file at ${path} is not a Thermograph database`);
    expect(error.message).toContain('Move it aside');
  });

  it('reports storage-full when SQLite runs out of room during a write', () => {
    const path = join(folder, 'small.db');
    const database = openDatabase(path);
    // max_page_count caps the file for this connection: SQLite then fails writes with SQLITE_FULL,
    // the same path a full disk takes.
    const pages = database.pragma('page_count', { simple: true }) as number;
    database.pragma(`max_page_count = ${pages + 8}`);
    const store = new SessionStore(database);
    const id = store.createSession(newSession()).id;
    const error = thrownBy(() => store.appendSamples(id, samples(5_000, 1_700_000_000_000)));
    expect(error.code).toBe('storage-full');
    expect(error.message).toContain(`The disk holding the database at ${path} is full`);
    // The failed batch rolled back whole; what was there before is intact.
    expect(store.getSession(id)!.sampleCount).toBe(0);
    store.close();
  });
});

describe('read-only databases', () => {
  it('turns a write to a database opened read-only into storage-read-only', () => {
    const path = join(folder, 'thermograph.db');
    const writable = SessionStore.open(path);
    const id = writable.createSession(newSession()).id;
    writable.close();
    const store = SessionStore.open(path, { readonly: true });
    expect(store.getSession(id)!.name).toBe('busy loop');
    const error = thrownBy(() => store.renameSession(id, 'renamed'));
    expect(error.code).toBe('storage-read-only');
    expect(error.message).toBe(readOnlyMessage(path));
    store.close();
  });

  it('will not open a database that needs an upgrade when asked for read-only', () => {
    const path = join(folder, 'old.db');
    const database = new BetterSqlite3(path);
    migrate(database, 1);
    database.close();
    expect(thrownBy(() => openDatabase(path, { readonly: true })).code).toBe('storage-read-only');
  });

  // Root may write anywhere, so the child runs as "nobody" when we are root.
  const isRoot = process.getuid?.() === 0;
  const asUnprivileged = isRoot ? { uid: nobodyId, gid: nobodyId } : {};
  const childScript = join(import.meta.dirname, 'open-database-child.ts');
  let childProblem: string | null | undefined;
  /** Skips the test, with the reason, when the unprivileged child could not run here. */
  function skipUnlessChildCanRun(context: TestContext): void {
    if (!isRoot) return;
    childProblem ??= unprivilegedProblem([childScript, createRequire(import.meta.url).resolve('tsx')]);
    if (childProblem) context.skip(childProblem);
  }
  function openInChild(path: string): { ok: boolean; code?: string; message?: string } {
    const child = spawnSync(process.execPath, ['--import', 'tsx', childScript, path], {
      ...asUnprivileged,
      encoding: 'utf8',
      // tsx keeps a cache under the temp folder; give the child one it may write.
      env: { ...process.env, TMPDIR: folder },
      timeout: 30_000,
    });
    expect(child.stderr).toBe('');
    return JSON.parse(child.stdout) as { ok: boolean; code?: string; message?: string };
  }

  it('reports storage-read-only for a new database in a folder the user may not write', (context) => {
    skipUnlessChildCanRun(context);
    chmodSync(folder, 0o777);
    const locked = join(folder, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(locked, 0o555);
    const path = join(locked, 'thermograph.db');
    expect(openInChild(path)).toEqual({
      ok: false,
      code: 'storage-read-only',
      message: readOnlyMessage(path),
    });
  });

  it('reports storage-read-only at open for an existing database file the user may not write', (context) => {
    skipUnlessChildCanRun(context);
    chmodSync(folder, 0o777);
    const path = join(folder, 'thermograph.db');
    SessionStore.open(path).close();
    chmodSync(path, 0o444);
    expect(openInChild(path)).toMatchObject({ ok: false, code: 'storage-read-only' });
    chmodSync(path, 0o666);
    expect(openInChild(path)).toEqual({ ok: true });
  });
});
