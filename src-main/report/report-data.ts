// Gathers what an HTML report holds through the same API methods the UI uses, so the report shows
// what Thermograph shows: the session and its statistics, its timeline at a few thousand points,
// each profile's flame graph and hotspots, its diagnoses and recommendations, and a comparison when
// one was asked for.

import type { ApiImplementation } from '../../src-shared/api/contract';
import { ThermographError } from '../../src-shared/api/errors';
import type { SessionSummary } from '../../src-shared/model/session';
import type { ProfileKind } from '../../src-shared/profile/profile';
import {
  reportFormat,
  reportFormatVersion,
  type ReportComparison,
  type ReportData,
  type ReportProfile,
} from '../../src-shared/report/report-data';
import { packFlameGraph, packHotspots, packOverlaySide, packTimeline, packWeights } from './pack';

/** The API methods a report is built from. */
export type ReportSources = Pick<
  ApiImplementation,
  | 'getSession'
  | 'getStatistics'
  | 'getTimeline'
  | 'getFlameGraph'
  | 'getHotspots'
  | 'compareSessions'
  | 'getDiffFlameGraph'
  | 'getTimelineOverlay'
  | 'getDiagnosis'
  | 'listExperiments'
  | 'getWatch'
  | 'getTrend'
>;

/**
 * How many time buckets the embedded timeline keeps (two points each, the minimum and maximum):
 * as many as a wide screen has pixel columns, so the whole session draws at full resolution.
 */
export const reportTimelineBuckets = 2_500;
/** The hotspot table's rows: the heaviest functions, enough for any reading of a profile. */
export const reportHotspotRows = 2_000;

/** What to report on: the session, and the side it is compared with (a session id, name, tag or "baseline"). */
export interface ReportRequest {
  session: SessionSummary;
  /** The side text that named the session (its id, or a series name), used as the comparison's candidate. */
  candidate: string;
  compareWith: string | null;
  generator: string;
  /** The metric whose trend across the session's target the report holds; null for none. */
  trendMetric: string | null;
}

/** Builds the report's document. */
export async function buildReportData(sources: ReportSources, request: ReportRequest): Promise<ReportData> {
  const session = request.session;
  if (session.status !== 'ended')
    throw new ThermographError(
      'busy',
      `Session ${session.id} is still recording; export its report once it has ended.`,
    );
  const sessionId = session.id;
  const statistics = await sources.getStatistics({ sessionId });
  const profiles: ReportProfile[] = [];
  for (const summary of session.profiles) profiles.push(await reportProfile(sources, sessionId, summary.kind, summary));
  return {
    format: reportFormat,
    version: reportFormatVersion,
    generatedAt: Date.now(),
    generator: request.generator,
    session: withoutEnvironmentValues(session),
    statistics,
    timeline: session.sampleCount > 0 ? await reportTimeline(sources, session) : null,
    profiles,
    comparison:
      request.compareWith === null ? null : await reportComparison(sources, request.compareWith, request.candidate),
    diagnosis: session.target.kind === 'file' ? null : await sources.getDiagnosis({ sessionId }),
    experiments: await sources.listExperiments({ session: sessionId }),
    watch: session.target.kind === 'file' ? null : await sources.getWatch({ sessionId }),
    trend:
      request.trendMetric === null
        ? null
        : await sources.getTrend({ target: String(sessionId), metric: request.trendMetric }),
  };
}

async function reportTimeline(sources: ReportSources, session: SessionSummary): Promise<ReportData['timeline']> {
  const view = await sources.getTimeline({ sessionId: session.id, maxPoints: reportTimelineBuckets * 2 });
  const origin = Math.min(view.sessionFrom, session.startedAt);
  return packTimeline(view, origin, Math.max(view.sessionTo, session.endedAt ?? view.sessionTo) - origin);
}

async function reportProfile(
  sources: ReportSources,
  sessionId: number,
  kind: ProfileKind,
  summary: ReportProfile['summary'],
): Promise<ReportProfile> {
  const selection = { kind, range: null, thread: null };
  const flameGraph = await sources.getFlameGraph({ sessionId, selection });
  const hotspots = await sources.getHotspots({ sessionId, selection, limit: reportHotspotRows });
  return { kind, summary, flameGraph: packFlameGraph(flameGraph), hotspots: packHotspots(hotspots) };
}

async function reportComparison(
  sources: ReportSources,
  baseline: string,
  candidate: string,
): Promise<ReportComparison> {
  const report = await sources.compareSessions({ baseline, candidate, alpha: 0.05, failOn: [], metrics: [] });
  const overlay = await sources.getTimelineOverlay({ baseline, candidate, maxPoints: reportTimelineBuckets * 2 });
  const overlaid =
    overlay.baseline.timeline.times.length + overlay.candidate.timeline.times.length > 0
      ? { baseline: packOverlaySide(overlay.baseline), candidate: packOverlaySide(overlay.candidate) }
      : null;
  // Without a CPU profile on both sides there is no function to compare and no differential graph.
  if (report.functions.length === 0) return { report, diffFlameGraph: null, overlay: overlaid };
  const diff = await sources.getDiffFlameGraph({ baseline, candidate });
  return {
    report,
    overlay: overlaid,
    diffFlameGraph: {
      ...packFlameGraph(diff),
      baselineTotal: packWeights(diff.baselineTotal.subarray(0, diff.nodes.length)),
      candidateTotal: packWeights(diff.candidateTotal.subarray(0, diff.nodes.length)),
      baselineWeight: diff.baselineWeight,
      candidateWeight: diff.candidateWeight,
      baselineRuns: diff.baselineRuns,
      candidateRuns: diff.candidateRuns,
    },
  };
}

/**
 * A report is made to be sent to someone: a launched command's environment values (tokens, keys)
 * stay out of it. The names remain, so the reader knows which were set.
 */
function withoutEnvironmentValues(session: SessionSummary): SessionSummary {
  if (session.target.kind !== 'command') return session;
  const env = Object.fromEntries(Object.keys(session.target.env).map((name) => [name, '(not included in reports)']));
  return { ...session, target: { ...session.target, env } };
}
