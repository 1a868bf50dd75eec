// Whether austin can sample a Python process here: austin installed, which CPython versions it
// reads (Debian's austin 1.0.1: 3.7–3.10; later austins know newer interpreters), and ptrace
// rights, since austin reads the target's memory with process_vm_readv, which Yama's
// kernel.yama.ptrace_scope restricts unless we hold CAP_SYS_PTRACE.

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { capability, hasCapability } from '../perf/perf-access';
import type { ProfilerProblem } from '../profiler';
import { atLeast, type PythonVersion } from './interpreter-version';

/** The austin binary Thermograph runs. */
export const austinCommand = 'austin';

let austinVersion: Promise<string | null> | null = null;

/** austin's version ("1.0.1"), or null when austin is not installed. Cached. */
export function readAustinVersion(): Promise<string | null> {
  austinVersion ??= new Promise((resolve) => {
    execFile(austinCommand, ['--version'], { timeout: 3000 }, (error, stdout, stderr) => {
      resolve(error ? null : (/(\d+\.\d+(?:\.\d+)?)/.exec(`${stdout}${stderr}`)?.[1] ?? null));
    });
  });
  return austinVersion;
}

/** The CPython minor versions (3.x) an austin version reads, as [lowest, highest]. */
export function austinSupportedMinors(version: string): [number, number] {
  const major = Number(version.split('.')[0]);
  // austin 1.x reads 3.7–3.10 (3.11 changed the frame layout); austin 3.5+ reads up to 3.12.
  if (major <= 1) return [7, 10];
  if (major === 2) return [8, 11];
  return [8, 12];
}

/** "3.7–3.10" */
export function describeSupported(version: string): string {
  const [lowest, highest] = austinSupportedMinors(version);
  return `CPython 3.${lowest}–3.${highest}`;
}

/** True when this austin reads this interpreter. */
export function austinReads(austin: string, python: PythonVersion): boolean {
  const [lowest, highest] = austinSupportedMinors(austin);
  return atLeast(python, 3, lowest) && !atLeast(python, 3, highest + 1);
}

/** kernel.yama.ptrace_scope, or null where Yama is not built in (no restriction beyond uid checks). */
export function readPtraceScope(): number | null {
  try {
    const value = Number(readFileSync('/proc/sys/kernel/yama/ptrace_scope', 'latin1').trim());
    return Number.isInteger(value) ? value : null;
  } catch {
    return null;
  }
}

/** The ptrace restriction that stops a sampler (austin, py-spy) reading another process, or null when it may. */
export function ptraceProblem(scope = readPtraceScope(), tool = 'austin'): ProfilerProblem | null {
  if (scope === null || scope === 0) return null;
  const privileged = hasCapability(capability.sysPtrace);
  if (scope === 3) {
    return {
      message: 'kernel.yama.ptrace_scope is 3: no process may read another one until reboot.',
      fix: 'Set kernel.yama.ptrace_scope=1 (or 0) in /etc/sysctl.d and reboot, then record again.',
    };
  }
  if (privileged) return null;
  return {
    message: `kernel.yama.ptrace_scope is ${scope}: only ${scope === 1 ? 'parent processes' : 'administrators'} may read a process's memory, so ${tool} cannot attach.`,
    fix: 'Run: sudo sysctl kernel.yama.ptrace_scope=0 (or run Thermograph as root).',
  };
}

/** What to do when austin is missing. */
export const installAustin: ProfilerProblem = {
  message: 'austin is not installed (no `austin` on PATH).',
  fix: 'Run: sudo apt-get install austin (or pipx install austin-dist).',
};
