// The Trends half of the API: finds a target's ended sessions (a target named by its key, a session
// id, a session name or its command line), reads a printed metric from each one's output when asked,
// and hands the history to analysis/trends, which does every statistic.

import type { ApiImplementation } from '../../src-shared/api/contract';
import { ThermographError } from '../../src-shared/api/errors';
import { runMetricNames } from '../../src-shared/compare/run-metrics';
import { joinCommandLine } from '../../src-shared/format/command-line';
import { baselineTargetKey } from '../../src-shared/model/baseline-target';
import type { SessionSummary, TargetDescription } from '../../src-shared/model/session';
import type { TrendTarget } from '../../src-shared/model/trend-target';
import { parseOutputMetric, readOutputMetrics } from '../analysis/compare/output-metrics';
import { isHistoryMetric, targetHistory, targets, type ParsedMetrics } from '../analysis/trends/history';
import { trendReport } from '../analysis/trends/trend';
import type { SessionStore } from '../store/session-store';
import { outputTail } from './compare-methods';

/**
 * The most sessions a trend is computed from (the newest): change-point search is O(n² log n), 0.7 s
 * at 1,000 sessions (analysis/trends/README.md), and a call must not hold the engine longer.
 */
export const mostTrendSessions = 1_000;

/**
 * Forecast horizons in days. 0 is the fitted line at the last session, where the chart's forecast
 * band starts; 7 and 30 are the forecasts people read.
 */
const horizonsDays = [0, 7, 30];

/** The target as a person reads it: the command line, the process's command line, or the file. */
function targetText(target: TargetDescription): string {
  if (target.kind === 'command') return joinCommandLine(target.argv);
  if (target.kind === 'pid') return target.commandLine || target.name;
  return target.path;
}

/** Every target with ended sessions, newest first, with what its sessions measured. */
export function trendTargets(sessions: readonly SessionSummary[]): TrendTarget[] {
  const newest = new Map<string, SessionSummary>();
  const measured = new Map<string, Set<string>>();
  for (const session of sessions) {
    if (session.status !== 'ended') continue;
    const key = baselineTargetKey(session.target);
    const known = newest.get(key);
    if (!known || session.startedAt >= known.startedAt) newest.set(key, session);
    const names = measured.get(key) ?? new Set<string>();
    for (const name of runMetricNames) if (Number.isFinite(session.runMetrics?.[name] ?? Number.NaN)) names.add(name);
    measured.set(key, names);
  }
  return targets(sessions).map((summary) => {
    const session = newest.get(summary.key)!;
    return {
      ...summary,
      label: targetText(session.target),
      newestSessionId: session.id,
      metrics: runMetricNames.filter((name) => measured.get(summary.key)!.has(name)),
    };
  });
}

/** What a TARGET argument may be, for messages. */
const targetForms =
  'a session id, a session name, a command line as `thermograph sessions` and `thermograph trends` show it, or a target key';

/** The key of the target `text` names: a target key, a session id, a session name, or a command line. */
export function resolveTrendTarget(sessions: readonly SessionSummary[], text: string): string {
  const ended = sessions.filter((session) => session.status === 'ended');
  if (ended.some((session) => baselineTargetKey(session.target) === text)) return text;
  if (/^\d+$/.test(text)) {
    const session = sessions.find((candidate) => candidate.id === Number(text));
    if (!session)
      throw new ThermographError('not-found', `Session ${text} does not exist; thermograph sessions lists the ids.`);
    return baselineTargetKey(session.target);
  }
  // sessions come newest first, so a name or command used for several targets means the newest one's.
  const match =
    ended.find((session) => session.name === text) ?? ended.find((session) => targetText(session.target) === text);
  if (match) return baselineTargetKey(match.target);
  throw new ThermographError(
    'not-found',
    `No ended session's target is "${text}". Name a target by ${targetForms}; \`thermograph trends\` lists the targets.`,
  );
}

/** Creates the Trends methods of the API. */
export function createTrendMethods(store: SessionStore): Pick<ApiImplementation, 'listTrendTargets' | 'getTrend'> {
  return {
    listTrendTargets: () => trendTargets(store.listSessions()),
    getTrend: ({ target, metric, pattern }) => {
      if (!isHistoryMetric(metric))
        throw new ThermographError(
          'invalid-argument',
          `"${metric}" is not a metric a trend can follow: pass one of ${runMetricNames.join(', ')}, or output:NAME with a pattern.`,
        );
      const printed = metric.startsWith('output:');
      if (printed !== (pattern !== undefined))
        throw new ThermographError(
          'invalid-argument',
          printed
            ? `${metric} is read from each session's output: pass the pattern whose first group is the number, for example p99=(\\d+\\.?\\d*)ms.`
            : `A pattern reads a metric from the output, but ${metric} is a run metric: name it output:NAME, or leave the pattern out.`,
        );
      const sessions = store.listSessions();
      const key = resolveTrendTarget(sessions, target);
      const own = sessions.filter((session) => session.status === 'ended' && baselineTargetKey(session.target) === key);
      let parsed: ParsedMetrics | undefined;
      if (printed) {
        const name = metric.slice('output:'.length);
        const spec = parseOutputMetric(`${name}=${pattern}`);
        if (!spec.ok) throw new ThermographError('invalid-argument', spec.message);
        parsed = new Map(
          own.map((session) => [session.id, readOutputMetrics(outputTail(store, session.id), [spec.spec])]),
        );
      }
      const history = targetHistory(own, key, metric, parsed);
      const kept = history.slice(-mostTrendSessions);
      const summary = trendTargets(own)[0];
      if (!summary)
        throw new ThermographError(
          'not-found',
          `The target "${target}" has no ended session yet; a trend starts once its first recording has ended.`,
        );
      return {
        ...trendReport(metric, kept, { forecast: { horizonsDays } }),
        target: summary,
        leftOut: history.length - kept.length,
      };
    },
  };
}
