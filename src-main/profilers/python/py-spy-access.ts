// Whether py-spy can sample a Python process here: py-spy installed (pip ships it as a prebuilt
// binary), which CPython versions it reads, and the same Yama ptrace rule austin meets, since
// py-spy too reads the target's memory with process_vm_readv.
// pyenv's shim for py-spy is a shell script that runs pyenv before py-spy: it costs about 150 ms at
// every start, time in which a program Thermograph launched runs unprofiled. So the shim is
// resolved once to the binary it runs (`pyenv which py-spy`).

import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { ProfilerProblem } from '../profiler';
import { atLeast, type PythonVersion } from './interpreter-version';

/** The py-spy Thermograph runs: its binary and its version ("0.4.2"). */
export interface PySpy {
  command: string;
  version: string;
}

let found: Promise<PySpy | null> | null = null;

function run(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 5000 }, (error, stdout) => resolve(error ? null : stdout.trim()));
  });
}

/** The first executable `name` on PATH, or null. */
function onPath(name: string): string | null {
  for (const folder of (process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

async function findPySpy(): Promise<PySpy | null> {
  let command = onPath('py-spy');
  if (command === null) return null;
  if (path.basename(path.dirname(command)) === 'shims') {
    const real = await run(path.join(path.dirname(path.dirname(command)), 'bin', 'pyenv'), ['which', 'py-spy']);
    if (real && path.isAbsolute(real)) command = real;
  }
  const output = await run(command, ['--version']);
  const version = output ? /(\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1] : undefined;
  return version ? { command, version } : null;
}

/** py-spy's binary and version, or null when it is not installed. Cached. */
export function readPySpy(): Promise<PySpy | null> {
  found ??= findPySpy();
  return found;
}

/** The newest CPython minor version (3.x) a py-spy version reads. */
export function pySpyNewestMinor(version: string): number {
  const [major, minor] = version.split('.').map(Number) as [number, number];
  // py-spy 0.4.0 added 3.12 and 3.13 (measured here with 0.4.2); 0.3.x reads up to 3.11.
  if (major > 0 || minor >= 4) return 13;
  return minor === 3 ? 11 : 9;
}

/** "CPython 2.7 and 3.3–3.13" */
export function describePySpySupport(version: string): string {
  return `CPython 2.7 and 3.3–3.${pySpyNewestMinor(version)}`;
}

/** True when this py-spy reads this interpreter. */
export function pySpyReads(pySpy: string, python: PythonVersion): boolean {
  if (python.major === 2) return python.minor === 7;
  return atLeast(python, 3, 3) && !atLeast(python, 3, pySpyNewestMinor(pySpy) + 1);
}

/** What to do when py-spy is missing. */
export const installPySpy: ProfilerProblem = {
  message: 'py-spy is not installed (no `py-spy` on PATH).',
  fix: 'Run: pip install py-spy (a prebuilt binary; it profiles CPython 2.7 and 3.3–3.13, launched or running).',
};
