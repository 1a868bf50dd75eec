// The built `thermograph` bin (out/main/cli.js, from `npm run build`) on a throwaway database per
// test: what every CLI test file shares.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { temporaryFolder } from '../../helpers/engine';

/** The built bin. */
export const cli = resolve(__dirname, '../../../out/main/cli.js');

/** What one run of the bin printed and how it exited. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Registers the hooks of a CLI test file and returns its per-test database and runner. */
export function useCliDatabase(timeoutMs = 30_000) {
  let folder: ReturnType<typeof temporaryFolder>;
  const state = { database: '', folder: '' };
  beforeAll(() => {
    if (!existsSync(cli))
      throw new Error('out/main/cli.js is missing: run `npm run build` before the integration tests.');
  });
  beforeEach(() => {
    folder = temporaryFolder();
    state.folder = folder.path;
    state.database = join(folder.path, 'cli.db');
  });
  afterEach(() => folder.remove());
  return {
    get database(): string {
      return state.database;
    },
    get folder(): string {
      return state.folder;
    },
    /** Like `run`, without blocking the test: resolves when the bin exits. */
    start(command: string, args: string[] = []): Promise<CliResult> {
      const child = spawn(process.execPath, [cli, command, '--db', state.database, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: timeoutMs,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
      child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
      return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
    },
    /** Runs `thermograph COMMAND --db DATABASE ARGS…` (--db right after the command: after `--` it would be the launched command's). */
    run(command: string, args: string[] = []): CliResult {
      const result = spawnSync(process.execPath, [cli, command, '--db', state.database, ...args], {
        encoding: 'utf8',
        timeout: timeoutMs,
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
  };
}
