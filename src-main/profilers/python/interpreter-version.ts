// Which CPython a target runs, read by running its interpreter with --version: the running
// process's /proc/PID/exe (right even for `./script.py` with a shebang), or, before launch (or while
// a wrapper runs), the program its command line runs (programOf: argv[0], or through `env` or
// `sh -c`). Python 2 prints its version on stderr, 3 on stdout.

import { execFile } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import type { ProfilerTarget } from '../profiler';
import { programOf } from './launched-interpreter';

/** A CPython version. */
export interface PythonVersion {
  major: number;
  minor: number;
  patch: number;
  /** "3.10.13" */
  text: string;
}

const cache = new Map<string, Promise<PythonVersion | null>>();

/** Parses "Python 3.10.13" (or "3.12.0rc1"); null when it is not a version line. */
export function parsePythonVersion(output: string): PythonVersion | null {
  const match = /Python (\d+)\.(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return null;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  return { major, minor, patch, text: `${major}.${minor}.${patch}` };
}

/** The version an interpreter binary reports, or null when it is not a Python. Cached per path. */
export function readInterpreterVersion(executable: string): Promise<PythonVersion | null> {
  let version = cache.get(executable);
  if (version === undefined) {
    version = new Promise((resolve) => {
      execFile(executable, ['--version'], { timeout: 3000 }, (error, stdout, stderr) => {
        resolve(error ? null : parsePythonVersion(`${stdout}\n${stderr}`));
      });
    });
    cache.set(executable, version);
  }
  return version;
}

/** The interpreter a target runs: its /proc/PID/exe when readable (and not pid 0, before launch), else argv's program. */
export function interpreterOf(target: ProfilerTarget): string | null {
  try {
    if (target.pid > 0) return readlinkSync(`/proc/${target.pid}/exe`);
  } catch {
    // gone, or another user's: fall back to the command line
  }
  return programOf(target.argv);
}

/** The target's CPython version, or null when it cannot be read. */
export async function targetPythonVersion(target: ProfilerTarget): Promise<PythonVersion | null> {
  const executable = interpreterOf(target);
  const version = executable ? await readInterpreterVersion(executable) : null;
  // A launched `./script.py` has not exec'd yet, or exe is a wrapper: try the command line's program too.
  const program = programOf(target.argv);
  if (version === null && program && program !== executable) return readInterpreterVersion(program);
  return version;
}

/** True when a version is at least major.minor. */
export function atLeast(version: PythonVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}
