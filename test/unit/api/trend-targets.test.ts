// Which target a `trends` argument names (a key, a session id, a session name, a command line) and
// what the list of targets says about each: its sessions, its newest session and the metrics measured.

import { describe, expect, it } from 'vitest';
import { ThermographError } from '../../../src-shared/api/errors';
import type { RunMetrics } from '../../../src-shared/compare/run-metrics';
import { baselineTargetKey } from '../../../src-shared/model/baseline-target';
import type { SessionSummary } from '../../../src-shared/model/session';
import { resolveTrendTarget, trendTargets } from '../../../src-main/api/trend-methods';
import { sessionSummary } from '../../helpers/session-summary';

const wallOnly = { wall: 120 } as RunMetrics;

function command(id: number, argv: string[], overrides: Partial<SessionSummary> = {}): SessionSummary {
  return sessionSummary({
    id,
    name: `run ${id}`,
    target: { kind: 'command', argv, cwd: '/srv', env: {}, pid: 100 + id, runtime: 'node' },
    startedAt: id * 1_000,
    runMetrics: wallOnly,
    ...overrides,
  });
}

// Newest first, as the store lists them.
const sessions = [
  command(4, ['node', 'b.js'], { status: 'recording', endedAt: null }),
  command(3, ['node', 'a.js', 'two words'], { name: 'nightly' }),
  command(2, ['node', 'b.js'], { runMetrics: { ...wallOnly, 'rss.peak': 4096 } }),
  command(1, ['node', 'a.js', 'two words'], { runMetrics: null }),
];
const keyA = baselineTargetKey(sessions[1]!.target);
const keyB = baselineTargetKey(sessions[2]!.target);

describe('resolveTrendTarget', () => {
  it('takes a key, a session id, a session name or the command line as shown', () => {
    expect(resolveTrendTarget(sessions, keyA)).toBe(keyA);
    expect(resolveTrendTarget(sessions, '1')).toBe(keyA);
    // A session still recording names its target too (its history is the ended ones).
    expect(resolveTrendTarget(sessions, '4')).toBe(keyB);
    expect(resolveTrendTarget(sessions, 'nightly')).toBe(keyA);
    expect(resolveTrendTarget(sessions, "node a.js 'two words'")).toBe(keyA);
  });

  it('says what to pass when nothing matches', () => {
    expect(() => resolveTrendTarget(sessions, '99')).toThrow(/Session 99 does not exist/);
    let error: unknown;
    try {
      resolveTrendTarget(sessions, 'node c.js');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ThermographError);
    expect((error as ThermographError).code).toBe('not-found');
    expect((error as ThermographError).message).toContain('`thermograph trends` lists the targets');
  });
});

describe('trendTargets', () => {
  it('lists ended sessions by target, newest first, with the metrics they measured', () => {
    const targets = trendTargets(sessions);
    expect(targets.map((target) => target.key)).toEqual([keyA, keyB]);
    expect(targets[0]).toMatchObject({ name: 'nightly', sessions: 2, newestSessionId: 3, metrics: ['wall'] });
    expect(targets[0]!.label).toBe("node a.js 'two words'");
    expect(targets[1]).toMatchObject({ sessions: 1, newestSessionId: 2, metrics: ['wall', 'rss.peak'] });
  });
});
