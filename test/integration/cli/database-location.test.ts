// Where the database cannot be: `thermograph` with a --db whose folder cannot be created (a file
// stands where a folder should be; the same path as a read-only HOME without ~/.config). Every
// command must say which folder and what to do, never print a stack trace or call a file that does
// not exist "read-only".

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, useCliDatabase } from './cli-harness';

const harness = useCliDatabase();

function thermograph(args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30_000 });
}

describe('a database folder that cannot be created', () => {
  it.each([
    ['sessions', []],
    ['record', ['--duration', '1', '--', 'true']],
    ['import', ['/dev/null']],
  ])('`%s` names the folder and the way out', (command, rest) => {
    const blocker = join(harness.folder, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const database = join(blocker, 'sub', 'thermograph.db');
    const result = thermograph([command, '--db', database, ...rest]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Cannot create the folder ${join(blocker, 'sub')} for the database`);
    expect(result.stderr).toContain('--db PATH or THERMOGRAPH_DB');
    expect(result.stderr).not.toMatch(/at .*\.js:\d+|Unexpected error|is read-only/);
  });

  it('`show` of a database that does not exist yet says so instead of failing inside the driver', () => {
    const blocker = join(harness.folder, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const result = thermograph(['show', '1', '--db', join(blocker, 'thermograph.db')]);
    expect(result.status).toBe(1);
    expect(result.stderr).not.toMatch(/TypeError|Unexpected error/);
    expect(result.stderr).toContain('--db PATH or THERMOGRAPH_DB');
  });
});
