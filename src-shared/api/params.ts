// Runtime validation of every API argument. The main process parses each call's params with these
// schemas before any side effect; the types are inferred from them so they cannot drift apart.

import { z } from 'zod';
import type { ApiMethod, ApiParams } from './contract';
import { exportFormats, profilerChoices, samplingLimits } from '../profile/formats';
import { maximumTransforms } from '../profile/transforms';
import { pinReasons, retentionLimits } from '../model/retention';
import { experimentLimits, intervalLimits, seriesLimits, windowLimits } from './limits';
import { runMetricNames } from '../compare/run-metrics';

const sessionId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const pid = z.number().int().positive().max(4_194_304);
// No text argument may hold a NUL character: the OS cannot pass one in argv, the environment or a path.
const text = (maximum: number) =>
  z
    .string()
    .max(maximum)
    .regex(/^[^\0]*$/, 'must not contain a NUL character');
const noParams = z.object({}).strict();

const commandTarget = z
  .object({
    kind: z.literal('command'),
    argv: z.array(text(32_768)).min(1).max(4_096),
    cwd: text(4_096).min(1).optional(),
    env: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'environment names are letters, digits and _'), text(32_768))
      .optional(),
  })
  .strict()
  .refine((target) => typeof target.argv[0] === 'string' && target.argv[0].trim().length > 0, {
    message: 'the command is empty',
    path: ['argv', 0],
  });

const pidTarget = z.object({ kind: z.literal('pid'), pid }).strict();

// A session's tags (compare takes a tag as a side, so a CI job can group runs by one).
const tagList = z
  .array(
    text(50)
      .trim()
      .min(1, 'a tag cannot be empty')
      .regex(/^[^,\n\r\t]+$/, 'tags cannot contain commas or line breaks'),
  )
  .max(50);

// Alert rules are text in the CLI's syntax; the engine parses them (analysis/watch/alert-rule-parser.ts).
const alertRuleTexts = z.array(text(200).trim().min(1, 'an alert rule cannot be empty')).max(20);
const alertCooldownMs = z
  .number()
  .int()
  .min(0)
  .max(24 * 3600 * 1000);

const startRecording = z
  .object({
    target: z.discriminatedUnion('kind', [pidTarget, commandTarget]),
    intervalMs: z
      .number()
      .int()
      .min(intervalLimits.minimumMs)
      .max(intervalLimits.maximumMs)
      .default(intervalLimits.defaultMs),
    includeChildren: z.boolean().default(false),
    durationSeconds: z
      .number()
      .positive()
      .max(7 * 24 * 3600)
      .nullable()
      .default(null),
    name: text(200).trim().min(1).optional(),
    /** Tags the session gets at once (every run of a series gets them). */
    tags: tagList.default([]),
    profiler: z.enum(profilerChoices).default('auto'),
    /** Requested samples per second; null picks the profiler's default (Node 1000, perf 999). */
    samplingHz: z.number().int().min(samplingLimits.minimumHz).max(samplingLimits.maximumHz).nullable().default(null),
    /** Also record an allocation profile where the runtime has one (Node.js). */
    allocations: z.boolean().default(true),
    /**
     * Node.js, running process without an open inspector: the user allows sending SIGUSR1, whose
     * effect Thermograph cannot check (a program's own listener replaces Node's inspector handler).
     */
    nodeAttachSignal: z.boolean().default(false),
    /**
     * Alert rules in the CLI's syntax ("cpu>90%:10s"), parsed by the engine; absent takes the
     * target's saved defaults, an empty list none.
     */
    alertRules: alertRuleTexts.optional(),
    /** The least time between two alerts of one rule. */
    alertCooldownMs: alertCooldownMs.default(60_000),
    /** Look for anomalies: departures from what each metric learned is usual. */
    anomalyDetection: z.boolean().default(true),
  })
  .strict();

const sessionParams = z.object({ sessionId }).strict();

// A session's alert rules and anomaly switch, while it records; and/or its target's saved defaults.
const setWatch = z
  .object({
    sessionId,
    rules: alertRuleTexts,
    cooldownMs: alertCooldownMs.default(60_000),
    anomalyDetection: z.boolean().optional(),
    /** Also save the rules as the defaults of the session's target's next recordings. */
    saveAsTargetDefault: z.boolean().default(false),
  })
  .strict();

// A series runs what it launched again and again; a running process can only be recorded once.
const startSeries = startRecording
  .extend({
    repeat: z.number().int().min(1).max(seriesLimits.maximumRuns),
    warmup: z.number().int().min(0).max(seriesLimits.maximumWarmUps).default(0),
  })
  .refine((params) => params.target.kind === 'command', {
    message:
      'a series records a launched command several times, one run after another; a running process (PID) can be recorded once, with startRecording',
    path: ['target'],
  });
const stopSeries = z.object({ seriesId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict();

const getTimeline = z
  .object({
    sessionId,
    from: z.number().finite().optional(),
    to: z.number().finite().optional(),
    maxPoints: z.number().int().min(10).max(20_000).default(2_000),
  })
  .strict()
  .refine((range) => range.from === undefined || range.to === undefined || range.from <= range.to, {
    message: '"from" must not be after "to"',
  });

const getStatistics = z
  .object({ sessionId, from: z.number().finite().optional(), to: z.number().finite().optional() })
  .strict()
  .refine((range) => range.from === undefined || range.to === undefined || range.from <= range.to, {
    message: '"from" must not be after "to"',
  });

const getOutput = z
  .object({
    sessionId,
    afterSequence: z.number().int().min(-1).default(-1),
    limit: z.number().int().min(1).max(10_000).default(1_000),
  })
  .strict();

const setRetention = z
  .object({
    sessionId,
    fullDetailMs: z.number().int().min(retentionLimits.minimumFullDetailMs).max(retentionLimits.maximumFullDetailMs),
    bucketMs: z.number().int().min(retentionLimits.minimumBucketMs).max(retentionLimits.maximumBucketMs),
  })
  .strict();

const pinRange = z
  .object({
    sessionId,
    from: z.number().finite(),
    to: z.number().finite(),
    reason: z.enum(pinReasons).default('user'),
    label: text(200).trim().default(''),
  })
  .strict()
  .refine((range) => range.from <= range.to, { message: '"from" must not be after "to"' });

const renameSession = z.object({ sessionId, name: text(200).trim().min(1, 'a name cannot be empty') }).strict();

const setTags = z
  .object({
    sessionId,
    tags: tagList,
  })
  .strict();

const setBaseline = z
  .object({
    sessionId,
    baseline: z.boolean(),
    /** Marks it beside the target's current baseline instead of replacing it: a series' runs are one baseline. */
    alongside: z.boolean().optional(),
  })
  .strict();

const profileKind = z.enum(['cpu', 'allocation']);
const timeRange = z
  .object({ start: z.number().finite(), end: z.number().finite() })
  .strict()
  .refine((range) => range.start <= range.end, { message: '"start" must not be after "end"' });
const selection = z
  .object({
    kind: profileKind.default('cpu'),
    range: timeRange.nullable().default(null),
    thread: z.number().int().min(0).max(65_535).nullable().default(null),
  })
  .strict();
const frameId = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);
/** A transform list (src-shared/profile/transforms.ts), applied in order before the view; absent: none. */
const transforms = z
  .array(
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('merge-function'), frame: frameId }).strict(),
      z.object({ type: z.literal('focus-function'), frame: frameId }).strict(),
      z.object({ type: z.literal('focus-subtree'), path: z.array(frameId).min(1).max(100_000) }).strict(),
      z.object({ type: z.literal('collapse-module'), module: text(4_096).min(1) }).strict(),
      z.object({ type: z.literal('collapse-recursion'), frame: frameId }).strict(),
      z.object({ type: z.literal('drop-internal') }).strict(),
    ]),
  )
  .max(maximumTransforms)
  .optional();
const profileView = z.object({
  sessionId,
  selection: selection.default({ kind: 'cpu', range: null, thread: null }),
  transforms,
});
const getFlameGraph = profileView.strict();
const getBottomUp = profileView
  .extend({
    /** The inverted path to build under: frame ids, leaf function first; [] for the functions. */
    path: z.array(frameId).max(100_000).default([]),
    /** Levels of callers built below the path. */
    depth: z.number().int().min(1).max(100_000).default(1),
  })
  .strict();
const getStackChart = profileView
  .extend({ width: z.number().int().min(1).max(100_000).describe('the chart width in pixels') })
  .strict();
/** The source view of one function: a frame id of the profile, never a path. */
const getSourceLines = profileView.extend({ frameId }).strict();
const getHotspots = profileView.extend({ limit: z.number().int().min(1).max(100_000).default(1_000) }).strict();
const getSandwich = profileView
  .extend({
    frameId: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  })
  .strict();
const path = text(4_096).min(1, 'a path cannot be empty');
const importProfile = z
  .object({
    path,
    name: text(200).trim().min(1).optional(),
    /** An upload's own file name, recorded as the session's file instead of the temporary path the engine read. */
    originalName: text(260).trim().min(1).optional(),
  })
  .strict();
const exportProfile = z
  .object({
    sessionId,
    kind: profileKind.default('cpu'),
    format: z.enum(exportFormats),
    /** Only the samples in this wall-clock range (the brushed range); null or absent: the whole profile. */
    range: timeRange.nullable().optional(),
    /** Transforms applied before writing (src-shared/profile/transforms.ts); absent: none. */
    transforms,
    path,
    /** Replace a file already at `path`; without it such a call fails with file-exists. */
    overwrite: z.boolean().default(false),
  })
  .strict();
const openSource = z
  .object({
    file: path,
    line: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(0),
    column: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(0),
  })
  .strict();

/** Params of startRecording, after defaults are applied. */
export type StartRecordingParams = z.output<typeof startRecording>;
/** Params of startRecording as a caller may send them (defaults optional). */
export type StartRecordingInput = z.input<typeof startRecording>;
/** Params of startSeries, after defaults are applied. */
export type StartSeriesParams = z.output<typeof startSeries>;
/** Params of stopSeries. */
export type StopSeriesParams = z.output<typeof stopSeries>;
/** Params of setWatch. */
export type SetWatchParams = z.output<typeof setWatch>;
/** Params naming one session. */
export type SessionParams = z.output<typeof sessionParams>;
/** Params of setRetention. */
export type SetRetentionParams = z.output<typeof setRetention>;
/** Params of pinRange. */
export type PinRangeParams = z.output<typeof pinRange>;
/** Params of getTimeline. */
export type GetTimelineParams = z.output<typeof getTimeline>;
/** Params of getStatistics. */
export type GetStatisticsParams = z.output<typeof getStatistics>;
/** Params of getOutput. */
export type GetOutputParams = z.output<typeof getOutput>;
/** Params of renameSession. */
export type RenameSessionParams = z.output<typeof renameSession>;
/** Params of setSessionTags. */
export type SetTagsParams = z.output<typeof setTags>;
/** Params of setBaseline. */
export type SetBaselineParams = z.output<typeof setBaseline>;

/** Params of getFlameGraph. */
export type GetFlameGraphParams = z.output<typeof getFlameGraph>;
/** Params of getHotspots. */
export type GetHotspotsParams = z.output<typeof getHotspots>;
/** Params of getSandwich. */
export type GetSandwichParams = z.output<typeof getSandwich>;
/** Params of getSourceLines. */
export type GetSourceLinesParams = z.output<typeof getSourceLines>;
/** Params of getBottomUp. */
export type GetBottomUpParams = z.output<typeof getBottomUp>;
/** Params of getStackChart. */
export type GetStackChartParams = z.output<typeof getStackChart>;
/** Params of importProfile. */
export type ImportProfileParams = z.output<typeof importProfile>;
/** Params of exportProfile. */
export type ExportProfileParams = z.output<typeof exportProfile>;
/** Params of openSource. */
export type OpenSourceParams = z.output<typeof openSource>;

// A side: a session id, a series or session name, a tag, or the word "baseline".
const side = text(200).min(1);
const compareSessions = z
  .object({
    baseline: side,
    candidate: side,
    alpha: z.number().gt(0).max(0.5).default(0.05),
    failOn: z.array(text(200)).max(50).default([]),
    /** Metrics the runs print themselves, NAME=REGEX (the first group of the last match is the value). */
    metrics: z.array(text(1_000)).max(20).default([]),
  })
  .strict();
/** Params of compareSessions. */
export type CompareSessionsParams = z.output<typeof compareSessions>;
const getDiffFlameGraph = z.object({ baseline: side, candidate: side }).strict();
/** Params of getDiffFlameGraph. */
export type GetDiffFlameGraphParams = z.output<typeof getDiffFlameGraph>;
const trendMetric = text(100).refine(
  (metric) => (runMetricNames as readonly string[]).includes(metric) || /^output:[A-Za-z][\w.-]{0,63}$/.test(metric),
  `must be a run metric (${runMetricNames.join(', ')}) or output:NAME`,
);
const exportReport = z
  .object({
    /** A session id, or a series, name or tag (its newest session is reported, the whole side compared). */
    session: side,
    /** The side to compare with (the comparison's baseline); null for no comparison. */
    compareWith: side.nullable().default(null),
    path,
    /** Replace a file already at `path`; without it such a call fails with file-exists. */
    overwrite: z.boolean().default(false),
    /** Also hold the trend of this metric across the session's target (as getTrend gives it); null for none. */
    trendMetric: trendMetric.nullable().default(null),
  })
  .strict();
/** Params of exportReport. */
export type ExportReportParams = z.output<typeof exportReport>;
const getTimelineOverlay = z
  .object({ baseline: side, candidate: side, maxPoints: z.number().int().min(10).max(20_000).default(2_000) })
  .strict();
/** Params of getTimelineOverlay. */
export type GetTimelineOverlayParams = z.output<typeof getTimelineOverlay>;

// Experiments (src-main/recommend/actions/). Runs a side: 4 is the fewest for which the rank-sum test
// can reach p < 0.05; 40 bounds how long one can run.
const experimentRuns = z.number().int().min(experimentLimits.minimumRuns).max(experimentLimits.maximumRuns);
const startExperiment = z
  .object({
    session: sessionId,
    recommendation: text(200).min(1),
    runs: experimentRuns.default(experimentLimits.defaultRuns),
    maximumRuns: experimentRuns.default(experimentLimits.defaultMaximumRuns),
    /** A metric the command prints, NAME=REGEX (as compare's metrics), instead of its wall time. */
    outcome: text(1_000).min(1).optional(),
    /** Each window's length on a running process (a launched command is measured in runs instead). */
    windowMs: z.number().int().min(windowLimits.minimumMs).max(windowLimits.maximumMs).optional(),
  })
  .strict()
  .refine((params) => params.maximumRuns >= params.runs, {
    message: 'maximumRuns must be at least runs',
    path: ['maximumRuns'],
  });
/** Params of startExperiment. */
export type StartExperimentParams = z.output<typeof startExperiment>;
const experimentId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const cancelExperiment = z.object({ experiment: experimentId }).strict();
/** Params of cancelExperiment. */
export type CancelExperimentParams = z.output<typeof cancelExperiment>;
const listExperiments = z.object({ session: sessionId.optional() }).strict();
/** Params of listExperiments. */
export type ListExperimentsParams = z.output<typeof listExperiments>;
const listPresets = z.object({ session: sessionId.optional() }).strict();
/** Params of listPresets. */
export type ListPresetsParams = z.output<typeof listPresets>;
const action = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('environment'),
      name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'environment names are letters, digits and _'),
      value: text(32_768),
    })
    .strict(),
  z
    .object({ kind: z.literal('node-option'), option: text(1_000).regex(/^--\S+$/, 'a Node.js option starts with --') })
    .strict(),
  z.object({ kind: z.literal('priority'), nice: z.number().int().min(-20).max(19) }).strict(),
  z
    .object({
      kind: z.literal('io-priority'),
      ioClass: z.enum(['realtime', 'best-effort', 'idle']),
      level: z.number().int().min(0).max(7),
    })
    .strict(),
  z
    .object({
      kind: z.literal('cpu-affinity'),
      cpus: z
        .array(z.number().int().min(0).max(8191))
        .min(1, 'name at least one CPU')
        .max(8192)
        .refine((cpus) => new Set(cpus).size === cpus.length, 'each CPU once'),
    })
    .strict(),
]);
const removePresetEntry = z.object({ targetKey: text(65_536).min(1), action }).strict();
/** Params of removePresetEntry. */
export type RemovePresetEntryParams = z.output<typeof removePresetEntry>;

// Trends (src-main/api/trend-methods.ts): a target named as `thermograph trends` takes it, and a run
// metric or output:NAME (a number each session printed, read with `pattern`).
const getTrend = z
  .object({
    /** A target key, a session id as text, a session name, or a command line. */
    target: text(65_536).min(1),
    metric: trendMetric.default('wall'),
    /** For output:NAME: the regular expression whose first group is the number (its last match counts). */
    pattern: text(1_000).min(1).optional(),
  })
  .strict();
/** Params of getTrend. */
export type GetTrendParams = z.output<typeof getTrend>;

/** One schema per API method; a missing method is a compile error. */
export const apiSchemas = {
  getAppInfo: noParams,
  listProcesses: noParams,
  startRecording,
  stopRecording: sessionParams,
  startSeries,
  stopSeries,
  listSeries: noParams,
  listSessions: noParams,
  getSession: sessionParams,
  getTimeline,
  getStatistics,
  getThreads: getStatistics,
  getOutput,
  getRetention: sessionParams,
  setRetention,
  pinRange,
  renameSession,
  setSessionTags: setTags,
  setBaseline,
  deleteSession: sessionParams,
  getFlameGraph,
  getHotspots,
  getSandwich,
  getBottomUp,
  getStackChart,
  getSourceLines,
  importProfile,
  exportProfile,
  getCapabilities: noParams,
  openSource,
  compareSessions,
  getDiffFlameGraph,
  exportReport,
  getTimelineOverlay,
  getDiagnosis: sessionParams,
  getWatch: sessionParams,
  setWatch,
  startExperiment,
  cancelExperiment,
  listExperiments,
  listPresets,
  removePresetEntry,
  listTrendTargets: noParams,
  getTrend,
} satisfies { [M in ApiMethod]: z.ZodType<ApiParams<M>, unknown> };

/** What a caller may send to a method: its params with every defaulted field optional. */
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiSchemas)[M]>;

/** Describes a zod failure as one sentence naming the offending field. */
export function describeValidationError(method: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `Invalid arguments for ${method}.`;
  const where = issue.path.length > 0 ? issue.path.join('.') : 'arguments';
  return `Invalid ${where} for ${method}: ${issue.message}.`;
}
