// Python CPU profiles with py-spy (github.com/benfred/py-spy), which reads CPython's frame stacks
// out of the target's memory, like austin, but knows CPython 3.11–3.13 too: no flag, no restart, so
// running processes can be attached as well as launched ones. Thermograph launches a command itself
// and then attaches py-spy with --pid (one launch path for every profiler), after the process has
// exec'd into Python when a wrapper started it.
// Flags: --nonblocking (never pauses the target, and a py-spy killed mid-sample leaves nothing
// stopped), --function (a frame's line is the function's first line, so a function stays one frame),
// --full-filenames (paths an editor can open), speedscope output (see py-spy-speedscope.ts), and
// idle threads left out, so the profile is CPU time like austin's and perf's.
// py-spy writes its file when it stops: on SIGINT, or by itself when the target exits.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ThermographError } from '../../../src-shared/api/errors';
import type { Profile } from '../../../src-shared/profile/profile';
import { processExists } from '../../collectors/process-exists';
import { guardChild } from '../../guardian/guardian';
import type { Profiler, ProfilerProblem, ProfilerTarget, RunningProfiler } from '../profiler';
import { ptraceProblem } from './austin-access';
import { atLeast, readInterpreterVersion, targetPythonVersion, type PythonVersion } from './interpreter-version';
import { executableOf, runsPython, waitForPython } from './launched-interpreter';
import { describePySpySupport, installPySpy, pySpyReads, readPySpy } from './py-spy-access';
import { pySpyFolderPrefix, pySpyLeftoverEntry } from './py-spy-leftover';
import { readPySpySpeedscope } from './py-spy-speedscope';

// A wrapper (env, sh -c, pyenv's shim) execs Python within milliseconds; a command still not Python
// after this long runs it as a child, which py-spy would have to be pointed at.
const execWaitMs = 5_000;
// py-spy retries finding the interpreter for about 0.5 s; this only bounds a stuck start.
const attachTimeoutMs = 15_000;
// py-spy writes its whole file after SIGINT; a long recording at a high rate takes a while.
const stopGraceMs = 30_000;

/** True before a launched target exists: only its command line can be checked. */
function beforeLaunch(target: ProfilerTarget): boolean {
  return target.launched && target.pid <= 0;
}

function unreadable(version: string, python: PythonVersion, target: ProfilerTarget): ProfilerProblem {
  return {
    message: `py-spy ${version} reads ${describePySpySupport(version)}, but ${beforeLaunch(target) ? 'the command' : `process ${target.pid}`} runs Python ${python.text}.`,
    fix: `Upgrade py-spy (pip install -U py-spy)${atLeast(python, 3, 12) ? ', or launch it from Thermograph for the perf trampoline' : ''}, or record with --profile perf for native frames only.`,
  };
}

async function pySpyProblem(target: ProfilerTarget): Promise<ProfilerProblem | null> {
  const pySpy = await readPySpy();
  if (pySpy === null) return installPySpy;
  const ptrace = ptraceProblem(undefined, 'py-spy');
  if (ptrace) return ptrace;
  // A launched wrapper (env, sh -c, a shim) is not Python yet: start() waits for the exec.
  const waitsForExec = target.launched && !runsPython(target.pid);
  if (!beforeLaunch(target) && !waitsForExec && !processExists(target.pid))
    return { message: `Process ${target.pid} is not running.`, fix: 'Start the program again, then record it.' };
  const python = await targetPythonVersion(target);
  if (python === null) {
    if (target.launched) return null;
    return {
      message: `Process ${target.pid} is not a Python interpreter Thermograph can identify.`,
      fix: 'Record it with --profile perf for native frames.',
    };
  }
  return pySpyReads(pySpy.version, python) ? null : unreadable(pySpy.version, python, target);
}

/** Waits for a launched wrapper to exec Python and checks py-spy reads the Python it became. */
async function awaitInterpreter(target: ProfilerTarget, pySpyVersion: string): Promise<void> {
  if (!target.launched) return;
  const outcome = await waitForPython(target.pid, execWaitMs);
  if (outcome === 'exited')
    throw new ThermographError('process-not-found', `Process ${target.pid} exited before py-spy could attach to it.`);
  if (outcome === 'timeout')
    throw new ThermographError(
      'profiler-unavailable',
      `Process ${target.pid} (${executableOf(target.pid) ?? 'unknown'}) did not become a Python interpreter within ${execWaitMs / 1000} s, so py-spy has nothing to sample. Launch Python directly (or with \`exec\` in a shell command), or record its Python process with --pid.`,
    );
  const python = await readInterpreterVersion(executableOf(target.pid) ?? '');
  if (python && !pySpyReads(pySpyVersion, python)) {
    const problem = unreadable(pySpyVersion, python, target);
    throw new ThermographError('profiler-unavailable', `${problem.message} ${problem.fix}`);
  }
}

/** The py-spy Python profiler: CPython 2.7 and 3.3–3.13 (py-spy 0.4), launched or attached. */
export const pySpyProfiler: Profiler = {
  id: 'py-spy',
  check: pySpyProblem,
  prepareLaunch: (plan) => plan,
  async start(target, options, events, journal): Promise<RunningProfiler> {
    const problem = await pySpyProblem(target);
    if (problem) throw new ThermographError('profiler-unavailable', `${problem.message} ${problem.fix}`);
    const pySpy = (await readPySpy())!;
    await awaitInterpreter(target, pySpy.version);

    const directory = mkdtempSync(path.join(tmpdir(), pySpyFolderPrefix));
    const output = path.join(directory, 'profile.speedscope.json');
    const rate = Math.max(1, Math.round(options.samplingHz));
    const child = spawn(
      pySpy.command,
      [
        'record',
        '--pid',
        String(target.pid),
        '--rate',
        String(rate),
        '--format',
        'speedscope',
        '--output',
        output,
        '--nonblocking',
        '--function',
        '--full-filenames',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    let samplingSince: number | null = null;
    let samplingUntil: number | null = null;
    let fellBehind = false;
    const sampling = new Promise<void>((resolve) => {
      child.stdout!.on('data', (data: Buffer) => {
        stdout = (stdout + data.toString()).slice(-8192);
        if (samplingSince === null && /Sampling process/.test(stdout)) {
          samplingSince = Date.now();
          resolve();
        }
        if (samplingUntil === null && /Stopped sampling/.test(stdout)) samplingUntil = Date.now();
        // Kept as a flag: only the last few kilobytes of output are.
        fellBehind ||= /behind in sampling/.test(stdout);
      });
    });
    child.stderr!.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-8192)));
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve));
    // Killed with the engine, however the engine ends.
    const guarded = guardChild(child);
    const cleanUp = (): void => {
      guarded.release();
      rmSync(directory, { recursive: true, force: true });
    };

    const early = await Promise.race([
      sampling.then(() => null),
      exited.then(() => 'exited' as const),
      spawnFailed,
      // Unreferenced: a pending timer must not keep a finished CLI alive.
      delay(attachTimeoutMs, 'timeout' as const, { ref: false }),
    ]);
    if (early !== null) {
      child.kill('SIGKILL');
      cleanUp();
      if (!processExists(target.pid))
        throw new ThermographError(
          'process-not-found',
          `Process ${target.pid} exited before py-spy could attach to it.`,
        );
      const reason =
        early instanceof Error
          ? early.message
          : early === 'timeout'
            ? `it did not start sampling within ${attachTimeoutMs / 1000} s`
            : pySpyError(stderr);
      throw new ThermographError(
        'profiler-unavailable',
        `py-spy could not attach to process ${target.pid}: ${reason}. Check \`thermograph doctor\`.`,
      );
    }
    const entry = pySpyLeftoverEntry(child.pid!, directory);
    const journalId = entry ? journal.remember(entry) : null;

    const stop = async (): Promise<Profile[]> => {
      try {
        if (child.exitCode === null && child.signalCode === null) {
          samplingUntil ??= Date.now();
          child.kill('SIGINT');
          const timedOut = await Promise.race([exited.then(() => false), delay(stopGraceMs, true, { ref: false })]);
          if (timedOut) {
            child.kill('SIGKILL');
            throw new ThermographError(
              'profiler-unavailable',
              `py-spy did not write its profile within ${stopGraceMs / 1000} s and was ended; the profile is lost. Record a shorter span or at a lower --hz.`,
            );
          }
        }
        await exited;
        if (!existsSync(output))
          throw new ThermographError(
            'profiler-unavailable',
            `py-spy wrote no profile: ${pySpyError(stderr)}. Check \`thermograph doctor\` and record again.`,
          );
        const window = {
          startTime: samplingSince!,
          durationMs: Math.max(0, (samplingUntil ?? Date.now()) - samplingSince!),
          requestedHz: rate,
          fellBehind,
        };
        const result = readPySpySpeedscope(readFileSync(output, 'utf8'), window);
        if (result.samples === 0)
          events.warning('py-spy recorded no Python samples: the target was idle or exited at once.');
        if (window.fellBehind)
          events.warning(
            `py-spy could not keep up with ${rate} samples/s; the profile assumes the busiest thread ran throughout (${Math.round(1000 / result.intervalMs)} samples/s achieved). Record at a lower --hz for exact weights.`,
          );
        // --nonblocking reads a stack while it changes now and then; worth a word only when it is not rare.
        const errors = Number(/Errors: (\d+)/.exec(stdout)?.[1] ?? 0);
        if (errors > Math.max(1, result.samples / 100))
          events.warning(
            `py-spy could not read ${errors} of its samples (the target changed while it was read); they are left out.`,
          );
        return [result.profile];
      } finally {
        if (journalId !== null) journal.forget(journalId);
        cleanUp();
      }
    };
    let stopping: Promise<Profile[]> | null = null;
    return { stop: () => (stopping ??= stop()) };
  },
};

/** py-spy's own error line ("Error: Failed to find python version …"), without its backtrace. */
function pySpyError(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim());
  const error = lines.find((line) => line.startsWith('Error:'));
  if (error) return error.slice('Error:'.length).trim().replace(/\.$/, '');
  return lines.find((line) => line !== '') ?? 'it exited without a message';
}
