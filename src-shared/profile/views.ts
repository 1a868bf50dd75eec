// View-sized aggregates of a profile that cross to the renderer (and the CLI and reports). The raw
// samples stay in the main process; these are computed for one time range and thread at a time.

import type { EpochMilliseconds } from '../units';
import type { FrameKind, ProfileKind, WeightUnit } from './profile';

/** One function as views show it. Names come from profiled programs: data, never markup. */
export interface ViewFrame {
  /** The frame's index in the stored profile: stable across views of one profile (for getSandwich). */
  id: number;
  name: string;
  kind: FrameKind;
  file: string | null;
  /** 1-based; null when unknown. */
  line: number | null;
  column: number | null;
  module: string | null;
}

/** A time range in wall-clock milliseconds, inclusive of start and exclusive of end. */
export interface TimeRange {
  start: EpochMilliseconds;
  end: EpochMilliseconds;
}

/** Which samples a view covers. */
export interface ProfileSelection {
  kind: ProfileKind;
  /** null for the whole profile. */
  range: TimeRange | null;
  /** Thread index into ProfileSummary.threads; null for all threads merged. */
  thread: number | null;
}

/**
 * A call tree laid out for drawing, in depth-first pre-order (heaviest child first). Node 0 is the
 * virtual root ("all"), frame -1. A node's subtree is the index range [i, end[i]), so a renderer
 * skips everything under a node too narrow to draw with one jump.
 */
export interface CallTreeNodes {
  readonly length: number;
  /** Index into FlameGraphView.frames; -1 for the root. */
  readonly frame: Int32Array;
  readonly parent: Int32Array;
  readonly depth: Int32Array;
  /** Index one past the last node of this node's subtree. */
  readonly end: Int32Array;
  /** Offset of the node's left edge from the root's, in weight units. */
  readonly start: Float64Array;
  readonly total: Float64Array;
  readonly self: Float64Array;
}

/** A flame graph of one selection. */
export interface FlameGraphView {
  selection: ProfileSelection;
  weightUnit: WeightUnit;
  /** Sum of the weights in the selection (the root's total). */
  totalWeight: number;
  sampleCount: number;
  maximumDepth: number;
  frames: ViewFrame[];
  nodes: CallTreeNodes;
}

/** One function's row in the hotspot table. */
export interface HotspotRow {
  /** Index into HotspotTable.frames. */
  frame: number;
  /** Weight of samples where this function is on top. */
  self: number;
  /** Weight of samples where it is anywhere on the stack, counted once per sample (recursion-safe). */
  total: number;
  selfSamples: number;
  totalSamples: number;
}

/** Functions of one selection, heaviest self weight first. */
export interface HotspotTable {
  selection: ProfileSelection;
  weightUnit: WeightUnit;
  totalWeight: number;
  sampleCount: number;
  frames: ViewFrame[];
  rows: HotspotRow[];
}

/** One function's callers (inverted tree, the function at the root) and callees (merged subtrees). */
export interface SandwichView {
  selection: ProfileSelection;
  frame: ViewFrame;
  callers: FlameGraphView;
  callees: FlameGraphView;
}

/** How a profiler fared in a session: shown beside the timeline, with the fix when it failed. */
export interface ProfilerStatus {
  /** The profiler chosen: 'node', 'perf', 'austin', 'python-perf', or 'none'. */
  profiler: string;
  state: 'pending' | 'running' | 'done' | 'unavailable' | 'failed';
  /** What happened, in a sentence; null while all is well. */
  message: string | null;
  /** What the user can do about it. */
  fix: string | null;
}

/** A stored profile as headers and pickers show it. */
export interface ProfileSummary {
  kind: ProfileKind;
  weightUnit: WeightUnit;
  tool: string;
  startTime: EpochMilliseconds;
  durationMs: number;
  sampleCount: number;
  totalWeight: number;
  /** Samples per second actually achieved (requested rates are not achieved rates); null for counts. */
  achievedRateHz: number | null;
  requestedIntervalMs: number | null;
  threads: { name: string; tid: number | null; sampleCount: number }[];
}
