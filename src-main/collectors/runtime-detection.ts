// Which runtime a process runs, decided from its executable's name. Pure: the caller reads
// /proc/PID/exe (or falls back to argv[0]) and passes the strings in.
import type { Runtime } from '../../src-shared/model/process';

// node, nodejs, and versioned builds such as node20 or node-22.1 (nvm, Debian alternatives).
const nodeName = /^node(js)?[-_]?\d*(\.\d+)*$/;
// python, python3, python3.12, python3.13t (free-threaded), python3.12d (debug build).
const pythonName = /^python\d*(\.\d+)*[dtmu]*$/;

/** The last path component, without the " (deleted)" the kernel appends to a replaced executable. */
function baseName(path: string): string {
  const trimmed = path.endsWith(' (deleted)') ? path.slice(0, -' (deleted)'.length) : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * The runtime of a process from its executable path (/proc/PID/exe, empty when unreadable) and its
 * arguments; argv[0] is used only when the executable path is unknown.
 */
export function detectRuntime(executablePath: string, argv: string[]): Runtime {
  const source = executablePath !== '' ? executablePath : (argv[0] ?? '');
  // A rewritten title ("node server.js" as one argument) still starts with the program's name.
  const name = baseName(executablePath !== '' ? source : (source.split(' ')[0] ?? '')).toLowerCase();
  if (nodeName.test(name)) return 'node';
  if (pythonName.test(name)) return 'python';
  return 'native';
}
