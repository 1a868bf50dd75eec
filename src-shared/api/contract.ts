// The one list of API methods and events. The main-process implementation, the Electron preload
// bridge, the browser-mode server and the WebSocket client are all derived from these lists, so a
// method added here is a compile error until every side handles it.

import type { ProcessInfo } from '../model/process';
import type { OutputChunk, SessionSummary } from '../model/session';
import type { ResourceSample } from '../model/resource';
import type { SeriesProgress } from '../model/series';
import type { SessionStatistics } from '../timeline/statistics';
import type { RetentionState } from '../model/retention';
import type { TimelineView } from '../timeline/view';
import type { MachineCapabilities } from '../profile/capabilities';
import type { SourceLinesView } from '../profile/source-lines';
import type { BottomUpView, FlameGraphView, HotspotTable, SandwichView, StackChartView } from '../profile/views';
import type { ApiResult } from './errors';
import type { ComparisonReport, DiffFlameGraphView } from '../compare/report';
import type { TimelineOverlay } from '../compare/timeline-overlay';
import type { Experiment, PresetEntry } from '../diagnosis/experiment';
import type { ThreadTimeline } from '../diagnosis/threads';
import type { DiagnosisReport } from '../diagnosis/diagnosis';
import type { SessionWatch, WatchEvent } from '../model/watch';
import type { TrendReport } from '../model/trends';
import type { TrendTarget } from '../model/trend-target';
import type {
  ApiInput,
  CompareSessionsParams,
  ExportProfileParams,
  GetDiffFlameGraphParams,
  ExportReportParams,
  GetTimelineOverlayParams,
  GetFlameGraphParams,
  GetHotspotsParams,
  GetSandwichParams,
  GetBottomUpParams,
  GetStackChartParams,
  GetSourceLinesParams,
  ImportProfileParams,
  OpenSourceParams,
  GetOutputParams,
  PinRangeParams,
  SetRetentionParams,
  GetStatisticsParams,
  GetTimelineParams,
  RenameSessionParams,
  SessionParams,
  SetBaselineParams,
  SetTagsParams,
  StartRecordingParams,
  StartSeriesParams,
  StopSeriesParams,
  StartExperimentParams,
  CancelExperimentParams,
  ListExperimentsParams,
  ListPresetsParams,
  RemovePresetEntryParams,
  SetWatchParams,
  GetTrendParams,
} from './params';

/** Facts about the running engine that the UI shows and uses. */
export interface AppInfo {
  version: string;
  /** Which shell runs the engine: the desktop app, browser mode, or the command line. */
  mode: 'electron' | 'browser' | 'cli';
  databasePath: string;
  hostname: string;
  platform: string;
  /** The user the engine runs as; processes of other users are shown but partly unreadable. */
  user: string;
  /** The engine's own pid, so the picker can mark it. */
  pid: number;
  defaultCwd: string;
  /** The user's home folder: where a launched command runs until the user has picked a folder. */
  homeDirectory: string;
}

/** Every API method: its params type and its result value type. */
export interface ApiMethods {
  getAppInfo: { params: Record<string, never>; result: AppInfo };
  listProcesses: { params: Record<string, never>; result: ProcessInfo[] };
  startRecording: { params: StartRecordingParams; result: SessionSummary };
  stopRecording: { params: SessionParams; result: SessionSummary };
  /**
   * Records a launched command `warmup + repeat` times, one run after another, under one name (a
   * series); warm-up runs are deleted. Resolves once the first run has started; seriesDidProgress follows.
   */
  startSeries: { params: StartSeriesParams; result: SeriesProgress };
  /** Stops a series: the run in progress is ended and discarded, finished runs are kept. Resolves when it is over. */
  stopSeries: { params: StopSeriesParams; result: SeriesProgress };
  /** The series this engine is recording now. */
  listSeries: { params: Record<string, never>; result: SeriesProgress[] };
  listSessions: { params: Record<string, never>; result: SessionSummary[] };
  getSession: { params: SessionParams; result: SessionSummary };
  getTimeline: { params: GetTimelineParams; result: TimelineView };
  getStatistics: { params: GetStatisticsParams; result: SessionStatistics };
  /**
   * The session's per-thread readings (state, CPU, switches, wait channel) and thread names over from–to
   * (default all); none for a session without /proc or an imported one. Downsampled by time to at most
   * 600 readings, fewer for a target with many threads (src-main/api/thread-methods.ts).
   */
  getThreads: { params: GetStatisticsParams; result: ThreadTimeline };
  getOutput: { params: GetOutputParams; result: OutputChunk[] };
  /** How long the session keeps full detail, its pinned ranges, and how much is downsampled (src-shared/model/retention.ts). */
  getRetention: { params: SessionParams; result: RetentionState };
  /** Sets the full-detail window and bucket size; an ended session is compacted to it at once (folded samples stay buckets). */
  setRetention: { params: SetRetentionParams; result: RetentionState };
  /** Keeps a range of the session at full detail whatever its age. */
  pinRange: { params: PinRangeParams; result: RetentionState };
  renameSession: { params: RenameSessionParams; result: SessionSummary };
  setSessionTags: { params: SetTagsParams; result: SessionSummary };
  setBaseline: { params: SetBaselineParams; result: SessionSummary };
  deleteSession: { params: SessionParams; result: { deleted: true } };
  /** The flame graph of a selection (time range, thread) of a session's profile. */
  getFlameGraph: { params: GetFlameGraphParams; result: FlameGraphView };
  /** The hottest functions of a selection. */
  getHotspots: { params: GetHotspotsParams; result: HotspotTable };
  /** One function's callers and callees. */
  getSandwich: { params: GetSandwichParams; result: SandwichView };
  /** The inverted call tree (Bottom-Up) of a selection, `depth` levels of callers below `path`. */
  getBottomUp: { params: GetBottomUpParams; result: BottomUpView };
  /** The selection's samples in time order as runs of one stack, merged to a `width`-pixel budget. */
  getStackChart: { params: GetStackChartParams; result: StackChartView };
  /** One function's source file around its lines with each line's cost; reads only a file the profile names. */
  getSourceLines: { params: GetSourceLinesParams; result: SourceLinesView };
  /** Reads a profile file (format detected by content) into a new session. */
  importProfile: { params: ImportProfileParams; result: SessionSummary };
  /** Writes a session's profile to a file in another tool's format. */
  exportProfile: { params: ExportProfileParams; result: { path: string; bytes: number } };
  /** What this machine can profile, with the fix for each missing piece (`thermograph doctor`). */
  getCapabilities: { params: Record<string, never>; result: MachineCapabilities };
  /**
   * Opens a source location in the configured editor (THERMOGRAPH_EDITOR); when none is
   * configured, returns the vscode:// link for the UI to open instead.
   */
  openSource: { params: OpenSourceParams; result: { opened: boolean; url: string } };
  /**
   * Compares two sides (each a session id, a series or session name, a tag, or "baseline"): run
   * metrics with intervals and verdicts, the CPU profiles' functions, and `failOn` gate rules.
   */
  compareSessions: { params: CompareSessionsParams; result: ComparisonReport };
  /** The differential flame graph of two sides' CPU profiles (each side's runs merged). */
  getDiffFlameGraph: { params: GetDiffFlameGraphParams; result: DiffFlameGraphView };
  /** Writes a self-contained HTML report of a session (and a comparison) to a file. */
  exportReport: { params: ExportReportParams; result: { path: string; bytes: number; sessionId: number } };
  /** Each side's representative session's timeline (a series: its run of median wall time), from 0 at its start. */
  getTimelineOverlay: { params: GetTimelineOverlayParams; result: TimelineOverlay };
  /** A session's diagnoses (what kind of bottleneck, with evidence and time range) and ranked recommendations. */
  getDiagnosis: { params: SessionParams; result: DiagnosisReport };
  /** What watches a session: its alert rules, anomaly switch, what they found, the live detectors, its target's defaults. */
  getWatch: { params: SessionParams; result: SessionWatch };
  /**
   * Replaces a recording's alert rules (an unchanged rule keeps its episode) and anomaly switch, and/or
   * saves the rules as its target's defaults; an ended session's own rules stay as they watched it.
   */
  setWatch: { params: SetWatchParams; result: SessionWatch };
  /**
   * Applies a recommendation's action to the session's launched command as an experiment (interleaved
   * baseline and changed runs); resolves once it started, experimentDidProgress follows.
   */
  startExperiment: { params: StartExperimentParams; result: Experiment };
  /** Cancels a running experiment (nothing is kept); resolves once it is over. */
  cancelExperiment: { params: CancelExperimentParams; result: Experiment };
  /** Experiments, newest first (of one session when given). */
  listExperiments: { params: ListExperimentsParams; result: Experiment[] };
  /** Launch preset entries (of one session's command when given). */
  listPresets: { params: ListPresetsParams; result: PresetEntry[] };
  /** Removes one preset entry; returns the target's remaining entries. */
  removePresetEntry: { params: RemovePresetEntryParams; result: PresetEntry[] };
  /** Every target with ended sessions (the same target as the baseline's), newest first, with the run metrics it measured. */
  listTrendTargets: { params: Record<string, never>; result: TrendTarget[] };
  /**
   * A target's history of one metric with its change points, trend and 7/30-day forecast (or why
   * there is none). `leftOut`: older sessions not used, past the newest 1,000 (src-main/api/trend-methods.ts).
   */
  getTrend: { params: GetTrendParams; result: TrendReport & { target: TrendTarget; leftOut: number } };
}

/** The name of one API method. */
export type ApiMethod = keyof ApiMethods;
/** The params of one API method. */
export type ApiParams<M extends ApiMethod> = ApiMethods[M]['params'];
/** The success value of one API method. */
export type ApiValue<M extends ApiMethod> = ApiMethods[M]['result'];

/** The API as the renderer calls it: one async function per method, resolving to an ApiResult. */
export type ThermographApi = { [M in ApiMethod]: (params: ApiInput<M>) => Promise<ApiResult<ApiValue<M>>> };

/** The API as in-process callers (CLI, tests) use it: validated, rejecting with ThermographError. */
export type ThermographInProcessApi = { [M in ApiMethod]: (params: ApiInput<M>) => Promise<ApiValue<M>> };

/** The API as the engine implements it: throw ThermographError for expected failures. */
export type ApiImplementation = { [M in ApiMethod]: (params: ApiParams<M>) => Promise<ApiValue<M>> | ApiValue<M> };

/** What the Electron preload exposes as window.thermograph: one function per method, plus events. */
export type ThermographBridge = ThermographApi & {
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
};

/** Events the engine pushes to every connected UI. */
export interface ApiEvents {
  /** A session was created, changed (renamed, tagged, ended) or recovered. */
  sessionDidChange: SessionSummary;
  sessionDidDelete: { sessionId: number };
  /** New samples of a recording in progress, at most one message per sampling tick. */
  samplesAvailable: { sessionId: number; samples: ResourceSample[] };
  /** New output of a launched command. */
  outputAvailable: { sessionId: number; chunks: OutputChunk[] };
  /** A recording hit a problem it survived (for example a full disk: samples are kept in memory). */
  recordingDidWarn: { sessionId: number; message: string };
  /** A series started a run, or is over (finished, stopped or failed). */
  seriesDidProgress: SeriesProgress;
  /** An experiment started, finished a run, or is over (kept, rolled back, cancelled, failed). */
  experimentDidProgress: Experiment;
  /** A recording's alerts fired or cleared, or anomalies it found, as they happen. */
  watchDidFind: { sessionId: number; events: WatchEvent[] };
}

/** The name of one API event. */
export type ApiEvent = keyof ApiEvents;

/** Receives every API event as the engine emits it (the server, the IPC bridge and recordings use one). */
export type ApiEventListener = <E extends ApiEvent>(event: E, payload: ApiEvents[E]) => void;

// `satisfies Record<K, true>` makes a missing or extra name a compile error in both directions.
const methodSet = {
  getAppInfo: true,
  listProcesses: true,
  startRecording: true,
  stopRecording: true,
  startSeries: true,
  stopSeries: true,
  listSeries: true,
  listSessions: true,
  getSession: true,
  getTimeline: true,
  getStatistics: true,
  getThreads: true,
  getOutput: true,
  getRetention: true,
  setRetention: true,
  pinRange: true,
  renameSession: true,
  setSessionTags: true,
  setBaseline: true,
  deleteSession: true,
  getFlameGraph: true,
  getHotspots: true,
  getSandwich: true,
  getBottomUp: true,
  getStackChart: true,
  getSourceLines: true,
  importProfile: true,
  exportProfile: true,
  getCapabilities: true,
  openSource: true,
  compareSessions: true,
  getDiffFlameGraph: true,
  exportReport: true,
  getTimelineOverlay: true,
  getDiagnosis: true,
  getWatch: true,
  setWatch: true,
  startExperiment: true,
  cancelExperiment: true,
  listExperiments: true,
  listPresets: true,
  removePresetEntry: true,
  listTrendTargets: true,
  getTrend: true,
} as const satisfies Record<ApiMethod, true>;

const eventSet = {
  sessionDidChange: true,
  sessionDidDelete: true,
  samplesAvailable: true,
  outputAvailable: true,
  recordingDidWarn: true,
  seriesDidProgress: true,
  experimentDidProgress: true,
  watchDidFind: true,
} as const satisfies Record<ApiEvent, true>;

/** Every API method name; bridges and clients are generated from this list. */
export const apiMethodNames = Object.keys(methodSet) as ApiMethod[];
/** Every API event name. */
export const apiEventNames = Object.keys(eventSet) as ApiEvent[];

/** True when a string names an API method (for untrusted input such as an IPC channel). */
export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(methodSet, name);
}

/** True when a string names an API event. */
export function isApiEvent(name: unknown): name is ApiEvent {
  return typeof name === 'string' && Object.hasOwn(eventSet, name);
}
