// One run of an experiment: the launched command started directly (not recorded as a session), in
// its own process group that the guardian ends should this engine die, timed from just before the
// spawn to its exit with the monotonic clock. Its output is discarded except for a bounded tail: the
// end of stdout and stderr when a metric is read from it (benchmarks print their result last), and
// the end of stderr for the message of a failed run.

import type { ChildProcess } from 'node:child_process';
import type { Milliseconds } from '../../../src-shared/units';
import { launchCommand, terminate, type LaunchRequest } from '../../sessions/launch';
import { setLaunchPriority } from './apply-action';

/** How much output a run keeps for its metric (the end of it). */
const keptOutputChars = 1024 * 1024;
/** How much of stderr a run keeps for the message of a failure. */
const keptErrorChars = 2_000;

/** How one run ended. */
export interface MeasuredRun {
  wallMs: Milliseconds;
  exitCode: number | null;
  signal: string | null;
  /** The end of its output (stdout, then stderr), when it was asked for; else empty. */
  output: string;
  /** The end of its stderr. */
  errorTail: string;
}

/** A run in progress. */
export interface StartedRun {
  pid: number;
  /** Resolves once it has exited and what it left in its process group is ended. */
  ended: Promise<MeasuredRun>;
  /** Ends it at once (its whole process group); `ended` still resolves. */
  kill(): void;
}

/**
 * Starts one run; `nice` is set on the spawned process at once, `keepOutput` keeps its output for a
 * metric, `onSpawned` gets its pid in the turn it was spawned (for the crash journal).
 */
export async function startRun(
  launch: LaunchRequest,
  nice: number | null,
  keepOutput: boolean,
  onSpawned: (pid: number) => void,
): Promise<StartedRun> {
  const startedAt = process.hrtime.bigint();
  const child = await launchCommand(launch, onSpawned);
  const pid = child.pid!;
  if (nice !== null) {
    try {
      setLaunchPriority(pid, nice);
    } catch (error) {
      child.kill('SIGKILL');
      await terminate(child, 0);
      throw error;
    }
  }
  return { pid, ended: waitForEnd(child, startedAt, keepOutput), kill: () => killGroup(pid) };
}

async function waitForEnd(child: ChildProcess, startedAt: bigint, keepOutput: boolean): Promise<MeasuredRun> {
  let output = '';
  let errorTail = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (text: string) => {
    if (keepOutput) output = tail(output + text, keptOutputChars);
  });
  child.stderr!.on('data', (text: string) => {
    errorTail = tail(errorTail + text, keptErrorChars);
    if (keepOutput) output = tail(output + text, keptOutputChars);
  });
  const closed = new Promise<void>((resolveClose) => child.once('close', () => resolveClose()));
  const exit = await new Promise<{ code: number | null; signal: string | null }>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  const wallMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  // What it left running in its group would hold the pipes open (and outlive the experiment).
  await terminate(child, 500);
  await closed;
  return { wallMs, exitCode: exit.code, signal: exit.signal, output, errorTail };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function tail(text: string, limit: number): string {
  return text.length > limit ? text.slice(text.length - limit) : text;
}
