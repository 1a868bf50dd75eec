// Whether this user may run `perf record` on a process: perf on PATH, kernel.perf_event_paranoid
// (perf_event_open(2), "perf_event related configuration files") weighed against root and
// CAP_PERFMON / CAP_SYS_ADMIN, and whether hardware counters exist (VMs often have none, so
// cpu-clock, a software timer, is the portable event). Read once and cached: none of it changes
// while Thermograph runs, except the sysctl, which the doctor re-reads.

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ProfilerProblem } from '../profiler';

/** The perf binary Thermograph runs. */
export const perfCommand = 'perf';

/** Linux capability numbers (capability.h) that lift perf and ptrace restrictions. */
export const capability = { sysPtrace: 19, sysAdmin: 21, perfmon: 38 } as const;

/** True when this process holds the capability in its effective set (root usually holds all). */
export function hasCapability(bit: number): boolean {
  try {
    const status = readFileSync('/proc/self/status', 'latin1');
    const match = /^CapEff:\s*([0-9a-f]+)/m.exec(status);
    if (match) return ((BigInt(`0x${match[1]}`) >> BigInt(bit)) & 1n) === 1n;
  } catch {
    // no /proc: fall back to the uid
  }
  return process.getuid?.() === 0;
}

/** kernel.perf_event_paranoid, or null when the file is missing (no perf events in this kernel). */
export function readPerfEventParanoid(): number | null {
  try {
    const value = Number(readFileSync('/proc/sys/kernel/perf_event_paranoid', 'latin1').trim());
    return Number.isInteger(value) ? value : null;
  } catch {
    return null;
  }
}

/** What a perf_event_paranoid value allows an unprivileged user, in a sentence. */
export function describeParanoid(value: number): string {
  if (value <= -1) return 'no restrictions';
  if (value === 0) return 'user and kernel profiling, no raw tracepoints';
  if (value === 1) return 'user and kernel profiling of your own processes';
  if (value === 2) return 'user-space profiling of your own processes only (no kernel frames)';
  return 'no perf events at all for unprivileged users';
}

/** True when perf may record other processes regardless of perf_event_paranoid. */
export function perfPrivileged(): boolean {
  return hasCapability(capability.perfmon) || hasCapability(capability.sysAdmin);
}

/** The problem with perf_event_paranoid for this user, or null when recording is allowed. */
export function paranoidProblem(value: number | null): ProfilerProblem | null {
  if (value === null) {
    return {
      message: 'This kernel has no perf events (/proc/sys/kernel/perf_event_paranoid is missing).',
      fix: 'Use a kernel built with CONFIG_PERF_EVENTS, or profile with a runtime profiler (Node.js, austin).',
    };
  }
  if (value <= 2 || perfPrivileged()) return null;
  return {
    message: `kernel.perf_event_paranoid is ${value} (${describeParanoid(value)}) and Thermograph runs without CAP_PERFMON.`,
    fix: 'Run: sudo sysctl kernel.perf_event_paranoid=1 (or run Thermograph as root).',
  };
}

let perfVersion: Promise<string | null> | null = null;

/** perf's version ("6.1.187"), or null when perf is not installed. Cached. */
export function readPerfVersion(): Promise<string | null> {
  perfVersion ??= new Promise((resolve) => {
    execFile(perfCommand, ['--version'], { timeout: 5000 }, (error, stdout) => {
      resolve(error ? null : (/(\d+\.\d+(?:\.\d+)?)/.exec(stdout)?.[1] ?? stdout.trim()));
    });
  });
  return perfVersion;
}

/** What to do when perf is missing. */
export const installPerf: ProfilerProblem = {
  message: 'perf is not installed (no `perf` on PATH).',
  fix: 'Run: sudo apt-get install linux-perf (Debian) or sudo apt-get install linux-tools-$(uname -r) (Ubuntu).',
};

let hardwareEvents: Promise<boolean> | null = null;

/**
 * True when the CPU cycles counter can be opened. VMs usually lack it, and perf record then needs
 * the software cpu-clock event. Cached; costs one `perf stat` of `true` (≈ 30 ms).
 */
export function hardwareEventsWork(): Promise<boolean> {
  hardwareEvents ??= new Promise((resolve) => {
    execFile(
      perfCommand,
      ['stat', '-x', ',', '-e', 'cycles:u', 'true'],
      { timeout: 5000 },
      (error, _stdout, stderr) => {
        resolve(!error && !/not supported|not counted|<not/i.test(stderr));
      },
    );
  });
  return hardwareEvents;
}

/** The problem with running perf here, or null when it can run. */
export async function perfProblem(): Promise<ProfilerProblem | null> {
  if ((await readPerfVersion()) === null) return installPerf;
  return paranoidProblem(readPerfEventParanoid());
}
