// `thermograph apply` on a session recorded by PID, through the built bin: a CPU-bound process among
// spinners (all children of this test, so in one scheduling session where nice decides) has the
// priority recommendation applied in place, window by window, and keeps nice −5 on every thread;
// the verdict says it stays on the process and promises no launch preset. Needs root to lower nice.

import { availableParallelism, getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { threadIds } from '../../../src-main/recommend/actions/process-threads';
import { startTarget, type RunningTarget } from '../../fixtures/targets/start-target';
import { useCliDatabase } from './cli-harness';

const harness = useCliDatabase(120_000);
const isRoot = process.getuid?.() === 0;
let started: RunningTarget[] = [];

afterEach(async () => {
  await Promise.all(started.map((target) => target.stop()));
  started = [];
});

async function start(name: string): Promise<RunningTarget> {
  const target = await startTarget(name, ['120']);
  started.push(target);
  return target;
}

// Lowering a nice value needs root (or CAP_SYS_NICE): without it there is nothing to apply.
describe.skipIf(!isRoot)('thermograph apply on a running process', () => {
  it('keeps nice −5 on a CPU-bound process that spinners starve, and says it stays on the process', async () => {
    const target = await start('cpu-busy.js');
    await Promise.all(Array.from({ length: availableParallelism() * 2 }, () => start('cpu-busy.js')));
    const options = '--duration 2 --interval 250 --profile none --json'.split(' ');
    const recorded = await harness.start('record', ['--pid', String(target.pid), ...options]);
    expect(recorded.code, recorded.stderr).toBe(0);
    const sessionId = (JSON.parse(recorded.stdout) as { session: { id: number } }).session.id;

    const applied = await harness.start('apply', [String(sessionId), 'cpu-priority', '--window', '500']);
    console.log(`${applied.stderr}\n${applied.stdout}`);
    expect(applied.stderr).toContain(`on the running PID ${target.pid} (session ${sessionId})`);
    expect(applied.stderr).toMatch(/measuring its time waiting for a CPU per second/);
    expect(applied.stderr).toMatch(/^window 1\/10 +baseline /m);
    expect(applied.code, applied.stdout).toBe(0);
    expect(applied.stdout).toMatch(
      new RegExp(
        `^Kept: −\\d+ % time waiting for a CPU \\[.*\\], p [<=] [\\d.]+; kept on PID ${target.pid} until it exits; a running process has no launch preset\\.$`,
        'm',
      ),
    );
    expect(applied.stdout).toMatch(/^ {2}changed {3}median [\d.]+ over \d+ windows \(nice −5\)$/m);
    expect(applied.stdout).not.toContain('Every launch of this command');
    expect(new Set((threadIds(target.pid) ?? []).map((tid) => getPriority(tid)))).toEqual(new Set([-5]));
  }, 120_000);
});
