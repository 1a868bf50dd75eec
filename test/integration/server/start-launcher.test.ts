// `npm start` (src-main/cli/start.ts) as a real program: it runs the Electron runtime when there is
// one, and falls back to browser mode with one clear line when there is not. A tiny shell script
// stands in for the Electron binary, through the same ELECTRON_OVERRIDE_DIST_PATH Electron honours.

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAppRoot } from '../../../src-main/app-root';

const appRoot = findAppRoot();
const startScript = join(appRoot, 'src-main', 'cli', 'start.ts');
let root: string;
let fakeRuntime: string;
let emptyRuntime: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'thermograph-start-'));
  fakeRuntime = join(root, 'runtime');
  emptyRuntime = join(root, 'empty');
  mkdirSync(fakeRuntime);
  mkdirSync(emptyRuntime);
  writeFileSync(
    join(fakeRuntime, 'electron'),
    '#!/bin/sh\necho "runtime got: $*"\necho "ELECTRON_RUN_AS_NODE=${ELECTRON_RUN_AS_NODE:-unset}"\nexit 7\n',
  );
  chmodSync(join(fakeRuntime, 'electron'), 0o755);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Run {
  child: ReturnType<typeof spawn>;
  output: () => string;
  exited: Promise<number | null>;
}

function start(args: string[], environment: NodeJS.ProcessEnv): Run {
  const env = { ...process.env, ...environment };
  for (const name of Object.keys(environment)) if (environment[name] === undefined) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', startScript, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

describe('npm start', () => {
  it('runs the Electron runtime with the app and the arguments, and exits with its status', async () => {
    const run = start(['--db', '/tmp/some.db'], {
      ELECTRON_OVERRIDE_DIST_PATH: fakeRuntime,
      DISPLAY: ':99',
      ELECTRON_RUN_AS_NODE: '1',
    });
    expect(await run.exited).toBe(7);
    expect(run.output()).toContain(`runtime got: ${join(appRoot, 'out', 'main', 'main.js')} --db /tmp/some.db`);
    expect(run.output()).toContain('ELECTRON_RUN_AS_NODE=unset');
  });

  it('falls back to browser mode when there is no display to open a window on', async () => {
    const run = start(['--port', 'x'], {
      ELECTRON_OVERRIDE_DIST_PATH: fakeRuntime,
      DISPLAY: undefined,
      WAYLAND_DISPLAY: undefined,
    });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain(
      'No display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); starting browser mode instead',
    );
    expect(run.output()).toContain('--port must be a whole number from 0 to 65535');
    expect(run.output()).not.toContain('runtime got');
  });

  it('says in one line that the runtime is missing, then serves browser mode until interrupted', async () => {
    const databasePath = join(root, 'start.db');
    const run = start(['--db', databasePath, '--port', '0'], {
      ELECTRON_OVERRIDE_DIST_PATH: emptyRuntime,
      DISPLAY: ':99',
    });
    const firstLine = new Promise<string>((resolve) => {
      run.child.stderr!.on('data', () => {
        const line = run.output().split('\n')[0];
        if (run.output().includes('\n')) resolve(line!);
      });
    });
    expect(await firstLine).toBe(
      `Electron runtime not found at ${join(emptyRuntime, 'electron')} (ELECTRON_OVERRIDE_DIST_PATH); ` +
        'starting browser mode instead — open the URL below.',
    );
    if (!existsSync(join(appRoot, 'out', 'renderer', 'index.html'))) {
      // Without a build, browser mode says how to make one instead of serving nothing.
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain('npm run build');
      return;
    }
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (/Open http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(run.output())) resolve();
      };
      run.child.stdout!.on('data', check);
      check();
    });
    expect(run.output()).toContain(`(database: ${databasePath})`);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });
});
