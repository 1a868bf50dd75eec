// The launch form's run counts and the series display: labels, which progress wins when a reply and
// events cross, the runs' rows and median, and where a finished series lands.

import { describe, expect, it } from 'vitest';
import type { RunMetrics } from '../../../src-shared/compare/run-metrics';
import type { SeriesProgress } from '../../../src-shared/model/series';
import { parseRunCount } from '../../../src-renderer/views/new-recording/recording-settings';
import {
  canCompareWithBaseline,
  isNewer,
  medianWall,
  progressText,
  runLabel,
  seriesLanding,
  seriesRuns,
} from '../../../src-renderer/views/new-recording/series-progress';
import { sessionSummary } from '../../helpers/session-summary';

/** A series of 3 runs after 1 warm-up, recording its second run. */
function progress(overrides: Partial<SeriesProgress> = {}): SeriesProgress {
  return {
    seriesId: 1,
    seriesName: 'after',
    run: 2,
    of: 3,
    warmUp: false,
    sessionId: 12,
    runStartedAt: 1_000,
    completedRuns: 2,
    totalRuns: 4,
    state: 'recording',
    sessionIds: [11],
    message: null,
    ...overrides,
  };
}

const wall = (milliseconds: number) => ({ wall: milliseconds }) as unknown as RunMetrics;

describe('parseRunCount', () => {
  it('reads an empty box as one run and no warm-up', () => {
    expect(parseRunCount('', 'runs')).toEqual({ ok: true, count: 1 });
    expect(parseRunCount('  ', 'warm-up')).toEqual({ ok: true, count: 0 });
  });

  it('takes whole numbers within the limits and says the limits otherwise', () => {
    expect(parseRunCount(' 10 ', 'runs')).toEqual({ ok: true, count: 10 });
    expect(parseRunCount('1000', 'runs')).toEqual({ ok: true, count: 1_000 });
    expect(parseRunCount('100', 'warm-up')).toEqual({ ok: true, count: 100 });
    for (const text of ['0', '1001', '2.5', '-3', '1e2', 'ten'])
      expect(parseRunCount(text, 'runs')).toEqual({
        ok: false,
        message: 'Runs must be a whole number from 1 to 1000.',
      });
    expect(parseRunCount('101', 'warm-up')).toEqual({
      ok: false,
      message: 'Warm-up runs must be a whole number from 0 to 100.',
    });
  });
});

describe('the series display', () => {
  it('names the run and how far the series is', () => {
    expect(runLabel(progress())).toBe('Run 2 of 3');
    expect(runLabel(progress({ warmUp: true, run: 1, of: 1 }))).toBe('Warm-up run 1 of 1');
    expect(progressText(progress())).toBe('1 of 3 runs done, after 1 warm-up run (deleted)');
    expect(progressText(progress({ warmUp: true, run: 1, of: 1, completedRuns: 0 }))).toBe(
      'Warming up: 0 of 1 warm-up run done (deleted once ended), then 3 runs',
    );
    expect(progressText(progress({ of: 4, completedRuns: 1 }))).toBe('1 of 4 runs done');
  });

  it('never lets an older progress of the same series replace a newer one', () => {
    const first = progress({ run: 1, completedRuns: 1, sessionIds: [] });
    const second = progress();
    const over = progress({ state: 'finished', completedRuns: 4, sessionIds: [11, 12, 13] });
    expect(isNewer(second, first)).toBe(true);
    expect(isNewer(first, second)).toBe(false);
    expect(isNewer(over, second)).toBe(true);
    expect(isNewer(second, over)).toBe(false);
    expect(isNewer(first, null)).toBe(true);
    expect(isNewer(progress({ seriesId: 2, completedRuns: 0 }), over)).toBe(true);
  });

  it('lists the kept runs with their wall times and the median of those known', () => {
    const sessions = [
      sessionSummary({ id: 11, runMetrics: wall(410) }),
      sessionSummary({ id: 12, runMetrics: wall(390) }),
      sessionSummary({ id: 13, runMetrics: null }),
      sessionSummary({ id: 14, runMetrics: wall(450) }),
    ];
    const rows = seriesRuns(progress({ sessionIds: [11, 12, 13, 14] }), sessions);
    expect(rows.map((row) => [row.label, row.sessionId, row.wallMs])).toEqual([
      ['Run 1', 11, 410],
      ['Run 2', 12, 390],
      ['Run 3', 13, null],
      ['Run 4', 14, 450],
    ]);
    expect(medianWall(rows)).toBe(410);
    expect(medianWall(rows.slice(0, 2))).toBe(400);
    expect(medianWall([])).toBeNull();
  });
});

describe('where a series lands', () => {
  const finished = progress({ state: 'finished', completedRuns: 4, sessionIds: [11, 12, 13] });
  const before = (overrides = {}) => sessionSummary({ id: 3, name: 'before', baseline: true, ...overrides });

  it('opens the Compare view against the baseline once a series has finished', () => {
    expect(seriesLanding(finished, [before()])).toEqual({
      screen: 'compare',
      baseline: 'baseline',
      candidate: 'after',
    });
  });

  it('stays on the series without a baseline, or when it stopped, failed or would be compared with itself', () => {
    expect(seriesLanding(finished, [before({ baseline: false })])).toBeNull();
    expect(seriesLanding({ ...finished, state: 'stopped' }, [before()])).toBeNull();
    expect(seriesLanding({ ...finished, state: 'failed' }, [before()])).toBeNull();
    expect(seriesLanding(finished, [before({ name: 'after' })])).toBeNull();
    // A stopped series can still be compared by hand, when it kept a run.
    expect(canCompareWithBaseline({ ...finished, state: 'stopped' }, [before()])).toBe(true);
    expect(canCompareWithBaseline({ ...finished, state: 'stopped', sessionIds: [] }, [before()])).toBe(false);
  });
});
