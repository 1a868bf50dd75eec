// Min/max decimation: each bucket of the time axis keeps its first point plus the points where any
// drawn series reaches its minimum and maximum, so a one-sample spike is never averaged away.
// Linear in the number of points; output is at most about 3 points per bucket, in time order.

import type { EpochMilliseconds } from '../units';

/** Columnar series: one times array and value arrays of the same length (NaN = missing). */
export interface ColumnarSeries {
  times: ArrayLike<EpochMilliseconds>;
  values: ArrayLike<number>[];
}

/**
 * Returns the indices of points to keep so that at most about `buckets * 3` remain.
 * When there are fewer points than buckets every index is kept.
 */
export function decimateIndices(series: ColumnarSeries, buckets: number): Uint32Array {
  const count = series.times.length;
  if (count <= buckets * 2 || buckets < 1) return Uint32Array.from({ length: count }, (_, index) => index);
  const first = series.times[0]!;
  const span = series.times[count - 1]! - first || 1;
  const kept = new Uint32Array(Math.min(count, buckets * (2 * series.values.length + 1) + 1));
  let keptCount = 0;
  const bucketMarks = new Uint32Array(2 * series.values.length + 1);
  let index = 0;
  while (index < count) {
    const bucket = Math.min(buckets - 1, Math.floor(((series.times[index]! - first) / span) * buckets));
    let end = index + 1;
    while (end < count && Math.min(buckets - 1, Math.floor(((series.times[end]! - first) / span) * buckets)) === bucket) end++;
    let marks = 0;
    bucketMarks[marks++] = index;
    for (const values of series.values) {
      let minIndex = -1;
      let maxIndex = -1;
      for (let position = index; position < end; position++) {
        const value = values[position]!;
        if (Number.isNaN(value)) continue;
        if (minIndex < 0 || value < values[minIndex]!) minIndex = position;
        if (maxIndex < 0 || value > values[maxIndex]!) maxIndex = position;
      }
      if (minIndex >= 0) bucketMarks[marks++] = minIndex;
      if (maxIndex >= 0) bucketMarks[marks++] = maxIndex;
    }
    const sorted = bucketMarks.subarray(0, marks).sort();
    for (let mark = 0; mark < marks; mark++) {
      if (mark > 0 && sorted[mark] === sorted[mark - 1]) continue;
      kept[keptCount++] = sorted[mark]!;
    }
    index = end;
  }
  return kept.slice(0, keptCount);
}
