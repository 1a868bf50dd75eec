// getThreads' cap: a long timeline merges into equal spans of time, each thread's rates averaged, a
// disk wait anywhere in a span kept visible, and a short timeline returned untouched.

import { describe, expect, it } from 'vitest';
import type { ThreadReading, ThreadTimeline } from '../../../src-shared/diagnosis/threads';
import { downsampleThreads } from '../../../src-main/api/thread-methods';

const reading = (tid: number, cpu: number | null, state: ThreadReading['state'] = 'sleeping'): ThreadReading => ({
  tid,
  pid: 1,
  state,
  cpu,
  voluntarySwitchRate: cpu,
  involuntarySwitchRate: null,
  waitChannel: state === 'running' ? null : `wait-${tid}`,
});

/** `count` readings a second apart: thread 1 at `count` % CPU … and thread 2 in disk wait at reading 5 only. */
function timeline(count: number): ThreadTimeline {
  return {
    sessionId: 1,
    identities: [
      { tid: 1, pid: 1, name: 'main' },
      { tid: 2, pid: 1, name: 'io' },
    ],
    samples: Array.from({ length: count }, (_, index) => ({
      time: 1000 * index,
      threads: [reading(1, index, 'running'), reading(2, index === 5 ? 1 : 0, index === 5 ? 'disk-wait' : 'sleeping')],
    })),
  };
}

describe('downsampleThreads', () => {
  it('returns a timeline within the budget as it is', () => {
    const short = timeline(10);
    expect(downsampleThreads(short, 10)).toBe(short);
  });

  it('merges equal spans of time, averaging rates and keeping a disk wait', () => {
    const merged = downsampleThreads(timeline(100), 10);
    expect(merged.samples).toHaveLength(10);
    expect(merged.identities).toHaveLength(2);
    const first = merged.samples[0]!;
    expect(first.time).toBe(0);
    const [main, io] = first.threads;
    expect(main).toMatchObject({ tid: 1, state: 'running', waitChannel: null });
    expect(main!.cpu).toBeCloseTo(4.5);
    expect(io).toMatchObject({ tid: 2, state: 'disk-wait', waitChannel: 'wait-2', involuntarySwitchRate: null });
    expect(merged.samples[1]!.threads[1]!.state).toBe('sleeping');
    expect(merged.samples.map((sample) => sample.time)).toEqual(
      Array.from({ length: 10 }, (_, index) => index * 10_000),
    );
  });

  it('keeps a thread that appears only in part of a span', () => {
    const partial = timeline(20);
    partial.samples[3]!.threads.push(reading(3, 50));
    const merged = downsampleThreads(partial, 2);
    expect(merged.samples[0]!.threads.map((thread) => thread.tid)).toEqual([1, 2, 3]);
    expect(merged.samples[0]!.threads[2]!.cpu).toBe(50);
    expect(merged.samples[1]!.threads.map((thread) => thread.tid)).toEqual([1, 2]);
  });
});
