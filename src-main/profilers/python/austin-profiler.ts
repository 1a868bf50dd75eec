// Python CPU profiles with austin, a sampler that reads CPython's frame stacks out of the target's
// memory: nothing is injected and the target needs no flag. austin streams collapsed stacks on
// stdout, which go straight into the austin parser; SIGINT ends it and it flushes on the way out.

import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { ThermographError } from '../../../src-shared/api/errors';
import type { Profile } from '../../../src-shared/profile/profile';
import { processExists } from '../../collectors/process-exists';
import { guardChild } from '../../guardian/guardian';
import { AustinParser } from '../../import/austin';
import { perfLeftoverEntry } from '../perf/perf-leftover';
import type { Profiler, ProfilerProblem, ProfilerTarget, RunningProfiler } from '../profiler';
import {
  austinCommand,
  austinReads,
  describeSupported,
  installAustin,
  ptraceProblem,
  readAustinVersion,
} from './austin-access';
import { atLeast, targetPythonVersion } from './interpreter-version';

const stopGraceMs = 5_000;
// austin fails within a few hundred milliseconds when it cannot find the interpreter's state.
const startCheckMs = 300;

async function austinProblem(target: ProfilerTarget): Promise<ProfilerProblem | null> {
  const austin = await readAustinVersion();
  if (austin === null) return installAustin;
  const ptrace = ptraceProblem();
  if (ptrace) return ptrace;
  const python = await targetPythonVersion(target);
  if (python === null) {
    return {
      message: `Process ${target.pid} is not a Python interpreter Thermograph can identify.`,
      fix: 'Record it with --profile perf for native frames.',
    };
  }
  if (!austinReads(austin, python)) {
    return {
      message: `austin ${austin} reads ${describeSupported(austin)}, but process ${target.pid} runs Python ${python.text}.`,
      fix: 'Use Python ≤ 3.10 with austin, or Python ≥ 3.12 launched by Thermograph (perf trampoline), or --profile perf for native frames only.',
    };
  }
  return null;
}

// austin 1.x reads Python 3.10's new line table as the function's first line: seen with Debian's
// austin 1.0.1, where 3.9 gives the running lines. Such lines are left out of the line costs.
async function austinGivesRunningLines(target: ProfilerTarget): Promise<boolean> {
  const [austin, python] = await Promise.all([readAustinVersion(), targetPythonVersion(target)]);
  const major = Number(/^(\d+)/.exec(austin ?? '')?.[1] ?? 0);
  return major >= 3 || (python !== null && !atLeast(python, 3, 10));
}

/** The austin Python profiler. */
export const austinProfiler: Profiler = {
  id: 'austin',
  check: austinProblem,
  prepareLaunch: (plan) => plan,
  async start(target, options, events, journal): Promise<RunningProfiler> {
    const problem = await austinProblem(target);
    if (problem) throw new ThermographError('profiler-unavailable', `${problem.message} ${problem.fix}`);
    if (!processExists(target.pid))
      throw new ThermographError(
        'process-not-found',
        `Process ${target.pid} is not running. Start it again and record.`,
      );
    const intervalMicroseconds = Math.max(10, Math.round(1e6 / options.samplingHz));
    // -s: CPU time only (idle threads are not sampled), like perf's cpu-clock profiles.
    const austin = spawn(austinCommand, ['-s', '-i', String(intervalMicroseconds), '-p', String(target.pid)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const parser = new AustinParser({
      startTime: Date.now(),
      requestedIntervalMs: intervalMicroseconds / 1000,
      tool: 'austin',
      runningLines: await austinGivesRunningLines(target),
    });
    let stderr = '';
    austin.stderr!.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-4096)));
    austin.stdout!.on('data', (chunk: Buffer) => parser.push(chunk));
    const outputDone = new Promise<void>((resolve) => austin.stdout!.once('close', () => resolve()));
    const exited = new Promise<number | null>((resolve) => austin.once('close', (code) => resolve(code)));
    const spawnFailed = new Promise<Error>((resolve) => austin.once('error', resolve));
    // Killed with the engine, however the engine ends.
    const guarded = guardChild(austin);

    const early = await Promise.race([
      exited.then(() => 'exited' as const),
      spawnFailed,
      delay(startCheckMs).then(() => null),
    ]);
    if (early !== null) {
      guarded.release();
      if (!processExists(target.pid))
        throw new ThermographError(
          'process-not-found',
          `Process ${target.pid} exited before austin could attach to it.`,
        );
      throw new ThermographError(
        'profiler-unavailable',
        `austin could not attach to process ${target.pid}: ${early instanceof Error ? early.message : stderr.trim() || 'it exited at once'}. Check \`thermograph doctor\`.`,
      );
    }
    const entry = perfLeftoverEntry(austin.pid!, null, 'austin');
    const journalId = entry ? journal.remember(entry) : null;

    const stop = async (): Promise<Profile[]> => {
      try {
        if (austin.exitCode === null && austin.signalCode === null) {
          austin.kill('SIGINT');
          const timedOut = await Promise.race([exited.then(() => false), delay(stopGraceMs, true, { ref: false })]);
          if (timedOut) austin.kill('SIGKILL');
        }
        await outputDone;
        const result = parser.finish();
        if (result.samples === 0)
          events.warning('austin recorded no Python samples: the target was idle or exited at once.');
        if (result.skippedLines > 0)
          events.warning(`austin printed ${result.skippedLines} lines Thermograph could not read; they were skipped.`);
        return [result.profile];
      } finally {
        guarded.release();
        if (journalId !== null) journal.forget(journalId);
      }
    };
    let stopping: Promise<Profile[]> | null = null;
    return { stop: () => (stopping ??= stop()) };
  },
};
