import { describe, expect, it } from 'vitest';
import { metricKeys, type ResourceSample } from '../../../src-shared/model/resource';
import type { TimelineView } from '../../../src-shared/timeline/view';
import {
  appendSamples,
  columnsFromView,
  decimateColumns,
  emptyColumns,
  lowerBound,
  mergeDetail,
  nearestIndex,
  notePresentSeries,
  sliceColumns,
  upperBound,
  type TimelineColumns,
} from '../../../src-renderer/charts/timeline/timeline-data';

/** A sample at `time` with every metric null except the ones given. */
function sample(time: number, values: Partial<ResourceSample> = {}): ResourceSample {
  const empty = Object.fromEntries(metricKeys.map((key) => [key, null])) as Omit<ResourceSample, 'time'>;
  return { ...empty, time, ...values };
}

/** Columns with one metric (rss) from [time, value] pairs. */
function rssColumns(points: [number, number][]): TimelineColumns {
  return { times: points.map(([time]) => time), values: { rss: points.map(([, value]) => value) } };
}

describe('timeline columns', () => {
  it('reads an engine view, keeping unreadable values as gaps and adding system memory as a percentage', () => {
    const view: TimelineView = {
      sessionId: 1,
      from: 0,
      to: 2000,
      sessionFrom: 0,
      sessionTo: 2000,
      times: Float64Array.of(0, 1000, 2000),
      series: {
        rss: Float64Array.of(10, Number.NaN, 30),
        systemMemoryUsed: Float64Array.of(1, 2, 3),
        systemMemoryTotal: Float64Array.of(4, 4, 0),
      },
      rawCount: 3,
      decimated: false,
      markers: [],
    };
    const columns = columnsFromView(view);
    expect(columns.values.rss).toEqual([10, Number.NaN, 30]);
    expect(columns.values.systemMemoryPercent).toEqual([25, 50, Number.NaN]);
  });

  it('appends only samples newer than the last one held, keeping columns aligned', () => {
    const columns = emptyColumns();
    expect(appendSamples(columns, [sample(100, { rss: 1 }), sample(200, { rss: 2, cpuUser: 50 })])).toBe(2);
    // A repeated batch (say, after a reconnect) adds nothing.
    expect(appendSamples(columns, [sample(150), sample(200), sample(300, { rss: 3 })])).toBe(1);
    expect(columns.times).toEqual([100, 200, 300]);
    expect(columns.values.rss).toEqual([1, 2, 3]);
    expect(columns.values.cpuUser).toEqual([Number.NaN, 50, Number.NaN]);
    for (const column of Object.values(columns.values)) expect(column).toHaveLength(3);
  });

  it('notes the series that hold a value, and live samples only from where it last looked', () => {
    const columns = emptyColumns();
    appendSamples(columns, [sample(1_000, { cpuUser: 5 }), sample(1_100, { cpuUser: 6 })]);
    const present = new Set<string>() as Parameters<typeof notePresentSeries>[0];
    expect(notePresentSeries(present, columns)).toBe(true);
    expect([...present]).toEqual(['cpuUser']);
    const before = columns.times.length;
    appendSamples(columns, [sample(1_200, { cpuUser: 7 })]);
    expect(notePresentSeries(present, columns, before)).toBe(false);
    appendSamples(columns, [sample(1_300, { jsHeapUsed: 1_000_000 })]);
    expect(notePresentSeries(present, columns, before + 1)).toBe(true);
    expect([...present].sort()).toEqual(['cpuUser', 'jsHeapUsed']);
  });

  it('finds the nearest sample and slices inclusive ranges', () => {
    const columns = rssColumns([
      [0, 0],
      [10, 1],
      [20, 2],
      [30, 3],
    ]);
    expect(nearestIndex(columns.times, 14)).toBe(1);
    expect(nearestIndex(columns.times, 16)).toBe(2);
    expect(nearestIndex(columns.times, -5)).toBe(0);
    expect(nearestIndex(columns.times, 99)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
    expect(sliceColumns(columns, 10, 20)).toEqual(
      rssColumns([
        [10, 1],
        [20, 2],
      ]),
    );
  });

  it('bounds a time among sorted times, equal times included by one side only', () => {
    const times = [10, 20, 20, 30];
    expect(lowerBound(times, 20)).toBe(1);
    expect(upperBound(times, 20)).toBe(3);
    expect(lowerBound(times, 25)).toBe(3);
    expect(upperBound(times, 25)).toBe(3);
    expect(lowerBound(times, 5)).toBe(0);
    expect(upperBound(times, 30)).toBe(4);
    expect(lowerBound([], 1)).toBe(0);
  });

  it('decimates to the budget and keeps a one-sample spike', () => {
    const points: [number, number][] = Array.from({ length: 10_000 }, (_, index) => [index, index === 5_555 ? 1e9 : 1]);
    const decimated = decimateColumns(rssColumns(points), 200);
    expect(decimated.times.length).toBeLessThanOrEqual(200);
    expect(Math.max(...decimated.values.rss!)).toBe(1e9);
    const small = rssColumns(points.slice(0, 50));
    expect(decimateColumns(small, 200)).toBe(small);
  });

  it('replaces the zoomed window of the overview with the detailed slice', () => {
    const overview = rssColumns([
      [0, 0],
      [100, 1],
      [200, 2],
      [300, 3],
    ]);
    const detail = rssColumns([
      [100, 10],
      [150, 15],
      [200, 20],
    ]);
    expect(mergeDetail(overview, detail, 100, 200)).toEqual(
      rssColumns([
        [0, 0],
        [100, 10],
        [150, 15],
        [200, 20],
        [300, 3],
      ]),
    );
  });
});
