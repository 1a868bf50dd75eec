// A reading of threads survives its blob: states, CPU to a hundredth of a percent, switch rates as
// 32-bit floats, wait channels shared through the reading's table, and unknowns as null.

import { describe, expect, it } from 'vitest';
import type { ThreadReading } from '../../../src-shared/diagnosis/threads';
import { decodeThreadReadings, encodeThreadReadings } from '../../../src-main/store/thread-encoding';

const thread = (tid: number, overrides: Partial<ThreadReading> = {}): ThreadReading => ({
  tid,
  pid: 4242,
  state: 'sleeping',
  cpu: 0,
  voluntarySwitchRate: 0,
  involuntarySwitchRate: 0,
  waitChannel: 'futex_do_wait',
  ...overrides,
});

describe('thread readings encoding', () => {
  it('round-trips every field', () => {
    const threads = [
      thread(4242, { waitChannel: 'do_epoll_wait', voluntarySwitchRate: 12.5 }),
      thread(4243, { state: 'running', cpu: 99.61, involuntarySwitchRate: 35.25, waitChannel: null }),
      thread(4244, { state: 'disk-wait', cpu: 3.07, waitChannel: 'io_schedule' }),
      thread(4245),
      thread(4246),
      thread(5000, {
        pid: 5000,
        state: 'other',
        cpu: null,
        voluntarySwitchRate: null,
        involuntarySwitchRate: null,
        waitChannel: null,
      }),
    ];
    expect(decodeThreadReadings(Buffer.from(encodeThreadReadings(threads)))).toEqual(threads);
  });

  it('is compact: 20 bytes a thread plus each distinct wait channel once', () => {
    const threads = Array.from({ length: 50 }, (_, index) => thread(100 + index));
    expect(encodeThreadReadings(threads).length).toBe(2 + 1 + 'futex_do_wait'.length + 4 + 50 * 20);
  });

  it('round-trips a reading without threads, and a UTF-8 wait channel', () => {
    expect(decodeThreadReadings(Buffer.from(encodeThreadReadings([])))).toEqual([]);
    const named = [thread(1, { waitChannel: 'wait_é' })];
    expect(decodeThreadReadings(Buffer.from(encodeThreadReadings(named)))).toEqual(named);
  });

  it('refuses a blob of another layout version or cut short, saying which', () => {
    const blob = Buffer.from(encodeThreadReadings([thread(1)]));
    blob[0] = 9;
    expect(() => decodeThreadReadings(blob)).toThrow(/version 9/);
    const cut = Buffer.from(encodeThreadReadings([thread(1), thread(2)])).subarray(0, 30);
    expect(() => decodeThreadReadings(cut)).toThrow();
  });
});
