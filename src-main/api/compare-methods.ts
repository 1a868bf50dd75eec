// The comparison half of the API: finds the sessions each side names, computes their run metrics
// and loads their CPU profiles, and hands them to analysis/compare. A side is a session id, a series
// or session name (every run recorded under it), a tag, or the word "baseline" (the candidate's
// target's baseline, see resolveSides).

import type { ApiImplementation } from '../../src-shared/api/contract';
import { ThermographError } from '../../src-shared/api/errors';
import type { GateRule } from '../../src-shared/compare/report';
import type { SessionSummary } from '../../src-shared/model/session';
import { compareSides, type SideData } from '../analysis/compare/compare-sides';
import { diffFlameGraphView, diffProfiles } from '../analysis/compare/profile-diff';
import { gateNamesProblem, parseGateRule } from '../analysis/compare/gate';
import { parseOutputMetric, readOutputMetrics, type OutputMetricSpec } from '../analysis/compare/output-metrics';
import { runMetricColumns, runMetrics } from '../analysis/compare/run-metrics';
import { relativeTimeline, representativeRun } from '../analysis/compare/timeline-overlay';
import type { OverlaySide } from '../../src-shared/compare/timeline-overlay';
import { baselineTargetKey } from '../../src-shared/model/baseline-target';
import { readTimelineView } from './timeline-view';
import type { SessionStore } from '../store/session-store';

/** Finds the ended sessions a side names, oldest first. */
export function resolveSide(store: SessionStore, text: string): SessionSummary[] {
  const ended = store.listSessions().filter((session) => session.status === 'ended');
  if (/^\d+$/.test(text)) {
    const session = store.getSession(Number(text));
    if (!session)
      throw new ThermographError('not-found', `Session ${text} does not exist; thermograph sessions lists the ids.`);
    if (session.status !== 'ended')
      throw new ThermographError('busy', `Session ${text} is still recording; compare it once it has ended.`);
    return [session];
  }
  const byAge = (sessions: SessionSummary[]) => sessions.sort((left, right) => left.startedAt - right.startedAt);
  if (text === 'baseline') {
    const marked = ended.filter((session) => session.baseline);
    if (marked.length === 0)
      throw new ThermographError(
        'not-found',
        'No session is marked as the baseline. Mark one in the Sessions list, or name the side by id, name or tag.',
      );
    return byAge(marked);
  }
  const named = ended.filter((session) => session.name === text);
  if (named.length > 0) return byAge(named);
  const tagged = ended.filter((session) => session.tags.includes(text));
  if (tagged.length > 0) return byAge(tagged);
  throw new ThermographError(
    'not-found',
    `No ended session, series or tag is called "${text}". thermograph sessions lists them; a side is an id, a name, a tag or "baseline".`,
  );
}

/**
 * Both sides' sessions. "baseline" against sessions of one target means that target's baseline (one
 * per target, src-main/api/baseline.ts) when it has one, not every target's marked sessions together.
 */
export function resolveSides(
  store: SessionStore,
  baseline: string,
  candidate: string,
): { before: SessionSummary[]; after: SessionSummary[] } {
  let before = resolveSide(store, baseline);
  const after = resolveSide(store, candidate);
  const keys = new Set(after.map((session) => baselineTargetKey(session.target)));
  if (baseline === 'baseline' && keys.size === 1) {
    const own = before.filter((session) => keys.has(baselineTargetKey(session.target)));
    if (own.length > 0) before = own;
  }
  return { before, after };
}

/** The wall time of a launched command that ran to its exit; null otherwise (attached, or stopped early). */
function commandDuration(session: SessionSummary): number | null {
  if (session.target.kind !== 'command' || session.endReason !== 'target-exited' || session.endedAt === null)
    return null;
  return session.endedAt - session.startedAt;
}

/** How much of a run's output is searched for printed metrics: the end, where results are printed. */
const searchedOutputChars = 4 * 1024 * 1024;
/** Output chunks read per query while collecting a run's output. */
const outputPage = 10_000;

/** The last searchedOutputChars of a session's stdout and stderr, in order (Trends reads printed metrics from it too). */
export function outputTail(store: SessionStore, sessionId: number): string {
  const texts: string[] = [];
  let length = 0;
  for (let after = -1; ;) {
    const chunks = store.readOutput(sessionId, after, outputPage);
    for (const chunk of chunks) {
      texts.push(chunk.text);
      length += chunk.text.length;
      while (texts.length > 1 && length - texts[0]!.length >= searchedOutputChars) length -= texts.shift()!.length;
    }
    if (chunks.length < outputPage) break;
    after = chunks.at(-1)!.sequence;
  }
  const text = texts.join('');
  return text.length > searchedOutputChars ? text.slice(-searchedOutputChars) : text;
}

/** The metrics a single session is judged on from its samples (batch means): only these are read. */
const sampledColumns = ['cpuUser', 'cpuSystem', 'rss'] as const;

/**
 * One side's data. Run metrics come from each session (computed when it ended); only a session
 * recorded before they were stored has its samples read for them. Samples are otherwise read only
 * for a single session a side, judged from batches of its samples.
 */
function sideData(
  store: SessionStore,
  label: string,
  sessions: SessionSummary[],
  printed: readonly OutputMetricSpec[],
  single: boolean,
): SideData {
  return {
    label,
    sessions: sessions.map((session) => ({ id: session.id, name: session.name })),
    runs: sessions.map(
      (session) =>
        session.runMetrics ??
        runMetrics(store.readSamples(session.id, { metrics: runMetricColumns }), {
          commandDurationMs: commandDuration(session),
        }),
    ),
    samples: single ? sessions.map((session) => store.readSamples(session.id, { metrics: sampledColumns })) : [],
    profiles: sessions.flatMap((session) => store.loadProfile(session.id, 'cpu') ?? []),
    printed:
      printed.length === 0 ? [] : sessions.map((session) => readOutputMetrics(outputTail(store, session.id), printed)),
  };
}

/**
 * One side of the timeline overlay: the session standing for it (a series' run of median wall
 * time) and its timeline from 0 at that session's start.
 */
function overlaySide(store: SessionStore, label: string, sessions: SessionSummary[], maxPoints: number): OverlaySide {
  const chosen = representativeRun(
    sessions.map((session) => ({
      wallMs: session.runMetrics?.wall ?? commandDuration(session),
      durationMs: (session.endedAt ?? session.startedAt) - session.startedAt,
    })),
  );
  const session = sessions[chosen.index]!;
  return {
    label,
    session: { id: session.id, name: session.name },
    run: chosen.index + 1,
    runs: sessions.length,
    choice: chosen.choice,
    wallMs: chosen.wallMs,
    timeline: relativeTimeline(readTimelineView(store, session, { maxPoints }), session.startedAt),
  };
}

/** Creates the comparison methods of the API. */
export function createCompareMethods(
  store: SessionStore,
): Pick<ApiImplementation, 'compareSessions' | 'getDiffFlameGraph' | 'getTimelineOverlay'> {
  return {
    getTimelineOverlay: ({ baseline, candidate, maxPoints }) => {
      const { before, after } = resolveSides(store, baseline, candidate);
      return {
        baseline: overlaySide(store, baseline, before, maxPoints),
        candidate: overlaySide(store, candidate, after, maxPoints),
      };
    },
    getDiffFlameGraph: ({ baseline, candidate }) => {
      const sides = resolveSides(store, baseline, candidate);
      const profilesOf = (side: string, sessions: SessionSummary[]) => {
        const profiles = sessions.flatMap((session) => store.loadProfile(session.id, 'cpu') ?? []);
        if (profiles.length === 0)
          throw new ThermographError(
            'not-found',
            `"${side}" has no CPU profile to compare: record it with a profiler (--profile auto, the default).`,
          );
        return profiles;
      };
      const before = profilesOf(baseline, sides.before);
      const after = profilesOf(candidate, sides.after);
      return diffFlameGraphView(diffProfiles(before, after), before[0]!.weightUnit, {
        baseline: before.length,
        candidate: after.length,
      });
    },
    compareSessions: ({ baseline, candidate, alpha, failOn, metrics }) => {
      const rules: GateRule[] = failOn.map((option) => {
        const parsed = parseGateRule(option);
        if (!parsed.ok) throw new ThermographError('invalid-argument', parsed.message);
        return parsed.rule;
      });
      const printed = metrics.map((option) => {
        const parsed = parseOutputMetric(option);
        if (!parsed.ok) throw new ThermographError('invalid-argument', parsed.message);
        return parsed.spec;
      });
      const namesProblem = gateNamesProblem(
        rules,
        printed.map((spec) => spec.name),
      );
      if (namesProblem) throw new ThermographError('invalid-argument', namesProblem);
      const { before: beforeSessions, after: afterSessions } = resolveSides(store, baseline, candidate);
      const single = beforeSessions.length === 1 && afterSessions.length === 1;
      const before = sideData(store, baseline, beforeSessions, printed, single);
      const after = sideData(store, candidate, afterSessions, printed, single);
      return compareSides(before, after, { alpha, rules });
    },
  };
}
