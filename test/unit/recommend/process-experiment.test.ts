// The pure parts of an experiment on a running process: run_delay read from schedstat, a window's
// time waiting for a CPU, the target key and the verdict's wording.

import { describe, expect, it } from 'vitest';
import { processTargetKey } from '../../../src-main/recommend/actions/process-experiment';
import { parseRunDelay, waitingPerSecond } from '../../../src-main/recommend/actions/thread-priority';
import { decide } from '../../../src-main/recommend/actions/verdict';
import { compareRuns } from '../../../src-main/analysis/compare/compare-runs';

describe('parseRunDelay', () => {
  it('reads field 2 (nanoseconds runnable but not running) of a schedstat line', () => {
    expect(parseRunDelay('1843291872 25630145 1042\n')).toBe(25630145);
    expect(parseRunDelay('0 0 0')).toBe(0);
  });

  it('refuses a malformed line', () => {
    expect(parseRunDelay('')).toBeNull();
    expect(parseRunDelay('12 34')).toBeNull();
    expect(parseRunDelay('12 x 3')).toBeNull();
    expect(parseRunDelay('12 -4 3')).toBeNull();
  });
});

describe('waitingPerSecond', () => {
  it('sums the threads deltas, in milliseconds per second of window', () => {
    const before = new Map([
      [10, 1_000_000],
      [11, 0],
    ]);
    const after = new Map([
      [10, 201_000_000],
      [11, 300_000_000],
    ]);
    // 200 ms + 300 ms over 2 s.
    expect(waitingPerSecond(before, after, 2000)).toBe(250);
  });

  it('counts only threads read at both ends, and never a counter that went back (a reused tid)', () => {
    const before = new Map([
      [10, 0],
      [12, 500_000_000],
      [13, 9_000_000_000],
    ]);
    const after = new Map([
      [10, 100_000_000],
      [11, 700_000_000],
      [13, 1_000_000],
    ]);
    expect(waitingPerSecond(before, after, 1000)).toBe(100);
  });

  it('refuses an empty window', () => {
    expect(() => waitingPerSecond(new Map(), new Map(), 0)).toThrow(RangeError);
  });
});

describe('a running process experiment', () => {
  it('names the process by pid and start time, never as a launch preset', () => {
    expect(processTargetKey({ pid: 4242, startTicks: 987654 })).toBe('pid:4242:987654');
  });

  it('says a kept change stays on the process, and a rolled back one was restored', () => {
    const wording = {
      kept: 'kept on PID 7 until it exits; a running process has no launch preset',
      removed: 'restored',
    };
    const better = compareRuns([100, 104, 98, 101, 99], [20, 22, 19, 21, 20], { alpha: 0.05, threshold: 0.03 });
    expect(decide(better, 'time waiting for a CPU', 0.03, 0.05, wording).sentence).toMatch(
      /^−\d+ % time waiting for a CPU \[.*\], p = 0\.0\d+; kept on PID 7 until it exits; a running process has no launch preset$/,
    );
    const same = compareRuns([100, 104, 98, 101, 99], [101, 99, 103, 100, 98], { alpha: 0.05, threshold: 0.03 });
    const decision = decide(same, 'time waiting for a CPU', 0.03, 0.05, wording);
    expect(decision.keep).toBe(false);
    expect(decision.sentence).toMatch(/restored$/);
  });
});
