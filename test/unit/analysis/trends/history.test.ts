// Grouping sessions into a target's history: the same target as the baseline means it, ended sessions
// only, time order, run metrics and metrics parsed from the output, sessions without the value left out.

import { describe, expect, it } from 'vitest';
import { isHistoryMetric, targetHistory, targets } from '../../../../src-main/analysis/trends/history';
import { baselineTargetKey } from '../../../../src-shared/model/baseline-target';
import { runMetricNames, type RunMetrics } from '../../../../src-shared/compare/run-metrics';
import type { SessionSummary } from '../../../../src-shared/model/session';
import { sessionSummary } from '../../../helpers/session-summary';

function metrics(wall: number | null): RunMetrics {
  const values = Object.fromEntries(runMetricNames.map((name) => [name, null])) as RunMetrics;
  values.wall = wall;
  return values;
}

const server = sessionSummary().target;
const other: SessionSummary['target'] = {
  ...server,
  kind: 'command',
  argv: ['node', 'worker.js'],
  cwd: '/srv',
  env: {},
  pid: 1,
  runtime: 'node',
};

const sessions: SessionSummary[] = [
  sessionSummary({ id: 1, startedAt: 3000, runMetrics: metrics(120) }),
  sessionSummary({ id: 2, startedAt: 1000, runMetrics: metrics(100) }),
  sessionSummary({ id: 3, startedAt: 2000, runMetrics: metrics(null) }),
  sessionSummary({ id: 4, startedAt: 4000, runMetrics: metrics(130), status: 'recording', endedAt: null }),
  sessionSummary({ id: 5, startedAt: 5000, runMetrics: metrics(999), target: other, name: 'worker' }),
  sessionSummary({ id: 6, startedAt: 6000, runMetrics: null, name: 'api server v2' }),
];

describe('target history', () => {
  it("follows one target's ended sessions in time order, leaving out those without the value", () => {
    const history = targetHistory(sessions, baselineTargetKey(server), 'wall');
    expect(history).toEqual([
      { sessionId: 2, time: 1000, value: 100 },
      { sessionId: 1, time: 3000, value: 120 },
    ]);
  });

  it('reads a metric parsed from the output from what the caller read', () => {
    const parsed = new Map([
      [1, { latency_ms: 12.5 }],
      [6, { latency_ms: 11 }],
      [3, { latency_ms: null }],
    ]);
    expect(targetHistory(sessions, baselineTargetKey(server), 'output:latency_ms', parsed)).toEqual([
      { sessionId: 1, time: 3000, value: 12.5 },
      { sessionId: 6, time: 6000, value: 11 },
    ]);
  });

  it('lists targets with their ended sessions, the most recent first, named by the newest', () => {
    expect(targets(sessions)).toEqual([
      { key: baselineTargetKey(server), name: 'api server v2', sessions: 4, first: 1000, last: 6000 },
      { key: baselineTargetKey(other), name: 'worker', sessions: 1, first: 5000, last: 5000 },
    ]);
  });

  it('knows the metrics a history can follow', () => {
    expect(isHistoryMetric('rss.peak')).toBe(true);
    expect(isHistoryMetric('output:latency_ms')).toBe(true);
    expect(isHistoryMetric('output:')).toBe(false);
    expect(isHistoryMetric('latency')).toBe(false);
  });
});
