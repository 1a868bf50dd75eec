// `thermograph apply` of a CPU affinity on a session recorded by PID, through the built bin: a CPU-bound
// process kept on CPU 0 is recommended every CPU, and the experiment changes every thread of the live
// process window by window, measuring its time waiting for a CPU. One thread with CPU 0 to itself may
// gain nothing (rolled back, back on CPU 0) or, when other programs crowd CPU 0, be kept on every CPU:
// either way every thread ends where the verdict says. Needs root, taskset and two CPUs, else it skips.

import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { readThreadAffinity, threadAffinity } from '../../../src-main/recommend/actions/thread-affinity';
import { startTarget, type RunningTarget } from '../../fixtures/targets/start-target';
import { useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);
const runnable =
  process.getuid?.() === 0 && spawnSync('taskset', ['--version']).status === 0 && availableParallelism() >= 2;
let target: RunningTarget | null = null;

afterEach(async () => {
  await target?.stop();
  target = null;
});

describe.skipIf(!runnable)('thermograph apply of a CPU affinity on a running process', () => {
  it('widens a process kept on CPU 0 in windows and leaves every thread where the verdict says', async () => {
    target = await startTarget('cpu-busy.js', ['60']);
    await threadAffinity.set(target.pid, '0');
    const options = '--duration 2 --interval 250 --profile none --json'.split(' ');
    const recorded = await harness.start('record', ['--pid', String(target.pid), ...options]);
    expect(recorded.code, recorded.stderr).toBe(0);
    const sessionId = (JSON.parse(recorded.stdout) as { session: { id: number } }).session.id;

    const applied = await harness.start('apply', [
      String(sessionId),
      'cpu-affinity',
      '--runs',
      '4',
      '--max-runs',
      '4',
      '--window',
      '500',
    ]);
    console.log(`${applied.stderr}\n${applied.stdout}`);
    const every = availableParallelism() === 2 ? '0-1' : `0-${availableParallelism() - 1}`;
    expect(applied.stderr).toContain(
      `Experiment 1: CPU affinity ${every} on the running PID ${target.pid} (session ${sessionId}), 4 to 4 windows a side`,
    );
    expect(applied.stderr).toMatch(/measuring its time waiting for a CPU per second;/);
    expect(applied.stderr).toMatch(/^window 8\/8 +changed .* time waiting for a CPU [\d.]+$/m);
    const kept = applied.code === 0;
    expect(applied.stdout).toMatch(
      kept
        ? new RegExp(
            `^Kept: .*; kept on PID ${target.pid} until it exits; a running process has no launch preset\\.$`,
            'm',
          )
        : new RegExp(`^Rolled back: .*; PID ${target.pid}'s threads are back at their own CPU list \\(0\\)\\.$`, 'm'),
    );
    expect(applied.stdout).toMatch(
      new RegExp(`^ {2}changed {3}median [\\d.]+ over 4 windows \\(CPU affinity ${every}\\)$`, 'm'),
    );
    expect(new Set(readThreadAffinity(target.pid)!.values())).toEqual(new Set([kept ? every : '0']));
  }, 60_000);
});
