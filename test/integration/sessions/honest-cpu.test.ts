// A single thread cannot use more than one core. /proc counts CPU in 10 ms ticks, so at 10 Hz a busy
// loop read 101–131 % in some samples; `thermograph record` must show at most 100 % a sample while
// the mean stays what the loop used: ≈ 100 % on an idle machine, less on a busy one, so it is judged
// against the kernel's own figure over the recording rather than against a full core.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseProcessStat } from '../../../src-main/collectors/proc/parse-process-stat';
import { userHz } from '../../../src-main/collectors/proc/kernel';
import { SessionStore } from '../../../src-main/store/session-store';
import { useCliDatabase } from '../cli/cli-harness';

const harness = useCliDatabase();

/** The CPU percentages (user + system) of session 1's samples that have one. */
function recordedCpu(): number[] {
  const store = SessionStore.open(harness.database);
  try {
    const { columns } = store.readSamples(1, { metrics: ['cpuUser', 'cpuSystem'] });
    // A sample without a rate (the first, at the baseline) is stored as NaN.
    const total = columns.cpuUser!.map((user, index) => user + columns.cpuSystem![index]!);
    return [...total].filter((value) => !Number.isNaN(value));
  } finally {
    store.close();
  }
}

/** A process's CPU time so far (utime + stime), in seconds. */
function cpuSeconds(pid: number): number {
  const stat = parseProcessStat(readFileSync(`/proc/${pid}/stat`, 'latin1'))!;
  return (stat.userTicks + stat.systemTicks) / userHz;
}

// Only floating-point rounding: the bound itself is exact.
const tolerance = 0.01;

describe('record a single-threaded busy loop at 10 Hz', () => {
  it.each([
    ['the reading pump', {}],
    ['the Node.js timer', { THERMOGRAPH_READING_PUMP: 'off' }],
  ])('shows at most one core a sample through %s, and the mean the loop used', (_clock, extra) => {
    // dash's loop: one thread, no children, on a core whenever the scheduler lets it.
    const loop = spawn('sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' });
    try {
      try {
        setPriority(loop.pid!, -10);
      } catch {
        // Not permitted: the loop shares its core, and the kernel's figure below says how much it got.
      }
      const cpuBefore = cpuSeconds(loop.pid!);
      const startedAt = performance.now();
      const result = harness.run(
        'record',
        ['--pid', String(loop.pid), '--interval', '100', '--duration', '3', '--profile', 'none', '--json'],
        extra,
      );
      const used = ((cpuSeconds(loop.pid!) - cpuBefore) / ((performance.now() - startedAt) / 1000)) * 100;
      expect(result.code, result.stderr).toBe(0);
      const cpu = recordedCpu();
      expect(cpu.length).toBeGreaterThanOrEqual(25);
      expect(Math.max(...cpu)).toBeLessThanOrEqual(100 + tolerance);
      // The kernel's figure spans the recorder's start too, but a busy loop's share hardly changes.
      const mean = cpu.reduce((sum, value) => sum + value, 0) / cpu.length;
      expect(Math.abs(mean - used), `recorded mean ${mean} %, the kernel's ${used} %`).toBeLessThan(10);
    } finally {
      loop.kill('SIGKILL');
    }
  });
});
