// What the tests of experiments on a running process share: a session recorded by PID, and a second
// engine process running one experiment (process-experiment-child.ts) for the crash-recovery tests to
// kill with SIGKILL mid-experiment.

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Engine } from '../../../src-main/api/engine-types';
import type { Action } from '../../../src-shared/diagnosis/recommendation';
import type { SessionSummary } from '../../../src-shared/model/session';
import { waitForEnd } from '../../helpers/engine';
import { eventually } from '../cli/cli-harness';

/** Records a running process by PID for 2 s (timeline only) and returns its ended session. */
export async function recordedByPid(engine: Engine, pid: number): Promise<SessionSummary> {
  const session = await engine.api.startRecording({
    target: { kind: 'pid', pid },
    profiler: 'none',
    intervalMs: 250,
    durationSeconds: 2,
  });
  return waitForEnd(engine, session.id);
}

/** Starts the engine process on `pid` (nice −5 unless `action` says otherwise); resolves once its experiment has started. */
export async function experimentInAnotherEngine(
  databasePath: string,
  sessionId: number,
  pid: number,
  action?: Action,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'process-experiment-child.ts'),
      databasePath,
      String(sessionId),
      String(pid),
      ...(action ? [JSON.stringify(action)] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  if (!(await eventually(() => output.includes('experiment'), 20_000))) {
    child.kill('SIGKILL');
    throw new Error('the engine process did not start its experiment within 20 s');
  }
  return child;
}

/** Kills the engine process with SIGKILL, as a crash would, and waits until it has exited. */
export async function killEngine(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGKILL');
  await exited;
}
