// Reads the report's packed document back into the views the components draw: the inverse of
// src-main/report/pack.ts. A flame graph is rebuilt from its pre-order frame, depth and self columns.

import type { MetricKey } from '../../src-shared/model/resource';
import type {
  CallTreeNodes,
  FlameGraphView,
  HotspotTable,
  ProfileSelection,
  ViewFrame,
} from '../../src-shared/profile/views';
import type { ComparisonReport, DiffFlameGraphView } from '../../src-shared/compare/report';
import type { OverlaySide, RelativeTimeline, TimelineOverlay } from '../../src-shared/compare/timeline-overlay';
import {
  packedArrayTypes,
  reportFormat,
  reportFormatVersion,
  type PackedArray,
  type PackedDiffFlameGraph,
  type PackedFlameGraph,
  type PackedFrames,
  type PackedHotspots,
  type PackedOverlaySide,
  type PackedTimeline,
  type ReportData,
} from '../../src-shared/report/report-data';
import type { TimelineView } from '../../src-shared/timeline/view';

/** Why a document cannot be shown, in a sentence for the reader. */
export class ReportFormatError extends Error {}

/** Decodes base64 into a typed array of the packed type. */
export function unpackArray(packed: PackedArray): Float64Array | Float32Array | Int32Array | Uint16Array {
  const Type = packedArrayTypes[packed.type];
  if (!Type) throw new ReportFormatError(`The report holds an array of unknown type "${String(packed.type)}".`);
  const text = atob(packed.base64);
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  if (bytes.length !== packed.length * Type.BYTES_PER_ELEMENT)
    throw new ReportFormatError('The report is damaged: an array is shorter or longer than it says.');
  const values = new Type(bytes.buffer);
  const divisor = packed.divisor;
  if (divisor === undefined) return values;
  return Float64Array.from(values, (value) => value / divisor);
}

/** Parses and checks the embedded document. */
export function readReportData(text: string): ReportData {
  let data: Partial<ReportData>;
  try {
    data = JSON.parse(text) as Partial<ReportData>;
  } catch {
    throw new ReportFormatError('The report is damaged: its data is not valid JSON. Export it again from Thermograph.');
  }
  if (data?.format !== reportFormat) throw new ReportFormatError('This file does not hold a Thermograph report.');
  if (data.version !== reportFormatVersion)
    throw new ReportFormatError(
      `This report has format version ${String(data.version)}; this viewer reads version ${reportFormatVersion}. Export it again with this Thermograph.`,
    );
  return data as ReportData;
}

/** Frames from their columns. */
export function unpackFrames(packed: PackedFrames): ViewFrame[] {
  return packed.ids.map((id, index) => ({
    id,
    name: packed.names[index]!,
    kind: packed.kinds[index]!,
    file: packed.file[index]! >= 0 ? packed.files[packed.file[index]!]! : null,
    module: packed.module[index]! >= 0 ? packed.modules[packed.module[index]!]! : null,
    line: packed.lines[index] || null,
    column: packed.columns[index] || null,
  }));
}

/**
 * Rebuilds the drawn tree from pre-order nodes: the parent of a node is the nearest node before it
 * one level up; totals add up from the leaves; children start at their parent's start, in order.
 */
export function rebuildNodes(frame: Int32Array, depth: ArrayLike<number>, self: Float64Array): CallTreeNodes {
  const length = frame.length;
  const parent = new Int32Array(length).fill(-1);
  const end = new Int32Array(length);
  const start = new Float64Array(length);
  const total = Float64Array.from(self);
  const depths = Int32Array.from(depth);
  // The open ancestors of the current node, by depth.
  const path: number[] = [];
  for (let index = 0; index < length; index++) {
    const level = depths[index]!;
    if (index > 0 && (level < 1 || level > path.length))
      throw new ReportFormatError('The report is damaged: its flame graph is not a tree.');
    path.length = level;
    parent[index] = level > 0 ? path[level - 1]! : -1;
    path.push(index);
  }
  for (let index = length - 1; index > 0; index--) total[parent[index]!]! += total[index]!;
  const nextStart = new Float64Array(length);
  for (let index = 1; index < length; index++) {
    const up = parent[index]!;
    start[index] = nextStart[up]!;
    nextStart[up] = start[index]! + total[index]!;
    nextStart[index] = start[index]!;
  }
  const size = new Int32Array(length).fill(1);
  for (let index = length - 1; index > 0; index--) size[parent[index]!]! += size[index]!;
  for (let index = 0; index < length; index++) end[index] = index + size[index]!;
  return { length, frame, parent, depth: depths, end, start, total, self };
}

const wholeProfile = (kind: ProfileSelection['kind']): ProfileSelection => ({ kind, range: null, thread: null });

/** A flame graph of the whole profile. */
export function unpackFlameGraph(packed: PackedFlameGraph, kind: ProfileSelection['kind']): FlameGraphView {
  const nodes = rebuildNodes(
    unpackArray(packed.frame) as Int32Array,
    unpackArray(packed.depth),
    Float64Array.from(unpackArray(packed.self)),
  );
  let maximumDepth = 0;
  for (const level of nodes.depth) if (level > maximumDepth) maximumDepth = level;
  return {
    selection: wholeProfile(kind),
    weightUnit: packed.weightUnit,
    totalWeight: packed.totalWeight,
    sampleCount: packed.sampleCount,
    maximumDepth,
    frames: unpackFrames(packed.frames),
    nodes,
  };
}

/** The differential flame graph. */
export function unpackDiffFlameGraph(packed: PackedDiffFlameGraph): DiffFlameGraphView {
  return {
    ...unpackFlameGraph(packed, 'cpu'),
    baselineTotal: Float64Array.from(unpackArray(packed.baselineTotal)),
    candidateTotal: Float64Array.from(unpackArray(packed.candidateTotal)),
    baselineWeight: packed.baselineWeight,
    candidateWeight: packed.candidateWeight,
    baselineRuns: packed.baselineRuns,
    candidateRuns: packed.candidateRuns,
  };
}

/** The hotspot table. */
export function unpackHotspots(packed: PackedHotspots, kind: ProfileSelection['kind']): HotspotTable {
  const frame = unpackArray(packed.frame);
  const self = unpackArray(packed.self);
  const total = unpackArray(packed.total);
  const selfSamples = unpackArray(packed.selfSamples);
  const totalSamples = unpackArray(packed.totalSamples);
  return {
    selection: wholeProfile(kind),
    weightUnit: packed.weightUnit,
    totalWeight: packed.totalWeight,
    sampleCount: packed.sampleCount,
    frames: unpackFrames(packed.frames),
    rows: Array.from(frame, (row, index) => ({
      frame: row,
      self: self[index]!,
      total: total[index]!,
      selfSamples: selfSamples[index]!,
      totalSamples: totalSamples[index]!,
    })),
  };
}

/** One side of the overlay. */
export function unpackOverlaySide(packed: PackedOverlaySide): OverlaySide {
  const series: RelativeTimeline['series'] = {};
  for (const [key, values] of Object.entries(packed.timeline.series) as [MetricKey, PackedArray][])
    series[key] = Float64Array.from(unpackArray(values));
  return {
    ...packed,
    timeline: { ...packed.timeline, times: Float64Array.from(unpackArray(packed.timeline.times)), series },
  };
}

/** The timeline as the engine's view of the whole session, in epoch milliseconds again. */
export function unpackTimeline(packed: PackedTimeline, sessionId: number): TimelineView {
  const times = Float64Array.from(unpackArray(packed.times), (time) => time + packed.origin);
  const series: TimelineView['series'] = {};
  for (const [key, values] of Object.entries(packed.series) as [MetricKey, PackedArray][]) {
    series[key] = Float64Array.from(unpackArray(values));
  }
  return {
    sessionId,
    from: packed.origin,
    to: packed.origin + packed.durationMs,
    sessionFrom: packed.origin,
    sessionTo: packed.origin + packed.durationMs,
    times,
    series,
    rawCount: packed.rawCount,
    decimated: packed.decimated,
    markers: packed.markers,
  };
}

/** What the viewer shows, unpacked. */
export interface ReportModel {
  session: ReportData['session'];
  statistics: ReportData['statistics'];
  timeline: TimelineView | null;
  profiles: {
    kind: ProfileSelection['kind'];
    title: string;
    summary: ReportData['profiles'][number]['summary'];
    flame: FlameGraphView;
    hotspots: HotspotTable;
  }[];
  comparison: { report: ComparisonReport; diff: DiffFlameGraphView | null; overlay: TimelineOverlay | null } | null;
}

const profileOrder = { cpu: 0, allocation: 1 };
const profileTitles = { cpu: 'CPU profile', allocation: 'Allocation profile (sampled, including collected objects)' };

/** Unpacks the whole document. */
export function unpackReport(data: ReportData): ReportModel {
  const session = data.session;
  return {
    session,
    statistics: data.statistics,
    timeline: data.timeline ? unpackTimeline(data.timeline, session.id) : null,
    // CPU first, as the app shows it.
    profiles: [...data.profiles]
      .sort((left, right) => profileOrder[left.kind] - profileOrder[right.kind])
      .map((profile) => ({
        kind: profile.kind,
        title: profileTitles[profile.kind],
        summary: profile.summary,
        flame: unpackFlameGraph(profile.flameGraph, profile.kind),
        hotspots: unpackHotspots(profile.hotspots, profile.kind),
      })),
    comparison: data.comparison
      ? {
          report: data.comparison.report,
          diff: data.comparison.diffFlameGraph ? unpackDiffFlameGraph(data.comparison.diffFlameGraph) : null,
          overlay: data.comparison.overlay
            ? {
                baseline: unpackOverlaySide(data.comparison.overlay.baseline),
                candidate: unpackOverlaySide(data.comparison.overlay.candidate),
              }
            : null,
        }
      : null,
  };
}
