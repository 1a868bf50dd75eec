// The timeline's data on the renderer side: columns of numbers (NaN where a metric was unreadable)
// sharing one times column. Views from the engine and live samples both land here; drawing takes a
// decimated copy so the chart never holds more than its pixel budget. Pure and unit-tested.

import { metricKeys, type MetricKey, type ResourceSample } from '../../../src-shared/model/resource';
import { decimateMinMax } from '../../../src-shared/timeline/decimate';
import type { TimelineView } from '../../../src-shared/timeline/view';
import type { EpochMilliseconds } from '../../../src-shared/units';

/** A drawable series: a recorded metric, or system memory as a percentage of the total. */
export type ChartKey = MetricKey | 'systemMemoryPercent';

/** Columnar samples in time order; every column has the length of `times`. */
export interface TimelineColumns {
  times: EpochMilliseconds[];
  values: Partial<Record<ChartKey, number[]>>;
}

/** An empty set of columns. */
export function emptyColumns(): TimelineColumns {
  return { times: [], values: {} };
}

function addMemoryPercent(columns: TimelineColumns): void {
  const used = columns.values.systemMemoryUsed;
  const total = columns.values.systemMemoryTotal;
  if (!used || !total) return;
  columns.values.systemMemoryPercent = used.map((value, index) =>
    total[index]! > 0 ? (value / total[index]!) * 100 : Number.NaN,
  );
}

/** Converts an engine view (NaN for unreadable values) into columns. */
export function columnsFromView(view: TimelineView): TimelineColumns {
  const columns: TimelineColumns = { times: Array.from(view.times), values: {} };
  for (const key of metricKeys) {
    const series = view.series[key];
    if (series) columns.values[key] = Array.from(series);
  }
  addMemoryPercent(columns);
  return columns;
}

/**
 * Adds to `present` every series of `columns` that holds a value (not NaN) at or after index `from`;
 * returns true when it added any. Live samples are checked from where the last check ended.
 */
export function notePresentSeries(present: Set<ChartKey>, columns: TimelineColumns, from = 0): boolean {
  let added = false;
  for (const [key, column] of Object.entries(columns.values) as [ChartKey, number[]][]) {
    if (present.has(key)) continue;
    for (let index = from; index < column.length; index++) {
      if (!Number.isNaN(column[index])) {
        present.add(key);
        added = true;
        break;
      }
    }
  }
  return added;
}

/** Appends live samples newer than the last one held; returns how many were added. */
export function appendSamples(columns: TimelineColumns, samples: readonly ResourceSample[]): number {
  let added = 0;
  for (const sample of samples) {
    const last = columns.times[columns.times.length - 1];
    if (last !== undefined && sample.time <= last) continue;
    const before = columns.times.length;
    columns.times.push(sample.time);
    for (const key of metricKeys) {
      let column = columns.values[key];
      if (!column) column = columns.values[key] = new Array<number>(before).fill(Number.NaN);
      const value = sample[key];
      column.push(value === null ? Number.NaN : value);
    }
    const total = sample.systemMemoryTotal;
    const used = sample.systemMemoryUsed;
    let percent = columns.values.systemMemoryPercent;
    if (!percent) percent = columns.values.systemMemoryPercent = new Array<number>(before).fill(Number.NaN);
    percent.push(total !== null && used !== null && total > 0 ? (used / total) * 100 : Number.NaN);
    added++;
  }
  return added;
}

/** The first index whose time is at or after `time` (binary search; times are sorted). */
export function lowerBound(times: ArrayLike<number>, time: number): number {
  return firstIndexNotBefore(times, (value) => value < time);
}

/** The first index whose time is after `time`. */
export function upperBound(times: ArrayLike<number>, time: number): number {
  return firstIndexNotBefore(times, (value) => value <= time);
}

/** Binary search for the first index where `isBefore` turns false; it must be true, then false. */
function firstIndexNotBefore(times: ArrayLike<number>, isBefore: (value: number) => boolean): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (isBefore(times[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The index of the time nearest to `time`, or -1 when there are no times. */
export function nearestIndex(times: ArrayLike<number>, time: number): number {
  if (times.length === 0) return -1;
  const after = lowerBound(times, time);
  if (after === 0) return 0;
  if (after >= times.length) return times.length - 1;
  return time - times[after - 1]! <= times[after]! - time ? after - 1 : after;
}

/** The samples with from ≤ time ≤ to. */
export function sliceColumns(
  columns: TimelineColumns,
  from: EpochMilliseconds,
  to: EpochMilliseconds,
): TimelineColumns {
  const start = lowerBound(columns.times, from);
  const end = upperBound(columns.times, to);
  const values: TimelineColumns['values'] = {};
  for (const [key, column] of Object.entries(columns.values) as [ChartKey, number[]][])
    values[key] = column.slice(start, end);
  return { times: columns.times.slice(start, end), values };
}

/** At most about `maxPoints` points, keeping every bucket's minimum and maximum of every series. */
export function decimateColumns(columns: TimelineColumns, maxPoints: number): TimelineColumns {
  if (columns.times.length <= maxPoints) return columns;
  const keys = Object.keys(columns.values) as ChartKey[];
  const decimated = decimateMinMax(
    { times: columns.times, values: keys.map((key) => columns.values[key]!) },
    Math.max(1, Math.floor(maxPoints / 2)),
  );
  const values: TimelineColumns['values'] = {};
  keys.forEach((key, index) => (values[key] = Array.from(decimated.values[index]!)));
  return { times: Array.from(decimated.times), values };
}

/**
 * The overview with the range [from, to] replaced by a more detailed slice, so a zoomed window
 * shows full detail while the rest of the session stays drawn for panning and zooming out.
 */
export function mergeDetail(
  overview: TimelineColumns,
  detail: TimelineColumns,
  from: EpochMilliseconds,
  to: EpochMilliseconds,
): TimelineColumns {
  const before = lowerBound(overview.times, Math.min(from, detail.times[0] ?? Infinity));
  const after = upperBound(overview.times, Math.max(to, detail.times[detail.times.length - 1] ?? -Infinity));
  const keys = new Set([...Object.keys(overview.values), ...Object.keys(detail.values)] as ChartKey[]);
  const values: TimelineColumns['values'] = {};
  for (const key of keys) {
    const head = overview.values[key]?.slice(0, before) ?? new Array<number>(before).fill(Number.NaN);
    const middle = detail.values[key] ?? new Array<number>(detail.times.length).fill(Number.NaN);
    const tail =
      overview.values[key]?.slice(after) ?? new Array<number>(overview.times.length - after).fill(Number.NaN);
    values[key] = head.concat(middle, tail);
  }
  return { times: overview.times.slice(0, before).concat(detail.times, overview.times.slice(after)), values };
}
