// The credit mechanism of a summed process tree, on hand-made readings: a parent whose cutime/cstime
// and I/O jump when it reaps a child, and a child that was (or was not) sampled while it lived.
import { describe, expect, it } from 'vitest';
import {
  applyReapCredits,
  creditForVanished,
  processRatesWithChildren,
  reapCreditLifetimeMs,
  reapDeltas,
  zeroCounters,
  type ProcessCounters,
  type ReapCredit,
  type ReapDeltas,
} from '../../../src-main/collectors/rates';

const reading = (overrides: Partial<ProcessCounters>): ProcessCounters => ({ ...zeroCounters, ...overrides });

const noDeltas: ReapDeltas = { cpuTicks: 0, readBytes: 0, writeBytes: 0, readSyscalls: 0, writeSyscalls: 0 };
const deltas = (overrides: Partial<ReapDeltas>): ReapDeltas => ({ ...noDeltas, ...overrides });

/** A child's last counted reading: 30 ticks of its own CPU, 5 of its reaped children's, 10 MB written. */
const lastChildReading = reading({
  userTicks: 20,
  systemTicks: 10,
  childUserTicks: 4,
  childSystemTicks: 1,
  readBytes: 1_000,
  writeBytes: 10_000_000,
  readSyscalls: 3,
  writeSyscalls: 10,
});

describe('reapDeltas', () => {
  it('is the increase of cutime + cstime and of the I/O counters, never negative', () => {
    const previous = reading({ childUserTicks: 10, childSystemTicks: 5, readBytes: 100, writeBytes: 50 });
    const current = reading({ childUserTicks: 25, childSystemTicks: 4, readBytes: 400, writeBytes: null });
    expect(reapDeltas(previous, current)).toEqual({
      cpuTicks: 15,
      readBytes: 300,
      writeBytes: null,
      readSyscalls: 0,
      writeSyscalls: 0,
    });
  });

  it('ignores the process’s own CPU: utime and stime are not what a reap adds to', () => {
    expect(reapDeltas(reading({ userTicks: 0 }), reading({ userTicks: 90, systemTicks: 9 })).cpuTicks).toBe(0);
  });
});

describe('creditForVanished', () => {
  it('is the child’s totals at its last counted reading, lapsing after the credit lifetime', () => {
    expect(creditForVanished(lastChildReading, [], 1_000)).toEqual({
      cpuTicks: 35,
      readBytes: 1_000,
      writeBytes: 10_000_000,
      readSyscalls: 3,
      writeSyscalls: 10,
      expiresAtMs: 1_000 + reapCreditLifetimeMs,
    });
  });

  it('passes on the credits the child still held for its own children, which its reap folds in too', () => {
    const grandchild: ReapCredit = { ...creditForVanished(reading({ userTicks: 7, writeBytes: 2 }), [], 0) };
    const credit = creditForVanished(lastChildReading, [grandchild], 500);
    expect(credit.cpuTicks).toBe(35 + 7);
    expect(credit.writeBytes).toBe(10_000_000 + 2);
    expect(credit.expiresAtMs).toBe(500 + reapCreditLifetimeMs);
  });

  it('credits no I/O for a child whose io file was unreadable', () => {
    const credit = creditForVanished(reading({ userTicks: 3, readBytes: null, writeBytes: null }), [], 0);
    expect(credit).toMatchObject({ cpuTicks: 3, readBytes: 0, writeBytes: 0 });
  });
});

describe('applyReapCredits', () => {
  it('counts only the part of a reap the child was not sampled with', () => {
    const credit = creditForVanished(lastChildReading, [], 0);
    // The child ran 2 more ticks and wrote 1 MB more after its last reading, then was reaped.
    const reap = deltas({ cpuTicks: 37, readBytes: 1_000, writeBytes: 11_000_000, readSyscalls: 3, writeSyscalls: 11 });
    const { counted, pending } = applyReapCredits(reap, [credit], 100);
    expect(counted).toEqual({ cpuTicks: 2, readBytes: 0, writeBytes: 1_000_000, readSyscalls: 0, writeSyscalls: 1 });
    expect(pending).toEqual([]);
  });

  it('carries a credit forward to a reap observed one sample late', () => {
    const credit = creditForVanished(lastChildReading, [], 0);
    // Sample 1: the child is a zombie, its parent has not reaped it yet; the parent reads 1 byte.
    const first = applyReapCredits(deltas({ readBytes: 1 }), [credit], 100);
    expect(first.counted).toEqual(deltas({ readBytes: 0 }));
    expect(first.pending).toEqual([{ ...credit, readBytes: 999 }]);
    // Sample 2: the reap folds the child in; only the parent's own byte from sample 1 shows late.
    const reap = deltas({ cpuTicks: 35, readBytes: 1_000, writeBytes: 10_000_000, readSyscalls: 3, writeSyscalls: 10 });
    const second = applyReapCredits(reap, first.pending, 200);
    expect(second.counted).toEqual(deltas({ readBytes: 1 }));
    expect(second.pending).toEqual([]);
  });

  it('lets a credit nobody used lapse, so a child reaped by someone else hides nothing later', () => {
    const credit = creditForVanished(lastChildReading, [], 0);
    let pending: ReapCredit[] = [credit];
    // The child was reparented and reaped elsewhere: the parent's cutime never jumps.
    for (let nowMs = 100; nowMs < reapCreditLifetimeMs; nowMs += 100) {
      pending = applyReapCredits(noDeltas, pending, nowMs).pending;
      expect(pending).toHaveLength(1);
    }
    pending = applyReapCredits(noDeltas, pending, reapCreditLifetimeMs).pending;
    expect(pending).toEqual([]);
    // Later the parent reaps a short child it was never seen with: all of it counts.
    const later = deltas({ cpuTicks: 12, writeBytes: 4_096 });
    expect(applyReapCredits(later, pending, reapCreditLifetimeMs + 100).counted).toEqual(later);
  });

  it('uses a credit in the sample where it lapses before dropping it', () => {
    const credit = creditForVanished(lastChildReading, [], 0);
    const { counted, pending } = applyReapCredits(deltas({ cpuTicks: 40 }), [credit], reapCreditLifetimeMs);
    expect(counted.cpuTicks).toBe(5);
    expect(pending).toEqual([]);
  });

  it('uses credits oldest first and keeps the rest of a partly used one', () => {
    const older = creditForVanished(reading({ userTicks: 10 }), [], 0);
    const newer = creditForVanished(reading({ userTicks: 20 }), [], 50);
    const { counted, pending } = applyReapCredits(deltas({ cpuTicks: 15 }), [older, newer], 100);
    expect(counted.cpuTicks).toBe(0);
    expect(pending.map((credit) => credit.cpuTicks)).toEqual([15]);
    expect(pending[0]!.expiresAtMs).toBe(newer.expiresAtMs);
  });

  it('leaves an unreadable counter null and its credit waiting', () => {
    const credit = creditForVanished(lastChildReading, [], 0);
    const { counted, pending } = applyReapCredits(deltas({ cpuTicks: 35, readBytes: null }), [credit], 100);
    expect(counted.readBytes).toBeNull();
    expect(pending).toHaveLength(1);
    expect(pending[0]!.readBytes).toBe(1_000);
  });

  it('does not change the credits it was given', () => {
    const credit = creditForVanished(lastChildReading, [], 0);
    const before = { ...credit };
    applyReapCredits(deltas({ cpuTicks: 100, writeBytes: 100 }), [credit], 100);
    expect(credit).toEqual(before);
  });
});

describe('processRatesWithChildren', () => {
  it('adds the counted reaped CPU to the process’s own, in this interval’s user/system split', () => {
    const previous = reading({ userTicks: 100, systemTicks: 10, childUserTicks: 0, childSystemTicks: 0 });
    const current = reading({ userTicks: 110, systemTicks: 10, childUserTicks: 30, childSystemTicks: 10 });
    // 40 ticks gained from reaps, 20 already counted while the child was sampled: 20 count, 3:1.
    const rates = processRatesWithChildren(previous, current, 1, deltas({ cpuTicks: 20 }));
    expect(rates.cpuUser).toBeCloseTo(10 + 15);
    expect(rates.cpuSystem).toBeCloseTo(5);
  });

  it('takes the I/O rates from the counted deltas, null where unreadable', () => {
    const previous = reading({ readBytes: 0, writeBytes: 0 });
    const current = reading({ readBytes: 8_000_000, writeBytes: 2_000_000, readSyscalls: 8, writeSyscalls: 2 });
    const counted = deltas({ readBytes: 4_000_000, writeBytes: null, readSyscalls: 4, writeSyscalls: 2 });
    expect(processRatesWithChildren(previous, current, 2, counted)).toMatchObject({
      readBytesRate: 2_000_000,
      writeBytesRate: null,
      readSyscallRate: 2,
      writeSyscallRate: 1,
    });
  });
});

describe('a summed tree over several samples', () => {
  it('counts a sampled child once, whether its parent reaps it at once or a sample late', () => {
    for (const reapDelay of [0, 1, 2]) {
      // The parent uses 1 tick per sample itself. The child is born after sample 0 (counted from
      // zero), uses 10 ticks per sample and writes 1 MB per sample over samples 1–3, is last read at
      // sample 2, exits before sample 3, and is reaped `reapDelay` samples after that.
      const childTotals = (sample: number) => reading({ userTicks: 10 * sample, writeBytes: 1_000_000 * sample });
      let parentPrevious = reading({ userTicks: 0 });
      let childPrevious = reading({});
      let credits: ReapCredit[] = [];
      let countedTicks = 0;
      let countedBytes = 0;
      for (let sample = 1; sample <= 7; sample++) {
        const reaped = sample >= 3 + reapDelay;
        const parentNow = reading({
          userTicks: sample,
          childUserTicks: reaped ? 30 : 0,
          writeBytes: reaped ? 3_000_000 : 0,
        });
        if (sample <= 2) {
          const child = childTotals(sample);
          countedTicks += child.userTicks - childPrevious.userTicks;
          countedBytes += child.writeBytes! - childPrevious.writeBytes!;
          childPrevious = child;
        } else if (sample === 3) {
          credits = [creditForVanished(childPrevious, [], sample * 100)];
        }
        const applied = applyReapCredits(reapDeltas(parentPrevious, parentNow), credits, sample * 100);
        credits = applied.pending;
        countedTicks += parentNow.userTicks - parentPrevious.userTicks + applied.counted.cpuTicks;
        countedBytes += applied.counted.writeBytes!;
        parentPrevious = parentNow;
      }
      expect({ reapDelay, countedTicks, countedBytes }).toEqual({
        reapDelay,
        countedTicks: 7 + 30,
        countedBytes: 3_000_000,
      });
    }
  });
});
