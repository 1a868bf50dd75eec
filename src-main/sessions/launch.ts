// Launching a command as a recording target. No shell is involved: argv[0] is resolved through
// PATH here, before a session exists, so "command not found" is a clear error rather than a
// session that ends at once.

import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { ThermographError } from '../../src-shared/api/errors';
import { processGroupAlive } from '../collectors/process-group';
import { guard, type Guard } from '../guardian/guardian';

/** The guardian's hold on each launched command's process group, released once it is ended. */
const guards = new WeakMap<ChildProcess, Guard>();

/** A command to launch, as the API received it. */
export interface LaunchRequest {
  argv: string[];
  cwd: string;
  /** Added to (and overriding) the engine's own environment. */
  env: Record<string, string>;
}

/** Finds the executable argv[0] names, or throws command-not-found / permission-denied. */
export function resolveExecutable(command: string, cwd: string, path: string | undefined): string {
  const candidates = command.includes('/')
    ? [isAbsolute(command) ? command : resolve(cwd, command)]
    : (path ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((folder) => join(folder, command));
  let denied: string | null = null;
  for (const candidate of candidates) {
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EACCES') denied = candidate;
    }
  }
  if (denied) {
    throw new ThermographError(
      'permission-denied',
      `${denied} is not executable. Make it executable (chmod +x) or run it through its interpreter.`,
    );
  }
  const where = command.includes('/') ? `at ${candidates[0]}` : 'in PATH';
  throw new ThermographError(
    'command-not-found',
    `Command "${command}" was not found ${where}. Check the spelling, or give its full path.`,
  );
}

/** Checks the working directory exists and is a folder. */
export function checkWorkingDirectory(cwd: string): void {
  if (!statSync(cwd, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ThermographError(
      'invalid-argument',
      `Working directory ${cwd} does not exist or is not a folder. Choose an existing folder.`,
    );
  }
}

/** Spawns the command with piped output and resolves once it has started (it has a pid). */
/**
 * Starts a command in its own process group. `onSpawned` is called with its pid synchronously, in
 * the same turn as the spawn, so a caller can journal the group before anything else can run (an
 * engine killed a moment later still leaves a record of it).
 */
export async function launchCommand(request: LaunchRequest, onSpawned?: (pid: number) => void): Promise<ChildProcess> {
  checkWorkingDirectory(request.cwd);
  const environment = { ...process.env, ...request.env };
  const executable = resolveExecutable(request.argv[0]!, request.cwd, environment.PATH);
  const child = spawn(executable, request.argv.slice(1), {
    cwd: request.cwd,
    env: environment,
    argv0: request.argv[0],
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so ending the recording ends everything the command started (a shell's
    // children, a build's workers), not just the process we spawned.
    detached: process.platform !== 'win32',
  });
  if (child.pid !== undefined) onSpawned?.(child.pid);
  await new Promise<void>((resolveStart, rejectStart) => {
    child.once('spawn', () => {
      // Whatever happens to this engine from now on, the command's group does not outlive it.
      if (child.pid !== undefined) guards.set(child, guard(child.pid, 'group'));
      resolveStart();
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      const code =
        error.code === 'EACCES' ? 'permission-denied' : error.code === 'ENOENT' ? 'command-not-found' : 'internal';
      rejectStart(new ThermographError(code, `Could not start ${request.argv[0]}: ${error.message}.`));
    });
  });
  return child;
}

/**
 * Ends a launched command and everything left in its process group: SIGTERM, then SIGKILL for what
 * is still alive after the grace period. Also used after the command exited by itself, for the
 * background processes it left behind (they would otherwise hold its output pipes open).
 */
export async function terminate(child: ChildProcess, graceMs = 2_000): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  if (process.platform === 'win32') {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return;
  }
  if (signalGroup(group, 'SIGTERM')) {
    const deadline = performance.now() + graceMs;
    while (processGroupAlive(group) && performance.now() < deadline) {
      await new Promise((resolveWait) => setTimeout(resolveWait, 25));
    }
    signalGroup(group, 'SIGKILL');
  }
  guards.get(child)?.release();
  guards.delete(child);
}

/** Sends a signal to a process group; false when the group no longer has any process. */
function signalGroup(group: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch {
    return false;
  }
}
