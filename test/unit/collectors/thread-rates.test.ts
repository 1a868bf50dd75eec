// Per-thread rates between two readings: CPU from schedstat nanoseconds, switches per second.

import { describe, expect, it } from 'vitest';
import { threadRates, type ThreadCounters } from '../../../src-main/collectors/thread-rates';

const reading = (
  atMs: number,
  cpuNanoseconds: number | null,
  voluntary: number | null = 0,
  involuntary = 0,
): ThreadCounters => ({
  cpuNanoseconds,
  voluntarySwitches: voluntary,
  involuntarySwitches: involuntary,
  atMs,
});

describe('threadRates', () => {
  it('has no rates at a thread first reading', () => {
    expect(threadRates(null, reading(1000, 5e8))).toEqual({
      cpu: null,
      voluntarySwitchRate: null,
      involuntarySwitchRate: null,
    });
  });

  it('gives CPU in percent of one core and switches per second over the time between readings', () => {
    const rates = threadRates(reading(1000, 1e9, 10, 4), reading(3000, 2e9, 110, 24));
    expect(rates.cpu).toBeCloseTo(50);
    expect(rates.voluntarySwitchRate).toBeCloseTo(50);
    expect(rates.involuntarySwitchRate).toBeCloseTo(10);
  });

  it('holds one thread to one core, and never goes below zero', () => {
    expect(threadRates(reading(0, 0), reading(1000, 1.004e9)).cpu).toBe(100);
    expect(threadRates(reading(0, 5e9), reading(1000, 1e9)).cpu).toBe(0);
  });

  it('keeps a counter the kernel did not give unknown', () => {
    const rates = threadRates(reading(0, null, null), reading(1000, null, null));
    expect(rates).toEqual({ cpu: null, voluntarySwitchRate: null, involuntarySwitchRate: 0 });
  });

  it('has no rates when no time passed', () => {
    expect(threadRates(reading(1000, 0), reading(1000, 1e9)).cpu).toBeNull();
  });
});
