// The Python a launched command will become, and the moment it becomes it. A command may reach
// Python through a wrapper that execs it in the same process: `env python3 x.py`,
// `sh -c 'exec python3 x.py'`, or pyenv's `python3` shim (a bash script). Before launch the
// interpreter is read from the command line; after launch the process is watched until its
// executable is a Python, so a sampler attaches to the interpreter and not to the wrapper.

import { closeSync, openSync, readlinkSync, readSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { processExists } from '../../collectors/process-exists';
import { detectRuntime } from '../../collectors/runtime-detection';

const shells = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh']);
const assignment = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The words of a simple shell command (quotes removed; no expansions). Enough to find its program. */
function shellWords(script: string): string[] {
  const words: string[] = [];
  for (const match of script.matchAll(/'([^']*)'|"((?:\\.|[^"\\])*)"|(\S+)/g)) {
    words.push(match[1] ?? match[2]?.replace(/\\(.)/g, '$1') ?? match[3]!);
    if (/[;&|]$/.test(match[3] ?? '')) break;
  }
  return words;
}

/** Drops leading `VAR=value` words and `exec`. */
function programWords(words: string[]): string[] {
  let index = 0;
  while (index < words.length && (assignment.test(words[index]!) || words[index] === 'exec')) index++;
  return words.slice(index);
}

/**
 * The program a command line runs after its wrappers: argv[0], or what `env [-i] [VAR=value…] PROGRAM`
 * or `sh -c '[exec] PROGRAM …'` runs. Pure.
 */
export function programOf(argv: readonly string[]): string | null {
  const first = argv[0];
  if (first === undefined) return null;
  const name = path.basename(first);
  if (name === 'env') {
    const rest = argv.slice(1).filter((word, index, all) => {
      // `env -u NAME` takes the next word; other options stand alone.
      return !(word.startsWith('-') || all[index - 1] === '-u');
    });
    return programOf(programWords(rest));
  }
  if (shells.has(name) && argv[1] === '-c' && argv[2] !== undefined) {
    const words = programWords(shellWords(argv[2]));
    return words[0] === undefined ? null : programOf(words);
  }
  return first;
}

/** The first bytes of a file, or '' when it cannot be read. */
function head(file: string): string {
  try {
    const descriptor = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(256);
      return buffer.toString('latin1', 0, readSync(descriptor, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return '';
  }
}

/**
 * True when a command line will run Python once launched: its program (through `env` / `sh -c`) is
 * named like a Python, or is a script whose `#!` line names one. `searchPath` finds a bare name.
 */
export function launchesPython(argv: readonly string[], searchPath = process.env['PATH'] ?? ''): boolean {
  const program = programOf(argv);
  if (program === null) return false;
  if (detectRuntime('', [program]) === 'python') return true;
  const candidates = program.includes('/')
    ? [program]
    : searchPath
        .split(path.delimiter)
        .filter(Boolean)
        .map((folder) => path.join(folder, program));
  return candidates.some((candidate) => /^#!.*python/.test(head(candidate).split('\n')[0]!));
}

/** The executable a process runs now, or null when it cannot be read. */
export function executableOf(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return null;
  }
}

/** True when a process's executable is a Python interpreter by its name. */
export function runsPython(pid: number): boolean {
  const executable = executableOf(pid);
  return executable !== null && detectRuntime(executable, []) === 'python';
}

/**
 * Waits until a launched process has exec'd into Python. Resolves 'python', 'exited', or 'timeout'
 * when it still runs something else after `timeoutMs` (Python is a child, not an exec).
 */
export async function waitForPython(pid: number, timeoutMs: number): Promise<'python' | 'exited' | 'timeout'> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (runsPython(pid)) return 'python';
    if (!processExists(pid) || executableOf(pid) === null) return 'exited';
    if (performance.now() > deadline) return 'timeout';
    await delay(5);
  }
}
