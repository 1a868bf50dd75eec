// The diagnosis half of the API: a session's diagnoses and recommendations, read from the store and
// handed to the pure engines in analysis/diagnose and recommend/. Thread readings, earlier experiment
// outcomes and the launch preset key come from services, so each part stays where it is owned.

import type { ApiImplementation } from '../../src-shared/api/contract';
import { ThermographError } from '../../src-shared/api/errors';
import type { DiagnosisReport } from '../../src-shared/diagnosis/diagnosis';
import type { Recommendation } from '../../src-shared/diagnosis/recommendation';
import type { ThreadTimeline } from '../../src-shared/diagnosis/threads';
import type { SessionSummary } from '../../src-shared/model/session';
import type { SessionId } from '../../src-shared/units';
import { diagnose } from '../analysis/diagnose/diagnose';
import { otherProgramsCpu } from '../analysis/diagnose/series-facts';
import { liveProcessFacts } from '../recommend/actions/live-process-facts';
import { recommend, type PastOutcome } from '../recommend/recommend';
import type { SessionStore } from '../store/session-store';
import type { ProfileCache } from './profile-cache';

type DiagnosisMethods = Pick<ApiImplementation, 'getDiagnosis'>;

/** What the diagnosis methods need from the engine. */
export interface DiagnosisServices {
  store: SessionStore;
  profiles: ProfileCache;
  /** Throws not-found when the session does not exist. */
  existing(sessionId: SessionId): SessionSummary;
  /** Writes what a recording holds in memory, so a live session is diagnosed up to now. */
  flush(sessionId: SessionId): void;
  /** The session's per-thread readings; null when it has none. */
  threads(sessionId: SessionId): ThreadTimeline | null;
  /** Every judged experiment so far, for ranking by what helped before. */
  history(): PastOutcome[];
  /** The launch preset key of a session's target; null when it was not a launched command. */
  targetKey(session: SessionSummary): string | null;
}

/** A session's diagnoses and recommendations. */
export function diagnoseSession(services: DiagnosisServices, sessionId: SessionId): DiagnosisReport {
  const session = services.existing(sessionId);
  services.flush(sessionId);
  if (session.target.kind === 'file')
    throw new ThermographError(
      'invalid-argument',
      `Session ${sessionId} was imported from a profile file: it has no resource timeline to diagnose. Record the program with Thermograph to diagnose it.`,
    );
  const samples = services.store.readSamples(sessionId);
  const profile = (kind: 'cpu' | 'allocation') =>
    session.profiles.some((summary) => summary.kind === kind) ? services.profiles.load(session, kind) : null;
  const { diagnoses, notes } = diagnose({
    runtime: session.target.runtime,
    pid: session.target.pid,
    includeChildren: session.settings.includeChildren,
    cpuCount: session.host.cpuCount,
    samples,
    threads: services.threads(sessionId),
    cpuProfile: profile('cpu'),
    allocationProfile: profile('allocation'),
  });
  const threadsPeak = peakOf(samples.columns.threads);
  const otherCpu = otherProgramsCpu(samples, session.host.cpuCount);
  const recommendations = recommend(
    diagnoses,
    {
      target: session.target,
      threadsPeak,
      otherCpu: Number.isNaN(otherCpu) ? null : otherCpu,
      heapUsedPeak: peakOf(samples.columns.jsHeapUsed),
      live: session.target.kind === 'pid' ? liveProcessFacts(session.target.pid) : null,
    },
    services.targetKey(session),
    services.history(),
  );
  return { sessionId, diagnoses, recommendations, notes };
}

/** The largest value of a column; null without one. */
function peakOf(values: Float64Array | undefined): number | null {
  let peak: number | null = null;
  for (const value of values ?? []) if (Number.isFinite(value) && (peak === null || value > peak)) peak = value;
  return peak;
}

/** One recommendation of a session by id; not-found with the ids there are when it has none by that id. */
export function findRecommendation(services: DiagnosisServices, sessionId: SessionId, id: string): Recommendation {
  const { recommendations } = diagnoseSession(services, sessionId);
  const found = recommendations.find((recommendation) => recommendation.id === id);
  if (found) return found;
  const known = recommendations.map((recommendation) => recommendation.id);
  throw new ThermographError(
    'not-found',
    known.length === 0
      ? `Session ${sessionId} has no recommendations, so there is no "${id}".`
      : `Session ${sessionId} has no recommendation "${id}"; it has: ${known.join(', ')}.`,
  );
}

/** Creates the diagnosis methods of the API. */
export function createDiagnosisMethods(services: DiagnosisServices): DiagnosisMethods {
  return { getDiagnosis: ({ sessionId }) => diagnoseSession(services, sessionId) };
}
