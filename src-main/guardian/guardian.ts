// What Thermograph starts dies with it, even when Thermograph itself dies without a chance to clean
// up (SIGKILL, the out-of-memory killer, a crash of the app). A guardian is a tiny separate process,
// started once per engine, that reads a pipe from the engine. The kernel closes that pipe however
// the engine ends; on end-of-file the guardian ends every process group and process it was told to
// guard (SIGTERM, then SIGKILL after a grace period) and exits. PR_SET_PDEATHSIG would end only the
// direct child (not what a shell wrapper started in its group) and is not reachable from Node.
//
// The guardian's code is the self-contained function `guardianMain`, run with `node -e`, so it needs
// no separate built file and works from sources (tests) and from the bundle alike.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A guarded process or process group; release it once it has been ended the normal way. */
export interface Guard {
  release(): void;
}

/** What to guard: a whole process group (a launched command) or one process (a profiler). */
export type GuardedKind = 'group' | 'process';

const noGuard: Guard = { release: () => undefined };
/** The environment variable that carries the guardian's source to `node -e`. */
const sourceVariable = 'THERMOGRAPH_GUARDIAN_SOURCE';

let guardian: ChildProcess | null = null;
let guardianFailed = false;

/**
 * Has `pid` (a process, or the process group it leads) ended when this engine's process ends in any
 * way but a clean shutdown. A no-op where the guardian cannot run (Windows, or it failed to start:
 * then the crash journal in the store still cleans up profilers at the next start).
 */
export function guard(pid: number, kind: GuardedKind): Guard {
  const channel = guardianChannel();
  if (channel === null) return noGuard;
  // The start time names the process for as long as the machine runs: a PID reused after the target
  // exited is never signalled.
  const key = `${kind === 'group' ? 'g' : 'p'} ${pid} ${startTicks(pid)}`;
  send(`+${key}\n`);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      send(`-${key}\n`);
    },
  };
}

/**
 * Ties a helper process the engine started (perf, austin, py-spy) to the engine's life: killed when
 * the engine exits normally (an exit handler) and when it dies without running one (the guardian).
 * Release it once the process has been stopped the normal way.
 */
export function guardChild(child: ChildProcess): Guard {
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const guarded = child.pid === undefined ? noGuard : guard(child.pid, 'process');
  return {
    release() {
      process.removeListener('exit', killOnExit);
      guarded.release();
    },
  };
}

/** The PID of this engine's guardian, once one runs (for tests). */
export function guardianPid(): number | null {
  return guardian?.pid ?? null;
}

function send(line: string): void {
  if (guardian?.stdin?.writable) guardian.stdin.write(line);
}

function guardianChannel(): ChildProcess | null {
  if (guardian !== null || guardianFailed || process.platform === 'win32') return guardian;
  try {
    // The code travels in the environment, so process lists show a short command line.
    const child = spawn(process.execPath, ['-e', `eval(process.env.${sourceVariable})`], {
      // Its own session: a Ctrl-C or a closed terminal that ends the engine must not end it first.
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      // Inside Electron, process.execPath is the app: run it as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', [sourceVariable]: `(${guardianMain.toString()})()` },
    });
    child.once('error', () => {
      guardianFailed = true;
      guardian = null;
    });
    child.once('exit', () => {
      if (guardian === child) guardian = null;
    });
    // The engine may exit whenever it is done: the guardian never keeps it alive.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    child.stdin?.on('error', () => undefined);
    guardian = child;
    return child;
  } catch {
    guardianFailed = true;
    return null;
  }
}

/** Start time after boot in clock ticks from /proc/PID/stat (field 22), or 0 where unreadable. */
function startTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]) || 0;
  } catch {
    return 0;
  }
}

/**
 * The guardian process. Self-contained (it is run from its source text): no imports, only the
 * built-ins `process.getBuiltinModule` hands out.
 * Lines on stdin: "+g PID TICKS" / "+p PID TICKS" guard a group / process, "-…" releases it.
 */
function guardianMain(): void {
  const fs = process.getBuiltinModule('node:fs');
  process.title = 'thermograph-guardian';
  const graceMs = 2_000;
  const guarded = new Set<string>();
  let pending = '';
  const ticksOf = (pid: number): number => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]) || 0;
    } catch {
      return -1;
    }
  };
  const signal = (entry: string, name: NodeJS.Signals): boolean => {
    const [kind, pidText, ticksText] = entry.split(' ');
    const pid = Number(pidText);
    if (!(pid > 1)) return false;
    const ticks = ticksOf(pid);
    // A process that is not the one we were told about (its PID was reused) is left alone. A group
    // whose leader has exited may still have members; its PGID cannot be reused while they live.
    if (ticks >= 0 && Number(ticksText) > 0 && ticks !== Number(ticksText)) return false;
    if (kind === 'p' && ticks < 0) return false;
    try {
      process.kill(kind === 'g' ? -pid : pid, name);
      return true;
    } catch {
      return false;
    }
  };
  const endAll = (): void => {
    const alive = [...guarded].filter((entry) => signal(entry, 'SIGTERM'));
    if (alive.length === 0) process.exit(0);
    setTimeout(() => {
      for (const entry of alive) signal(entry, 'SIGKILL');
      process.exit(0);
    }, graceMs);
  };
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (line.startsWith('+')) guarded.add(line.slice(1));
      else if (line.startsWith('-')) guarded.delete(line.slice(1));
      newline = pending.indexOf('\n');
    }
  });
  process.stdin.on('end', endAll);
  process.stdin.on('error', endAll);
  for (const name of ['SIGINT', 'SIGHUP', 'SIGTERM'] as const) process.on(name, () => undefined);
}
