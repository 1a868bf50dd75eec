// What the Python recording tests share: the pyenv interpreters, which profilers this machine has
// (py-spy, and austin / perf with py-spy hidden from PATH), and `thermograph record` run through the
// built bin with the Python function that came out on top.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { expect } from 'vitest';
import { cli, type useCliDatabase } from './cli-harness';

/** A test file's CLI database (useCliDatabase's answer). */
type CliDatabase = ReturnType<typeof useCliDatabase>;

export const versions = ['3.10.13', '3.11.7', '3.12.1', '3.13.0'] as const;
export const python = (version: string): string => join(homedir(), '.pyenv/versions', version, 'bin/python3');
const folderHas = (folder: string, name: string): boolean => existsSync(join(folder, name));
const path = process.env['PATH'] ?? '';
export const pySpyInstalled = path.split(delimiter).some((folder) => folderHas(folder, 'py-spy'));
/** PATH without the folders that hold py-spy (pyenv's shims among them; interpreters are given by full path). */
export const pathWithoutPySpy = path
  .split(delimiter)
  .filter((folder) => !folderHas(folder, 'py-spy'))
  .join(delimiter);
export const austinInstalled = pathWithoutPySpy.split(delimiter).some((folder) => folderHas(folder, 'austin'));
export const perfInstalled = pathWithoutPySpy.split(delimiter).some((folder) => folderHas(folder, 'perf'));

/** What a test needs and does not have here, for its title (vitest prints no reason for a skip); '' when all is there. */
export function missing(needs: Record<string, boolean>): string {
  const absent = Object.entries(needs)
    .filter(([, present]) => !present)
    .map(([what]) => what);
  return absent.length === 0 ? '' : ` — skipped: no ${absent.join(', no ')} here`;
}
export const pySpyNeed = { 'py-spy on PATH (pip install py-spy)': pySpyInstalled };
export const pythonNeed = (version: string) => ({ [`~/.pyenv/versions/${version}`]: existsSync(python(version)) });

export interface RecordedSession {
  id: number;
  endReason: string;
  profiler: { profiler: string; state: string; message: string | null; fix: string | null } | null;
  profiles: { tool: string; sampleCount: number; achievedRateHz: number | null }[];
}

/** Runs `thermograph record --json ARGS` (optionally with another PATH) and returns the session. */
export function recordPython(
  harness: CliDatabase,
  args: string[],
  environment: NodeJS.ProcessEnv = process.env,
): RecordedSession {
  const result = spawnSync(process.execPath, [cli, 'record', '--db', harness.database, '--json', ...args], {
    encoding: 'utf8',
    timeout: 90_000,
    env: environment,
  });
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { session: RecordedSession }).session;
}

/** The Python function with the most self time, with its line, from `thermograph hotspots --json`. */
export function topPythonFunction(harness: CliDatabase, sessionId: number): { name: string; line: number | null } {
  const result = harness.run('hotspots', [String(sessionId), '--top', '50', '--json']);
  expect(result.code, result.stderr).toBe(0);
  const { hotspots } = JSON.parse(result.stdout) as {
    hotspots: {
      rows: { frame: number; self: number }[];
      frames: { name: string; kind: string; line: number | null }[];
    };
  };
  const python = hotspots.rows
    .map((row) => ({ ...row, frame: hotspots.frames[row.frame]! }))
    .filter((row) => row.frame.kind === 'python')
    .sort((left, right) => right.self - left.self);
  expect(python.length, 'no Python frames in the profile').toBeGreaterThan(0);
  return { name: python[0]!.frame.name, line: python[0]!.frame.line };
}

// hot_function starts on line 9 of python-hot.py; py-spy runs with --function, so a frame's line
// is the function's first line.
export const hotFunction = { name: 'hot_function', line: 9 };
