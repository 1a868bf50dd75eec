// A database this user may only read (another user's, in a folder they may not write): the built
// `thermograph` lists and shows its sessions, and a command that would write says it is read-only and
// what to do. SQLite needs a -shm file beside a WAL database, so before the immutable fallback every
// command failed. Root may write anywhere, so as root the commands run as `nobody`; otherwise the
// folder is made read-only to ourselves.

import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../../helpers/engine';
import { nobodyId, unprivilegedProblem } from '../../helpers/unprivileged';
import { cli } from '../cli/cli-harness';

const profile = resolve(__dirname, '../../fixtures/profiles/cpuprofile/node-hot.cpuprofile');
const isRoot = process.getuid?.() === 0;
const problem = isRoot ? unprivilegedProblem([cli, profile]) : null;

let folder: ReturnType<typeof temporaryFolder>;
let database: string;

function thermograph(args: string[], asReader: boolean) {
  const result = spawnSync(process.execPath, [cli, ...args, '--db', database], {
    ...(asReader && isRoot ? { uid: nobodyId, gid: nobodyId } : {}),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeEach(() => {
  folder = temporaryFolder();
  database = join(folder.path, 'thermograph.db');
  chmodSync(folder.path, 0o755);
  const imported = thermograph(['import', profile], false);
  expect(imported.stderr).toBe('');
  // The owner's database as it is on disk after Thermograph closed it: no -wal, no -shm.
  expect(readdirSync(folder.path)).toEqual(['thermograph.db']);
  chmodSync(database, 0o444);
  chmodSync(folder.path, 0o555);
});

afterEach(() => {
  chmodSync(folder.path, 0o755);
  folder.remove();
});

describe.skipIf(problem !== null)(`a database this user may only read${problem ? ` (${problem})` : ''}`, () => {
  it('lists and shows its sessions, creating nothing beside it', () => {
    const sessions = thermograph(['sessions', '--json'], true);
    expect(sessions.code).toBe(0);
    const listed = JSON.parse(sessions.stdout) as { sessions: { id: number; name: string }[] };
    expect(listed.sessions.map((session) => session.name)).toEqual(['node-hot.cpuprofile']);
    // The note says why it is read-only; there is no failure.
    expect(sessions.stderr).toContain('is read-only');

    const shown = thermograph(['show', String(listed.sessions[0]!.id), '--json'], true);
    expect(shown.code).toBe(0);
    expect((JSON.parse(shown.stdout) as { session: { name: string } }).session.name).toBe('node-hot.cpuprofile');

    const hotspots = thermograph(['hotspots', String(listed.sessions[0]!.id)], true);
    expect(hotspots.code).toBe(0);
    expect(readdirSync(folder.path)).toEqual(['thermograph.db']);
  });

  it('refuses a write with what happened and what to do', () => {
    const imported = thermograph(['import', profile], true);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(`The database at ${database} is read-only`);
    expect(imported.stderr).toContain('--db PATH or THERMOGRAPH_DB');
    expect(imported.stderr).toContain(`cp ${database} `);
    expect(imported.stderr).not.toMatch(/at .*\.js:\d+|Unexpected error/);
  });
});
