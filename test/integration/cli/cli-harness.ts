// The built `thermograph` bin (out/main/cli.js, from `npm run build`) on a throwaway database per
// test: what every CLI test file shares.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { sleep, temporaryFolder } from '../../helpers/engine';

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
    /** Runs `thermograph COMMAND --db DATABASE ARGS…` with `environment` added (--db right after the command: after `--` it would be the launched command's). */
    run(command: string, args: string[] = [], environment: NodeJS.ProcessEnv = {}): CliResult {
      const result = spawnSync(process.execPath, [cli, command, '--db', state.database, ...args], {
        encoding: 'utf8',
        timeout: timeoutMs,
        env: { ...process.env, ...environment },
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
  };
}

/** Starts `thermograph record --db DATABASE ARGS…` and resolves once it announced the recording on stderr. */
export async function startRecorder(
  database: string,
  args: string[],
  environment: NodeJS.ProcessEnv = {},
): Promise<ChildProcess> {
  const recorder = spawn(process.execPath, [cli, 'record', '--db', database, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...environment },
  });
  await new Promise<void>((resolve, reject) => {
    let stderr = '';
    recorder.stderr!.on('data', (data: Buffer) => {
      stderr += data.toString();
      if (stderr.includes('Recording session')) resolve();
    });
    recorder.once('exit', (code) => reject(new Error(`the recorder exited (${code}) before recording: ${stderr}`)));
  });
  return recorder;
}

/** Polls until `done()` (which may answer later) or `limitMs` passes; returns its last answer. */
export async function eventually(done: () => boolean | Promise<boolean>, limitMs = 6_000): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (!(await done()) && Date.now() < deadline) await sleep(50);
  return done();
}
