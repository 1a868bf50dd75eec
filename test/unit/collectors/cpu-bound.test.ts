import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundCpu, cpuBoundCores, noCarry, type CpuCarry } from '../../../src-main/collectors/cpu-bound';
import { parseCpuCount } from '../../../src-main/collectors/proc/parse-system-stat';

/** Bounds a series of (user %, system %) samples `elapsed` s apart; returns what was shown and the last carry. */
function boundSeries(
  samples: [number, number][],
  elapsed: number,
  cores: number,
): { shown: [number, number][]; carry: CpuCarry } {
  let carry: CpuCarry = { ...noCarry };
  const shown: [number, number][] = [];
  for (const [user, system] of samples) {
    const bounded = boundCpu(user, system, elapsed, cores, carry);
    shown.push([bounded.cpuUser!, bounded.cpuSystem!]);
    carry = bounded.carry;
  }
  return { shown, carry };
}

const total = (samples: [number, number][]) => samples.reduce((sum, [user, system]) => sum + user + system, 0);

describe('boundCpu', () => {
  it('passes a sample within the bound through unchanged, with nothing carried', () => {
    expect(boundCpu(60, 20, 0.1, 1, noCarry)).toEqual({ cpuUser: 60, cpuSystem: 20, carry: noCarry });
  });

  it('shows a single thread at most 100 % and carries the rest to the next sample', () => {
    // 13 ticks in 100 ms, then 7: a thread on its core all the time, read with tick rounding.
    const { shown, carry } = boundSeries(
      [
        [130, 0],
        [70, 0],
      ],
      0.1,
      1,
    );
    expect(shown[0]![0]).toBeCloseTo(100, 9);
    expect(shown[1]![0]).toBeCloseTo(100, 9);
    expect(carry.userSeconds).toBeCloseTo(0, 12);
  });

  it('keeps the total exact: what is held back is shown later, in order', () => {
    const measured: [number, number][] = [
      [110, 21],
      [90, 0],
      [120, 10],
      [40, 5],
      [0, 0],
    ];
    const { shown, carry } = boundSeries(measured, 0.1, 1);
    for (const [user, system] of shown) expect(user + system).toBeLessThanOrEqual(100 + 1e-9);
    expect(carry.userSeconds + carry.systemSeconds).toBeCloseTo(0, 12);
    expect(total(shown)).toBeCloseTo(total(measured), 9);
  });

  it('scales user and system alike and carries each in its own share', () => {
    const bounded = boundCpu(90, 30, 1, 1, noCarry);
    expect(bounded.cpuUser).toBeCloseTo(75, 9);
    expect(bounded.cpuSystem).toBeCloseTo(25, 9);
    expect(bounded.carry.userSeconds).toBeCloseTo(0.15, 12);
    expect(bounded.carry.systemSeconds).toBeCloseTo(0.05, 12);
  });

  it('holds the carry while the process stays at its bound, and only the rest is unshown', () => {
    const { shown, carry } = boundSeries(
      [
        [120, 0],
        [100, 0],
        [100, 0],
      ],
      0.1,
      1,
    );
    expect(shown.map(([user]) => Math.round(user))).toEqual([100, 100, 100]);
    // 20 % of 100 ms is 2 ticks: still held, never shown above the bound.
    expect(carry.userSeconds).toBeCloseTo(0.02, 12);
  });

  it('allows several cores for several threads', () => {
    expect(boundCpu(180, 10, 0.5, 2, noCarry).cpuUser).toBe(180);
    expect(boundCpu(230, 0, 0.5, 2, noCarry).cpuUser).toBeCloseTo(200, 9);
  });

  it('passes a sample without rates through and keeps the carry for the next one', () => {
    const carry = { userSeconds: 0.01, systemSeconds: 0 };
    expect(boundCpu(null, null, 0.1, 1, carry)).toEqual({ cpuUser: null, cpuSystem: null, carry });
    expect(boundCpu(50, 0, 0, 1, carry).carry).toEqual(carry);
  });
});

describe('cpuBoundCores', () => {
  it('is the threads, at most the CPUs', () => {
    expect(cpuBoundCores(1, 1, 2, false)).toBe(1);
    expect(cpuBoundCores(11, 11, 2, false)).toBe(2);
  });

  it('counts the threads of the previous reading too: one may have ended in between', () => {
    expect(cpuBoundCores(1, 3, 4, false)).toBe(3);
  });

  it('is the CPUs when reaped children’s CPU was counted, or the threads are unknown', () => {
    expect(cpuBoundCores(1, 1, 4, true)).toBe(4);
    expect(cpuBoundCores(null, null, 4, false)).toBe(4);
  });
});

describe('parseCpuCount', () => {
  it('counts the per-CPU lines of /proc/stat', () => {
    // test/fixtures/proc/system/stat is a copy of /proc/stat from a 2-CPU machine.
    const text = readFileSync(join(__dirname, '../../fixtures/proc/system/stat'), 'latin1');
    expect(parseCpuCount(text)).toBe(2);
    expect(parseCpuCount('cpu  1 2 3 4\ncpu0 1 2 3 4\ncpu1 1 2 3 4\ncpu7 1 2 3 4\nintr 5\n')).toBe(3);
    expect(parseCpuCount('cpu  1 2 3 4\nintr 5\n')).toBeNull();
  });
});
