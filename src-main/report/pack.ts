// Packs the engine's views into the report's compact form (src-shared/report/report-data.ts):
// typed arrays as base64, frames as columns, a flame graph as its nodes' frame, depth and self.

import {
  packedArrayTypes,
  type PackedArray,
  type PackedFlameGraph,
  type PackedFrames,
  type PackedHotspots,
  type PackedOverlaySide,
  type PackedTimeline,
  type PackedType,
} from '../../src-shared/report/report-data';
import type { FlameGraphView, HotspotTable, ViewFrame } from '../../src-shared/profile/views';
import type { TimelineView } from '../../src-shared/timeline/view';
import type { OverlaySide } from '../../src-shared/compare/timeline-overlay';
import type { MetricKey } from '../../src-shared/model/resource';

/** Packs numbers as `type` (values are converted as a typed array's assignment converts them). */
export function packArray(values: ArrayLike<number>, type: PackedType): PackedArray {
  const typed = packedArrayTypes[type].from(values as ArrayLike<number>);
  // Typed arrays are little-endian on every platform Thermograph runs on; the viewer reads them so.
  const base64 = Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength).toString('base64');
  return { type, length: typed.length, base64 };
}

/** How near a whole number of quanta a weight must be to be stored as one (far below any shown digit). */
const quantumTolerance = 1e-6;

/**
 * Packs weights as whole numbers of the coarsest quantum that holds them all (1, or 0.001: a
 * millisecond profile's microseconds) in 32 bits, else as 64-bit floats: a flame graph's self
 * weights are most of a report, and whole numbers take half the room.
 */
export function packWeights(values: ArrayLike<number>): PackedArray {
  for (const divisor of [1, 1000]) {
    const counts = new Int32Array(values.length);
    let fits = true;
    for (let index = 0; index < values.length && fits; index++) {
      const quanta = values[index]! * divisor;
      const whole = Math.round(quanta);
      fits = Math.abs(quanta - whole) <= quantumTolerance * Math.max(1, Math.abs(whole)) && Math.abs(whole) < 2 ** 31;
      counts[index] = whole;
    }
    if (fits) return { ...packArray(counts, 'i32'), ...(divisor === 1 ? {} : { divisor }) };
  }
  return packArray(values, 'f64');
}

/** Frames as columns, with each file and module named once. */
export function packFrames(frames: readonly ViewFrame[]): PackedFrames {
  const packed: PackedFrames = {
    ids: [],
    names: [],
    kinds: [],
    file: [],
    files: [],
    module: [],
    modules: [],
    lines: [],
    columns: [],
  };
  const files = new Map<string, number>();
  const modules = new Map<string, number>();
  const indexOf = (table: Map<string, number>, list: string[], value: string | null): number => {
    if (value === null) return -1;
    let index = table.get(value);
    if (index === undefined) {
      index = list.push(value) - 1;
      table.set(value, index);
    }
    return index;
  };
  for (const frame of frames) {
    packed.ids.push(frame.id);
    packed.names.push(frame.name);
    packed.kinds.push(frame.kind);
    packed.file.push(indexOf(files, packed.files, frame.file));
    packed.module.push(indexOf(modules, packed.modules, frame.module));
    packed.lines.push(frame.line ?? 0);
    packed.columns.push(frame.column ?? 0);
  }
  return packed;
}

/**
 * A flame graph as pre-order nodes: frame, depth and self weight are enough to rebuild the rest
 * (a node's total is its self plus its children's totals; children start at their parent's start,
 * one after another).
 */
export function packFlameGraph(view: FlameGraphView): PackedFlameGraph {
  const { nodes } = view;
  return {
    weightUnit: view.weightUnit,
    totalWeight: view.totalWeight,
    sampleCount: view.sampleCount,
    frames: packFrames(view.frames),
    frame: packArray(nodes.frame.subarray(0, nodes.length), 'i32'),
    depth: packArray(
      nodes.depth.subarray(0, nodes.length),
      nodes.length > 0 && view.maximumDepth > 65_535 ? 'i32' : 'u16',
    ),
    self: packWeights(nodes.self.subarray(0, nodes.length)),
  };
}

/** A hotspot table's rows as columns. */
export function packHotspots(table: HotspotTable): PackedHotspots {
  const column = (pick: (row: HotspotTable['rows'][number]) => number) => table.rows.map(pick);
  return {
    weightUnit: table.weightUnit,
    totalWeight: table.totalWeight,
    sampleCount: table.sampleCount,
    frames: packFrames(table.frames),
    frame: packArray(
      column((row) => row.frame),
      'i32',
    ),
    self: packWeights(column((row) => row.self)),
    total: packWeights(column((row) => row.total)),
    selfSamples: packWeights(column((row) => row.selfSamples)),
    totalSamples: packWeights(column((row) => row.totalSamples)),
  };
}

/** Metric series as 32-bit floats: seven significant digits are more than any chart or readout shows. */
function packSeries(series: Partial<Record<MetricKey, Float64Array>>): Partial<Record<MetricKey, PackedArray>> {
  const packed: Partial<Record<MetricKey, PackedArray>> = {};
  for (const [key, values] of Object.entries(series) as [MetricKey, Float64Array][])
    packed[key] = packArray(values, 'f32');
  return packed;
}

/** One side of a timeline overlay. */
export function packOverlaySide(side: OverlaySide): PackedOverlaySide {
  const { timeline } = side;
  return {
    ...side,
    timeline: { ...timeline, times: packArray(timeline.times, 'f64'), series: packSeries(timeline.series) },
  };
}

/**
 * A timeline view with times made relative to the session's start (64-bit), values as 32-bit floats.
 */
export function packTimeline(view: TimelineView, origin: number, durationMs: number): PackedTimeline {
  return {
    origin,
    durationMs,
    times: packArray(
      view.times.map((time) => time - origin),
      'f64',
    ),
    series: packSeries(view.series),
    rawCount: view.rawCount,
    decimated: view.decimated,
    markers: view.markers,
  };
}
