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
  /**
   * How many rows hold the samples when a long recording folded its old ones (sample-folding.ts);
   * absent when every row is one sample.
   */
  sampleRows?: number;
  /**
   * The function with the most self weight (the sessions list's "Top function"); null for a profile
   * without samples. Absent from summaries stored before it existed, until the profile is first
   * decoded (the session opened: src-main/api/implementation.ts fills it in); the list shows a dash.
   */
  topFunction?: TopFunction | null;
}

/** The heaviest function of a profile by self weight. */
export interface TopFunction {
  name: string;
  file: string | null;
  selfWeight: number;
  /** selfWeight as a share of the profile's total weight (0–1). */
  selfShare: number;
}

/**
 * The inverted call tree of a selection (DevTools' Bottom-Up): nodes at depth 1 are the functions
 * samples ended in, their children the callers, and so on outwards. A node's total is the weight of
 * samples whose stack ends (leaf first) with the node's path, so a depth-1 total is the function's
 * self weight; its self is the weight of samples whose stack is exactly that path (it ran from the
 * outermost caller). Laid out like a flame graph (pre-order, heaviest first, subtree ends). Built
 * to `depth` levels below `path`; nodes with `more` set have callers beyond, fetched by asking again
 * with the node's path.
 */
export interface BottomUpView {
  selection: ProfileSelection;
  weightUnit: WeightUnit;
  totalWeight: number;
  sampleCount: number;
  /** The inverted path the tree was built under: frame ids (ViewFrame.id), leaf function first. */
  path: number[];
  maximumDepth: number;
  frames: ViewFrame[];
  nodes: CallTreeNodes;
  /** Samples under each node (its total, counted in samples). */
  totalSamples: Float64Array;
  /** 1 where the node has callers deeper than the levels returned. */
  more: Uint8Array;
}

/**
 * The samples of a selection in time order (a stack chart, aligned to the timeline), as runs of
 * one stack. Runs shorter than one pixel (the range over `width`) are merged into their common
 * caller, so the answer is a few runs per pixel whatever the sample count; where merged samples
 * share no frame at all, there is no run. Ask for one thread: with `thread` null the threads'
 * samples interleave on one time line, each lasting until the next of any thread.
 */
export interface StackChartView {
  selection: ProfileSelection;
  weightUnit: WeightUnit;
  /** The wall-clock range the runs cover (the selection's, or the whole profile's). */
  range: TimeRange;
  /** Milliseconds of one pixel: runs shorter than this were merged. */
  pixelMs: number;
  sampleCount: number;
  frames: ViewFrame[];
  /** The stacks the runs use and their callers, parents before children; depth 1 is a root frame. */
  nodes: {
    readonly length: number;
    readonly frame: Int32Array;
    readonly parent: Int32Array;
    readonly depth: Int32Array;
  };
  maximumDepth: number;
  /**
   * Runs in time order; start and end in wall-clock milliseconds, node an index into nodes, samples
   * how many selected samples the run stands for (all of sampleCount, less those of sub-pixel
   * stretches whose stacks share no frame, which no run shows).
   */
  runs: {
    readonly length: number;
    readonly start: Float64Array;
    readonly end: Float64Array;
    readonly node: Int32Array;
    readonly samples: Int32Array;
  };
}
