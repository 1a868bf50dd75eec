// Min/max decimation for series that share one time axis. Each time bucket becomes at most two
// points, and every series places its minimum and maximum of the bucket on those two points in the
// order they occurred, so a one-sample spike is never averaged away and the drawn vertical extent
// per pixel column is exact. Linear in points × series.

import type { EpochMilliseconds } from '../units';

/** Columnar series: one times array and value arrays of the same length (NaN = missing). */
export interface ColumnarSeries {
  times: ArrayLike<EpochMilliseconds>;
  values: ArrayLike<number>[];
}

/** Decimated series: at most 2 × buckets points. */
export interface DecimatedSeries {
  times: Float64Array;
  values: Float64Array[];
}

/** Reduces series to at most 2 points per bucket; returns copies of the input when it is already small. */
export function decimateMinMax(series: ColumnarSeries, buckets: number): DecimatedSeries {
  const count = series.times.length;
  if (count <= buckets * 2 || buckets < 1) {
    return { times: Float64Array.from(series.times), values: series.values.map((values) => Float64Array.from(values)) };
  }
  const first = series.times[0]!;
  const scale = buckets / (series.times[count - 1]! - first || 1);
  const times = new Float64Array(buckets * 2);
  const values = series.values.map(() => new Float64Array(buckets * 2));
  let written = 0;
  let start = 0;
  while (start < count) {
    const bucket = Math.min(buckets - 1, Math.floor((series.times[start]! - first) * scale));
    let end = start + 1;
    while (end < count && Math.min(buckets - 1, Math.floor((series.times[end]! - first) * scale)) === bucket) end++;
    const single = end - start === 1;
    times[written] = series.times[start]!;
    if (!single) times[written + 1] = series.times[end - 1]!;
    for (let index = 0; index < series.values.length; index++) {
      writeExtremes(series.values[index]!, start, end, values[index]!, written, single);
    }
    written += single ? 1 : 2;
    start = end;
  }
  return { times: times.slice(0, written), values: values.map((column) => column.slice(0, written)) };
}

function writeExtremes(
  input: ArrayLike<number>,
  start: number,
  end: number,
  output: Float64Array,
  at: number,
  single: boolean,
): void {
  if (single) {
    output[at] = input[start]!;
    return;
  }
  let minimumIndex = -1;
  let maximumIndex = -1;
  for (let position = start; position < end; position++) {
    const value = input[position]!;
    if (Number.isNaN(value)) continue;
    if (minimumIndex < 0 || value < input[minimumIndex]!) minimumIndex = position;
    if (maximumIndex < 0 || value > input[maximumIndex]!) maximumIndex = position;
  }
  if (minimumIndex < 0) {
    output[at] = Number.NaN;
    output[at + 1] = Number.NaN;
    return;
  }
  const minimumFirst = minimumIndex <= maximumIndex;
  output[at] = input[minimumFirst ? minimumIndex : maximumIndex]!;
  output[at + 1] = input[minimumFirst ? maximumIndex : minimumIndex]!;
}
