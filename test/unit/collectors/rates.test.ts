import { describe, expect, it } from 'vitest';
import {
  addNullable,
  processRates,
  ratePerSecond,
  systemCpuPercent,
  ticksToCorePercent,
  zeroCounters,
  type ProcessCounters,
} from '../../../src-main/collectors/rates';

const reading = (overrides: Partial<ProcessCounters>): ProcessCounters => ({ ...zeroCounters, ...overrides });

describe('processRates', () => {
  it('turns two readings into per-second rates', () => {
    const first = reading({
      userTicks: 100,
      systemTicks: 50,
      minorFaults: 1000,
      majorFaults: 2,
      voluntarySwitches: 10,
      involuntarySwitches: 4,
      readBytes: 4096,
      writeBytes: 0,
      readSyscalls: 3,
      writeSyscalls: 7,
    });
    const second = reading({
      userTicks: 150,
      systemTicks: 60,
      minorFaults: 1500,
      majorFaults: 2,
      voluntarySwitches: 30,
      involuntarySwitches: 5,
      readBytes: 4096 + 2_000_000,
      writeBytes: 1_000_000,
      readSyscalls: 103,
      writeSyscalls: 9,
    });
    expect(processRates(first, second, 2)).toEqual({
      // 50 ticks at USER_HZ 100 = 0.5 s of CPU in 2 s = 25 % of one core.
      cpuUser: 25,
      cpuSystem: 5,
      minorFaultRate: 250,
      majorFaultRate: 0,
      voluntarySwitchRate: 10,
      involuntarySwitchRate: 0.5,
      readBytesRate: 1_000_000,
      writeBytesRate: 500_000,
      readSyscallRate: 50,
      writeSyscallRate: 1,
    });
  });

  it('counts a multi-threaded process above one core', () => {
    expect(processRates(reading({ userTicks: 0 }), reading({ userTicks: 300 }), 1).cpuUser).toBe(300);
  });

  it('keeps unreadable counters null and never goes negative', () => {
    const rates = processRates(
      reading({ userTicks: 500, readBytes: null, writeBytes: 10 }),
      reading({ userTicks: 400, readBytes: null, writeBytes: 5 }),
      1,
    );
    expect(rates.cpuUser).toBe(0);
    expect(rates.readBytesRate).toBeNull();
    expect(rates.writeBytesRate).toBe(0);
  });

  it('has no rate when no time passed', () => {
    expect(ratePerSecond(1, 2, 0)).toBeNull();
    expect(ticksToCorePercent(1, 2, 0)).toBe(0);
  });
});

describe('systemCpuPercent', () => {
  it('is the busy share of all cores between two readings', () => {
    expect(systemCpuPercent({ busyTicks: 100, totalTicks: 1000 }, { busyTicks: 150, totalTicks: 1200 })).toBe(25);
  });

  it('is null without a previous reading or without elapsed ticks', () => {
    expect(systemCpuPercent(null, { busyTicks: 1, totalTicks: 2 })).toBeNull();
    expect(systemCpuPercent({ busyTicks: 1, totalTicks: 2 }, { busyTicks: 1, totalTicks: 2 })).toBeNull();
  });
});

describe('addNullable', () => {
  it('is null only while every part is null', () => {
    expect(addNullable(null, null)).toBeNull();
    expect(addNullable(null, 3)).toBe(3);
    expect(addNullable(2, null)).toBe(2);
    expect(addNullable(2, 3)).toBe(5);
  });
});
