// What an exported HTML report embeds: one JSON document inside a non-executable script element,
// read by the report's own viewer. Views are packed to stay small: numeric columns are typed arrays
// in base64 (little-endian), a flame graph is its pre-order nodes' frame, depth and self weight (the
// viewer rebuilds totals and positions), and frames are columns with shared file and module tables.

import type { ComparisonReport } from '../compare/report';
import type { DiagnosisReport } from '../diagnosis/diagnosis';
import type { Experiment } from '../diagnosis/experiment';
import type { OverlaySide, RelativeTimeline } from '../compare/timeline-overlay';
import type { MetricKey } from '../model/resource';
import type { SessionMarker, SessionSummary } from '../model/session';
import type { FrameKind, ProfileKind, WeightUnit } from '../profile/profile';
import type { ProfileSummary } from '../profile/views';
import type { SessionStatistics } from '../timeline/statistics';
import type { EpochMilliseconds } from '../units';
import type { SessionWatch } from '../model/watch';
import type { TrendReport } from '../model/trends';
import type { TrendTarget } from '../model/trend-target';

/** Names the document, so a viewer can refuse anything else. */
export const reportFormat = 'thermograph-report';
/** Bumped whenever a field changes meaning or is removed; a viewer refuses versions it does not know. */
export const reportFormatVersion = 1;
/** The id of the script element holding the document. */
export const reportDataElementId = 'thermograph-report-data';

/** The typed array each packed element type is read and written as. */
export const packedArrayTypes = {
  f64: Float64Array,
  f32: Float32Array,
  i32: Int32Array,
  u16: Uint16Array,
} as const;

/** The element types a packed array may hold. */
export type PackedType = keyof typeof packedArrayTypes;

/** A typed array as base64 of its little-endian bytes. */
export interface PackedArray {
  type: PackedType;
  length: number;
  base64: string;
  /** Each element divided by this is the value (weights in whole microseconds: i32 with divisor 1000). */
  divisor?: number;
}

/** A session's timeline, decimated to at most a few thousand points (min/max per bucket). */
export interface PackedTimeline {
  /** The session's start: times below are milliseconds since it. */
  origin: EpochMilliseconds;
  /** The session's whole span, in milliseconds since the origin. */
  durationMs: number;
  times: PackedArray;
  series: Partial<Record<MetricKey, PackedArray>>;
  /** How many samples were recorded; more than `times.length` when decimated. */
  rawCount: number;
  decimated: boolean;
  markers: SessionMarker[];
}

/** The functions a packed flame graph or hotspot table refers to, as columns. */
export interface PackedFrames {
  /** The stored frame id (stable within the profile). */
  ids: number[];
  names: string[];
  kinds: FrameKind[];
  /** Index into `files`, -1 for none. */
  file: number[];
  files: string[];
  /** Index into `modules`, -1 for none. */
  module: number[];
  modules: string[];
  /** 1-based; 0 for unknown. */
  lines: number[];
  columns: number[];
}

/** A flame graph's call tree in pre-order (heaviest child first), node 0 the root. */
export interface PackedFlameGraph {
  weightUnit: WeightUnit;
  totalWeight: number;
  sampleCount: number;
  frames: PackedFrames;
  /** Per node: index into frames, -1 for the root. */
  frame: PackedArray;
  depth: PackedArray;
  self: PackedArray;
}

/** A hotspot table: its rows as columns, heaviest self weight first. */
export interface PackedHotspots {
  weightUnit: WeightUnit;
  totalWeight: number;
  sampleCount: number;
  frames: PackedFrames;
  frame: PackedArray;
  self: PackedArray;
  total: PackedArray;
  selfSamples: PackedArray;
  totalSamples: PackedArray;
}

/** One of the session's profiles. */
export interface ReportProfile {
  kind: ProfileKind;
  summary: ProfileSummary;
  flameGraph: PackedFlameGraph;
  hotspots: PackedHotspots;
}

/** The differential flame graph: the tree of mean shares plus each side's totals per node. */
export interface PackedDiffFlameGraph extends PackedFlameGraph {
  baselineTotal: PackedArray;
  candidateTotal: PackedArray;
  baselineWeight: number;
  candidateWeight: number;
  baselineRuns: number;
  candidateRuns: number;
}

/** One side's timeline of the overlay, times since its session's start. */
export interface PackedOverlaySide extends Omit<OverlaySide, 'timeline'> {
  timeline: Omit<RelativeTimeline, 'times' | 'series'> & {
    times: PackedArray;
    series: Partial<Record<MetricKey, PackedArray>>;
  };
}

/** The comparison the report was exported with. */
export interface ReportComparison {
  report: ComparisonReport;
  /** null when a side has no CPU profile. */
  diffFlameGraph: PackedDiffFlameGraph | null;
  /** Both sides' timelines from 0; null when neither side has samples to draw. */
  overlay: { baseline: PackedOverlaySide; candidate: PackedOverlaySide } | null;
}

/** The whole document. */
export interface ReportData {
  format: typeof reportFormat;
  version: typeof reportFormatVersion;
  generatedAt: EpochMilliseconds;
  /** "Thermograph 0.1.0". */
  generator: string;
  /** The session, with a launched command's environment values left out (names kept). */
  session: SessionSummary;
  statistics: SessionStatistics;
  timeline: PackedTimeline | null;
  profiles: ReportProfile[];
  comparison: ReportComparison | null;
  /** The session's diagnoses and recommendations; null when it has none (imported, too short to judge). */
  diagnosis: DiagnosisReport | null;
  /** The experiments run on the session's recommendations, newest first. */
  experiments: Experiment[];
  /**
   * What watched the recording: its alert rules, the alerts and anomalies found, the memory forecast;
   * null for an imported profile (absent in reports written before watching existed).
   */
  watch?: SessionWatch | null;
  /** The trend of one metric across the session's target, when the report was asked for it; null (or absent) otherwise. */
  trend?: ReportTrend | null;
}

/** A target's trend as getTrend gives it. */
export type ReportTrend = TrendReport & { target: TrendTarget; leftOut: number };
