import { describe, expect, it } from 'vitest';
import { relativeTimeline, representativeRun } from '../../../src-main/analysis/compare/timeline-overlay';
import type { TimelineView } from '../../../src-shared/timeline/view';

const wall = (...walls: (number | null)[]) => walls.map((wallMs, index) => ({ wallMs, durationMs: 1_000 + index }));

describe('representativeRun', () => {
  it('is the only session of a one-session side', () => {
    expect(representativeRun([{ wallMs: null, durationMs: 5_000 }])).toEqual({
      index: 0,
      choice: 'only-session',
      wallMs: 5_000,
    });
    expect(representativeRun(wall(420))).toEqual({ index: 0, choice: 'only-session', wallMs: 420 });
  });

  it('is the run of median wall time of an odd count', () => {
    expect(representativeRun(wall(500, 300, 900, 400, 600))).toEqual({
      index: 0,
      choice: 'median-wall-time',
      wallMs: 500,
    });
  });

  it('is the lower of the two middle runs of an even count: a run that happened, not an average', () => {
    // Sorted: 300 (1), 400 (3), 500 (0), 600 (4), 700 (5), 900 (2): the middle pair is 500 and 600.
    expect(representativeRun(wall(500, 300, 900, 400, 600, 700))).toMatchObject({ index: 0, wallMs: 500 });
    expect(representativeRun(wall(2, 1))).toMatchObject({ index: 1, wallMs: 1 });
  });

  it('keeps the older run among equal wall times', () => {
    expect(representativeRun(wall(400, 400, 400))).toMatchObject({ index: 1 });
    expect(representativeRun(wall(400, 100, 400, 400))).toMatchObject({ index: 0 });
  });

  it('ranks every run by its duration when one has no wall time', () => {
    const runs = [
      { wallMs: 100, durationMs: 3_000 },
      { wallMs: null, durationMs: 1_000 },
      { wallMs: 900, durationMs: 2_000 },
    ];
    expect(representativeRun(runs)).toEqual({ index: 2, choice: 'median-duration', wallMs: 2_000 });
  });

  it('refuses an empty side', () => {
    expect(() => representativeRun([])).toThrow(RangeError);
  });
});

function view(times: number[], sessionTo: number): TimelineView {
  return {
    sessionId: 7,
    from: 10_000,
    to: sessionTo,
    sessionFrom: 10_000,
    sessionTo,
    times: Float64Array.from(times),
    series: { rss: Float64Array.from(times, (_, index) => index * 10) },
    rawCount: 40,
    decimated: true,
    markers: [],
  };
}

describe('relativeTimeline', () => {
  it('counts times from the session start, so sessions recorded at different times line up at 0', () => {
    const early = relativeTimeline(view([10_000, 10_100, 10_200], 10_250), 10_000);
    const late = relativeTimeline(view([90_010, 90_110], 90_300), 90_000);
    expect(Array.from(early.times)).toEqual([0, 100, 200]);
    expect(Array.from(late.times)).toEqual([10, 110]);
    expect(early.duration).toBe(250);
    expect(late.duration).toBe(300);
    expect(Array.from(early.series.rss!)).toEqual([0, 10, 20]);
    expect(early).toMatchObject({ rawCount: 40, decimated: true });
  });

  it('reaches the last sample when it is after the recorded end', () => {
    expect(relativeTimeline(view([10_000, 10_400], 10_300), 10_000).duration).toBe(400);
    expect(relativeTimeline(view([], 10_000), 10_000).duration).toBe(0);
  });
});
