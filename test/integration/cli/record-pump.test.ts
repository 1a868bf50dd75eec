// `thermograph record` faster than one sample a second goes through the reading pump (out/main/
// proc-pump): samples must come at the asked interval, none may be lost when the recording ends
// (the last second is still in the pump then), the Node.js timer must give the same recording
// when the pump is off, and the pump must not outlive a recorder killed with SIGKILL.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../src-main/store/session-store';
import { processExists } from '../../../src-main/collectors/process-exists';
import { eventually, startRecorder, useCliDatabase } from './cli-harness';

const harness = useCliDatabase();

/** Sample times of session 1 and its end, read from the database the CLI wrote. */
function recorded(): { times: number[]; endedAt: number; endReason: string } {
  const store = SessionStore.open(harness.database);
  try {
    const session = store.getSession(1)!;
    return {
      times: [...store.readSamples(1, { metrics: ['cpuUser'] }).times],
      endedAt: session.endedAt!,
      endReason: session.endReason!,
    };
  } finally {
    store.close();
  }
}

/** The PIDs of a process's children. */
function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((thread) =>
    readFileSync(`/proc/${pid}/task/${thread}/children`, 'latin1').trim().split(' ').filter(Boolean).map(Number),
  );
}

function commandName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'latin1').trim();
  } catch {
    return '';
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('record at 10 Hz', () => {
  it.each([
    ['the reading pump', {}],
    ['the Node.js timer (THERMOGRAPH_READING_PUMP=off)', { THERMOGRAPH_READING_PUMP: 'off' }],
  ])('samples every 100 ms through %s, up to the end', (_clock, extra) => {
    const target = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const result = harness.run(
        'record',
        ['--pid', String(target.pid), '--interval', '100', '--duration', '3', '--profile', 'none'],
        extra,
      );
      expect(result.code, result.stderr).toBe(0);
      const { times, endedAt, endReason } = recorded();
      expect(endReason).toBe('duration-elapsed');
      // 3 s at 100 ms is 30 samples (the first at once); the pump's last second is drained at the end.
      expect(times.length).toBeGreaterThanOrEqual(26);
      expect(times.length).toBeLessThanOrEqual(32);
      const gaps = times.slice(1).map((time, index) => time - times[index]!);
      expect(Math.min(...gaps)).toBeGreaterThan(0);
      expect(median(gaps)).toBeGreaterThanOrEqual(90);
      expect(median(gaps)).toBeLessThanOrEqual(110);
      expect(endedAt - times.at(-1)!).toBeLessThan(1_000);
    } finally {
      target.kill();
    }
  });

  it('keeps the samples of the last second before a launched command exits', () => {
    const result = harness.run('record', ['--interval', '100', '--profile', 'none', '--', 'sh', '-c', 'sleep 1.6']);
    expect(result.code, result.stderr).toBe(0);
    const { times, endedAt, endReason } = recorded();
    expect(endReason).toBe('target-exited');
    // 1.6 s at 100 ms: samples up to the exit, not only those of the last full batch (10).
    expect(times.length).toBeGreaterThanOrEqual(13);
    expect(endedAt - times.at(-1)!).toBeLessThan(500);
  });

  it('uses the pump, and the pump dies with a recorder killed with SIGKILL', async () => {
    const target = spawn('sleep', ['30'], { stdio: 'ignore' });
    const recorder = await startRecorder(harness.database, [
      '--pid',
      String(target.pid),
      '--interval',
      '100',
      '--profile',
      'none',
    ]);
    try {
      let pump: number | undefined;
      expect(
        await eventually(
          () => (pump = childrenOf(recorder.pid!).find((pid) => commandName(pid) === 'proc-pump')) !== undefined,
        ),
      ).toBe(true);
      recorder.kill('SIGKILL');
      expect(await eventually(() => !processExists(pump!))).toBe(true);
    } finally {
      recorder.kill('SIGKILL');
      target.kill();
    }
  });
});
