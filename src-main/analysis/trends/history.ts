// A target's history: its ended sessions in time order, each reduced to one value of one metric.
// "The same target" is what the baseline uses (baselineTargetKey: a command by argv and folder, a
// process by its command line), so Trends and Compare agree on which runs belong together.

import { baselineTargetKey } from '../../../src-shared/model/baseline-target';
import type { SessionSummary } from '../../../src-shared/model/session';
import type { HistoryPoint } from '../../../src-shared/model/trends';
import { runMetricNames, type RunMetricName } from '../../../src-shared/compare/run-metrics';
import type { SessionId } from '../../../src-shared/units';

/** A metric a history can follow: a run metric, or `output:NAME` for a metric parsed from the output. */
export type HistoryMetric = RunMetricName | `output:${string}`;

/** Values parsed from each session's output (`readOutputMetrics`), by session; the caller reads them. */
export type ParsedMetrics = ReadonlyMap<SessionId, Readonly<Record<string, number | null>>>;

/** One target with how many ended sessions it has, for a list of targets to pick from. */
export interface TargetSummary {
  key: string;
  /** The newest session's name, to show. */
  name: string;
  sessions: number;
  first: number;
  last: number;
}

/** Whether `metric` names a run metric or a parsed one (`output:` and a name). */
export function isHistoryMetric(metric: string): metric is HistoryMetric {
  return (runMetricNames as readonly string[]).includes(metric) || /^output:[A-Za-z][\w.-]{0,63}$/.test(metric);
}

/** Every target with ended sessions, the most recently recorded first. */
export function targets(sessions: readonly SessionSummary[]): TargetSummary[] {
  const byKey = new Map<string, TargetSummary>();
  for (const session of sessions) {
    if (session.status !== 'ended') continue;
    const key = baselineTargetKey(session.target);
    const known = byKey.get(key);
    if (!known) {
      byKey.set(key, { key, name: session.name, sessions: 1, first: session.startedAt, last: session.startedAt });
      continue;
    }
    known.sessions++;
    known.first = Math.min(known.first, session.startedAt);
    if (session.startedAt >= known.last) {
      known.last = session.startedAt;
      known.name = session.name;
    }
  }
  return [...byKey.values()].sort((left, right) => right.last - left.last);
}

/** One session's value of `metric`, or null when the session did not measure it. */
function valueOf(session: SessionSummary, metric: HistoryMetric, parsed: ParsedMetrics | undefined): number | null {
  if (metric.startsWith('output:')) return parsed?.get(session.id)?.[metric.slice('output:'.length)] ?? null;
  return session.runMetrics?.[metric as RunMetricName] ?? null;
}

/**
 * The history of `metric` over the ended sessions of the target whose key is `targetKey`, oldest
 * first (ties by id); sessions without a finite value are left out.
 */
export function targetHistory(
  sessions: readonly SessionSummary[],
  targetKey: string,
  metric: HistoryMetric,
  parsed?: ParsedMetrics,
): HistoryPoint[] {
  const points: HistoryPoint[] = [];
  for (const session of sessions) {
    if (session.status !== 'ended' || baselineTargetKey(session.target) !== targetKey) continue;
    const value = valueOf(session, metric, parsed);
    if (value !== null && Number.isFinite(value))
      points.push({ sessionId: session.id, time: session.startedAt, value });
  }
  return points.sort((left, right) => left.time - right.time || left.sessionId - right.sessionId);
}
