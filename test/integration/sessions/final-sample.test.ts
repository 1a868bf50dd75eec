// A recording ends with one last sample at its stop, so a recording shorter than two samples still
// has a CPU rate (it showed CPU as — without one), and every timeline reaches its stop. Through the
// built CLI, on a real `sleep`.

import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../src-main/store/session-store';
import { startRecorder, useCliDatabase } from '../cli/cli-harness';

const harness = useCliDatabase();

/** Session 1 as the CLI stored it: sample times, CPU rates (NaN where none) and its end. */
function recorded(): { times: number[]; cpu: number[]; endedAt: number; endReason: string } {
  const store = SessionStore.open(harness.database);
  try {
    const session = store.getSession(1)!;
    const { times, columns } = store.readSamples(1, { metrics: ['cpuUser'] });
    return { times: [...times], cpu: [...columns.cpuUser!], endedAt: session.endedAt!, endReason: session.endReason! };
  } finally {
    store.close();
  }
}

describe('the last sample, at the stop', () => {
  it('gives a recording shorter than its interval a CPU rate, at the stop time', () => {
    const result = harness.run('record', [
      '--interval',
      '1000',
      '--duration',
      '0.5',
      '--profile',
      'none',
      '--json',
      '--',
      'sleep',
      '5',
    ]);
    expect(result.code, result.stderr).toBe(0);
    // What the CLI prints: a CPU statistic from at least one sample (none before: CPU was —).
    const printed = JSON.parse(result.stdout) as { statistics: { metrics: { cpuUser?: { count: number } } } };
    expect(printed.statistics.metrics.cpuUser?.count ?? 0).toBeGreaterThanOrEqual(1);
    const { times, cpu, endedAt, endReason } = recorded();
    expect(endReason).toBe('duration-elapsed');
    // The first sample at the start (no rate yet), the last at the stop, with the rate of sleep: ≈ 0.
    expect(times.length).toBe(2);
    expect(times.at(-1)).toBe(endedAt);
    expect(cpu.at(-1)).toBeGreaterThanOrEqual(0);
    expect(cpu.at(-1)).toBeLessThan(20);
  });

  it('gives a recording stopped by the user after 300 ms a CPU rate', async () => {
    const target = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const recorder = await startRecorder(harness.database, ['--pid', String(target.pid), '--profile', 'none']);
      const exited = new Promise<number | null>((resolve) => recorder.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, 300));
      recorder.kill('SIGINT');
      expect(await exited).toBe(0);
      const { times, cpu, endedAt, endReason } = recorded();
      expect(endReason).toBe('user-stopped');
      expect(times.at(-1)).toBe(endedAt);
      expect(cpu.some((value) => !Number.isNaN(value))).toBe(true);
    } finally {
      target.kill();
    }
  });

  it('ends a longer recording’s timeline at its stop, after the samples of its interval', () => {
    const target = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const result = harness.run('record', [
        '--pid',
        String(target.pid),
        '--interval',
        '1000',
        '--duration',
        '2.5',
        '--profile',
        'none',
      ]);
      expect(result.code, result.stderr).toBe(0);
      const { times, cpu, endedAt } = recorded();
      // At 0, 1 and 2 s, and at the stop (2.5 s), which has the rate of its half second.
      expect(times.length).toBe(4);
      expect(times.at(-1)).toBe(endedAt);
      expect(times.at(-1)! - times.at(-2)!).toBeGreaterThan(300);
      expect(Number.isNaN(cpu.at(-1))).toBe(false);
    } finally {
      target.kill();
    }
  });
});
