// Compares two sides, each one session or a series of runs: every run metric (wall time, CPU,
// memory, I/O…), the functions of the CPU profiles, and the CI gate's rules. With several runs a
// side, each run is one observation (the strong answer); with one session a side, resource metrics
// are judged from batches of samples and functions from profile sample counts, and the report says
// that this is weaker evidence.

import type {
  ComparisonReport,
  FunctionComparison,
  GateRule,
  MetricComparison,
  RunsComparison,
} from '../../../src-shared/compare/report';
import type { Profile } from '../../../src-shared/profile/profile';
import type { TimelineColumns } from '../timeline';
import { batchMeans } from './batch-means';
import { compareRuns } from './compare-runs';
import { FrameMatcher } from './frame-key';
import { evaluateGate } from './gate';
import { hotspotDeltas, sideTotals } from './hotspot-deltas';
import { benjaminiHochbergAdjusted } from './multiple-tests';
import { runMetricDescriptors, runMetricNames, type RunMetrics } from './run-metrics';

/** One side's data: its sessions in order, each with its run metrics and samples, and the CPU profiles it has. */
export interface SideData {
  label: string;
  sessions: { id: number; name: string }[];
  runs: RunMetrics[];
  samples: TimelineColumns[];
  profiles: Profile[];
  /** Per session, the metrics its output printed (`--metric`), by name; null where it printed none. */
  printed?: Record<string, number | null>[];
}

/** Options of compareSides. */
export interface CompareSidesOptions {
  alpha?: number;
  rules?: readonly GateRule[];
}

/** How many functions the report lists. */
const listedFunctions = 30;
/**
 * Functions below this mean self share (both sides pooled) are listed but not tested: a runtime
 * has hundreds of functions at a fraction of a percent, and testing them all would dilute the
 * false-discovery adjustment until no real change could pass it. Filtering on overall size, which
 * says nothing about the difference, keeps the adjustment valid ("independent filtering").
 */
const minimumTestedShare = 0.005;
/** Functions below this self share on both sides (medians over runs) are not listed: 0.0 % against 0.0 % says nothing. */
const minimumListedShare = 0.001;

/** True when a function takes enough of either side to be worth a row. */
function worthListing(entry: FunctionComparison): boolean {
  return Math.max(entry.baselineShare, entry.candidateShare) >= minimumListedShare;
}

/** Per-sample series judged by batch means when each side is a single session. */
const sampledMetrics: { metric: 'cpu.mean' | 'rss.mean'; values: (data: TimelineColumns) => number[] }[] = [
  {
    metric: 'cpu.mean',
    values: ({ times, columns }) =>
      Array.from(times, (_, index) => (columns.cpuUser?.[index] ?? Number.NaN) + (columns.cpuSystem?.[index] ?? 0)),
  },
  { metric: 'rss.mean', values: ({ columns }) => Array.from(columns.rss ?? []) },
];

function metricComparisons(baseline: SideData, candidate: SideData, alpha: number, single: boolean) {
  const results: MetricComparison[] = [];
  for (const metric of runMetricNames) {
    const before = baseline.runs.flatMap((run) => (run[metric] === null ? [] : [run[metric]!]));
    const after = candidate.runs.flatMap((run) => (run[metric] === null ? [] : [run[metric]!]));
    if (before.length === 0 || after.length === 0) continue;
    const sampled = single ? sampledMetrics.find((entry) => entry.metric === metric) : undefined;
    let comparison: RunsComparison;
    if (sampled) {
      const beforeBatches = batchMeans(sampled.values(baseline.samples[0]!).filter((value) => !Number.isNaN(value)));
      const afterBatches = batchMeans(sampled.values(candidate.samples[0]!).filter((value) => !Number.isNaN(value)));
      const batched = compareRuns(beforeBatches, afterBatches, { alpha });
      comparison = { ...batched, reason: `${batched.reason} Judged from batches of one session's samples.` };
    } else {
      comparison = compareRuns(before, after, { alpha });
    }
    const descriptor = runMetricDescriptors[metric];
    results.push({ metric, label: descriptor.label, unit: descriptor.unit, comparison });
  }
  // What the runs printed about themselves, run by run (a single session's one value gives "too few").
  const printedNames = new Set([...(baseline.printed ?? []), ...(candidate.printed ?? [])].flatMap(Object.keys));
  for (const metric of printedNames) {
    const valuesOf = (side: SideData) =>
      (side.printed ?? []).flatMap((values) => (typeof values[metric] === 'number' ? [values[metric]] : []));
    const before = valuesOf(baseline);
    const after = valuesOf(candidate);
    if (before.length === 0 || after.length === 0) continue;
    results.push({
      metric,
      label: `${metric} (printed)`,
      unit: 'number',
      comparison: compareRuns(before, after, { alpha }),
    });
  }
  return results;
}

/** Median of a list (0 when empty). */
function middle(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((left, right) => left - right);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

/**
 * Functions judged run by run: each run's self time is one observation of the function. Absolute
 * self time, not share: when one function gets slower, every other function's share shrinks with
 * no change of its own, and shares would blame them alike.
 */
function functionsByRuns(baseline: Profile[], candidate: Profile[], alpha: number): FunctionComparison[] {
  const matcher = new FrameMatcher();
  const profiles = [...baseline, ...candidate];
  const totals = profiles
    .map((profile) => {
      const indexOf = matcher.indexer(profile);
      for (let frame = 0; frame < profile.frames.length; frame++) indexOf(frame);
      return indexOf;
    })
    .map((indexOf, index) => sideTotals(profiles[index]!, indexOf, matcher.frames.length));
  const weightUnit = baseline[0]!.weightUnit;
  const rows = matcher.frames.map((frame, fn) => {
    const selfOf = (run: (typeof totals)[number]) => run.self[fn] ?? 0;
    const shareOf = (run: (typeof totals)[number]) => (run.weight > 0 ? selfOf(run) / run.weight : 0);
    const before = totals.slice(0, baseline.length);
    const after = totals.slice(baseline.length);
    return {
      frame,
      comparison: compareRuns(before.map(selfOf), after.map(selfOf), { alpha }),
      beforeShares: before.map(shareOf),
      afterShares: after.map(shareOf),
    };
  });
  const present = rows.filter(
    (row) => row.beforeShares.some((share) => share > 0) || row.afterShares.some((share) => share > 0),
  );
  const pooledShare = (row: (typeof rows)[number]) =>
    [...row.beforeShares, ...row.afterShares].reduce((sum, share) => sum + share, 0) /
    (row.beforeShares.length + row.afterShares.length);
  const tested = present.filter((row) => row.comparison.p !== null && pooledShare(row) >= minimumTestedShare);
  const adjusted = benjaminiHochbergAdjusted(tested.map((row) => row.comparison.p!));
  const adjustedOf = new Map(tested.map((row, index) => [row, adjusted[index]!]));
  return present
    .map((row): FunctionComparison => {
      const p = adjustedOf.get(row) ?? null;
      const { baseline: before, candidate: after, verdict } = row.comparison;
      return {
        name: row.frame.name,
        file: row.frame.file,
        line: row.frame.line,
        baselineShare: middle(row.beforeShares),
        candidateShare: middle(row.afterShares),
        baselineSelf: before.median,
        candidateSelf: after.median,
        weightUnit,
        presence: row.beforeShares.every((share) => share === 0)
          ? 'candidate-only'
          : row.afterShares.every((share) => share === 0)
            ? 'baseline-only'
            : 'both',
        p,
        verdict:
          verdict === 'insufficient'
            ? 'insufficient'
            : p !== null && p < alpha
              ? after.median > before.median
                ? 'increase'
                : 'decrease'
              : 'no-change',
      };
    })
    .filter(worthListing)
    .sort(
      (left, right) =>
        Math.abs(right.candidateSelf - right.baselineSelf) - Math.abs(left.candidateSelf - left.baselineSelf),
    )
    .slice(0, listedFunctions);
}

/** Functions of one profile a side, judged by their sample counts. */
function functionsBySamples(baseline: Profile, candidate: Profile, alpha: number): FunctionComparison[] {
  return hotspotDeltas(baseline, candidate, { alpha })
    .map((row) => ({
      name: row.frame.name,
      file: row.frame.file,
      line: row.frame.line,
      baselineShare: row.baseline.selfShare,
      candidateShare: row.candidate.selfShare,
      baselineSelf: row.baseline.self,
      candidateSelf: row.candidate.self,
      weightUnit: baseline.weightUnit,
      presence: row.presence,
      p: row.p,
      verdict: row.verdict,
    }))
    .filter(worthListing)
    .slice(0, listedFunctions);
}

/** Compares `candidate` against `baseline`. */
export function compareSides(
  baseline: SideData,
  candidate: SideData,
  options: CompareSidesOptions = {},
): ComparisonReport {
  const alpha = options.alpha ?? 0.05;
  const single = baseline.sessions.length === 1 && candidate.sessions.length === 1;
  const metrics = metricComparisons(baseline, candidate, alpha, single);
  const bothProfiled = baseline.profiles.length > 0 && candidate.profiles.length > 0;
  const functions = !bothProfiled
    ? []
    : baseline.profiles.length >= 2 && candidate.profiles.length >= 2
      ? functionsByRuns(baseline.profiles, candidate.profiles, alpha)
      : functionsBySamples(baseline.profiles[0]!, candidate.profiles[0]!, alpha);
  const gate = evaluateGate(options.rules ?? [], new Map(metrics.map((entry) => [entry.metric, entry.comparison])));
  const notes: string[] = [];
  if (single)
    notes.push(
      'One session a side: resource metrics are judged from batches of samples and functions from profile sample counts, which is weaker evidence than repeated runs. Record several runs a side (record --repeat N) for a stronger answer.',
    );
  if (!bothProfiled) notes.push('No function comparison: a side has no CPU profile.');
  if (metrics.length === 0)
    notes.push('No resource metrics: a side has no timeline (an imported profile), so only the profiles are compared.');
  return {
    schemaVersion: 1,
    baseline: { label: baseline.label, sessions: baseline.sessions },
    candidate: { label: candidate.label, sessions: candidate.sessions },
    mode: single ? 'sessions' : 'runs',
    alpha,
    metrics,
    functions,
    gate,
    regression: gate.some((outcome) => outcome.status === 'regression'),
    notes,
  };
}
