// The in-memory side of columnar sample storage: packing ResourceSamples into one Float64Array per
// column, and copying slices of stored blobs back out. No SQLite here.

import { metricKeys } from '../../src-shared/model/resource';
import type { MetricKey, ResourceSample } from '../../src-shared/model/resource';

/** The stored column index of sample times; a metric's column index is its index in metricKeys. */
export const timeColumn = -1;

/** Bytes per stored value (one Float64). */
export const valueBytes = Float64Array.BYTES_PER_ELEMENT;

// Blobs are the raw bytes of a Float64Array, so they are little-endian on every platform
// Thermograph ships for; refuse to run anywhere that would silently misread them.
if (new Uint8Array(new Float64Array([1]).buffer)[7] !== 0x3f) {
  throw new Error('Thermograph stores samples as little-endian Float64 and cannot run on a big-endian machine.');
}

/** Samples packed column by column; `metrics[i]` holds metricKeys[i], NaN where the sample had null. */
export interface PackedSamples {
  count: number;
  times: Float64Array;
  metrics: Float64Array[];
}

// `sample[key]` with twenty different keys is a megamorphic lookup in V8; a function with one named
// property load per metric stays monomorphic and packs 4-6x faster (store-bench ingest). It is
// generated from metricKeys, which are fixed identifiers, so it can never drift from the key list.
const fillColumns = new Function(
  'samples',
  'times',
  'metrics',
  `${metricKeys.map((_, index) => `const column${index} = metrics[${index}];`).join('\n')}
  for (let index = 0; index < samples.length; index++) {
    const sample = samples[index];
    times[index] = sample.time;
    ${metricKeys.map((key, metric) => `column${metric}[index] = sample.${key} ?? NaN;`).join('\n')}
  }`,
) as (samples: readonly ResourceSample[], times: Float64Array, metrics: Float64Array[]) => void;

/**
 * Reusable memory for packed columns. Ingest packs every batch and merges small chunks; allocating
 * fresh ArrayBuffers for that made V8 run full collections over the whole heap to account for them,
 * which cost more than writing the samples. SQLite copies a bound blob, so the memory can be reused
 * as soon as the statement has run.
 */
export class ColumnScratch {
  private buffer = new ArrayBuffer(0);

  /** Views of `count` values for the time column and every metric; valid until the next call. */
  columns(count: number): PackedSamples {
    const bytes = allColumnIndexes.length * count * valueBytes;
    if (this.buffer.byteLength < bytes) this.buffer = new ArrayBuffer(Math.max(bytes, this.buffer.byteLength * 2));
    const view = (position: number) => new Float64Array(this.buffer, position * count * valueBytes, count);
    return { count, times: view(0), metrics: metricKeys.map((_, index) => view(index + 1)) };
  }
}

/** Packs samples into columns (in `scratch` when given, else freshly allocated); null becomes NaN. */
export function packSamples(samples: readonly ResourceSample[], scratch = new ColumnScratch()): PackedSamples {
  const packed = scratch.columns(samples.length);
  fillColumns(samples, packed.times, packed.metrics);
  return packed;
}

/** The column with the given stored index. */
export function columnOf(packed: PackedSamples, columnIndex: number): Float64Array {
  return columnIndex === timeColumn ? packed.times : packed.metrics[columnIndex]!;
}

/** Every stored column index: time first, then each metric. */
export const allColumnIndexes: readonly number[] = [timeColumn, ...metricKeys.map((_, index) => index)];

/** The stored column index of a metric. */
export function columnIndexOf(metric: MetricKey): number {
  return metricKeys.indexOf(metric);
}

/** True when every value is NaN (null), so the column need not be stored for this chunk. */
export function isAllMissing(values: Float64Array): boolean {
  for (let index = 0; index < values.length; index++) if (!Number.isNaN(values[index]!)) return false;
  return true;
}

/** A view of the values' bytes for binding as a BLOB, without copying. */
export function blobOf(values: Float64Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * Which samples of a chunk a read keeps: a contiguous run [start, end) (the usual case, since times
 * increase), or explicit indexes when a clock stepped back inside the chunk.
 */
export type ChunkSelection = { chunk: number; start: number; end: number } | { chunk: number; indexes: number[] };

/** How many samples a selection keeps. */
export function selectedCount(selection: ChunkSelection): number {
  return 'indexes' in selection ? selection.indexes.length : selection.end - selection.start;
}

/** Selects the samples of a chunk whose time lies in [from, to], given the chunk's time blob. */
export function selectByTime(chunk: number, timeBlob: Buffer, from: number, to: number): ChunkSelection {
  const count = timeBlob.length / valueBytes;
  // One copy into a typed array (SQLite's buffer need not be aligned) is much cheaper than a
  // readDoubleLE call per sample. Times usually increase within a chunk: then the kept samples are
  // one run, found without collecting their indexes.
  const times = new Float64Array(count);
  new Uint8Array(times.buffer).set(timeBlob);
  let start = -1;
  let end = 0;
  for (let index = 0; index < count; index++) {
    const time = times[index]!;
    if (index > 0 && time < times[index - 1]!) return selectSteppedBack(chunk, times, from, to);
    if (time >= from && time <= to) {
      if (start < 0) start = index;
      end = index + 1;
    }
  }
  return start < 0 ? { chunk, start: 0, end: 0 } : { chunk, start, end };
}

/** The selection in a chunk whose clock stepped back: its kept samples need not be one run. */
function selectSteppedBack(chunk: number, times: Float64Array, from: number, to: number): ChunkSelection {
  const indexes: number[] = [];
  for (let index = 0; index < times.length; index++) {
    const time = times[index]!;
    if (time >= from && time <= to) indexes.push(index);
  }
  const first = indexes[0] ?? 0;
  const contiguous = indexes.length === 0 || indexes[indexes.length - 1]! - first + 1 === indexes.length;
  return contiguous ? { chunk, start: first, end: first + indexes.length } : { chunk, indexes };
}

/** Copies the selected values of a stored blob (or NaN when the chunk has no blob) into `target` at `offset`. */
export function copySelection(
  blob: Buffer | undefined,
  selection: ChunkSelection,
  target: Float64Array,
  offset: number,
): void {
  if ('indexes' in selection) {
    selection.indexes.forEach((index, position) => {
      target[offset + position] = blob ? blob.readDoubleLE(index * valueBytes) : Number.NaN;
    });
  } else if (!blob) {
    target.fill(Number.NaN, offset, offset + selection.end - selection.start);
  } else {
    // A byte copy: SQLite's buffers need not be 8-byte aligned, so they cannot be viewed as Float64Array.
    const bytes = new Uint8Array(
      target.buffer,
      target.byteOffset + offset * valueBytes,
      (selection.end - selection.start) * valueBytes,
    );
    bytes.set(blob.subarray(selection.start * valueBytes, selection.end * valueBytes));
  }
}
