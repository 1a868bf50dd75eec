// Recommendation rules and their ranking: an action only where a reversible change exists (and
// unavailable, with the reason, where the session cannot be re-run), a code-level finding with its
// location and no action, and earlier verdicts raising or lowering a rule with a sentence saying so.

import { describe, expect, it } from 'vitest';
import type { Diagnosis, DiagnosisClass } from '../../../src-shared/diagnosis/diagnosis';
import type { TargetDescription } from '../../../src-shared/model/session';
import { recommend, type PastOutcome, type RecommendationFacts } from '../../../src-main/recommend/recommend';

function diagnosis(kind: DiagnosisClass, confidence = 0.9, extra: Partial<Diagnosis> = {}): Diagnosis {
  return {
    class: kind,
    title: `A ${kind} finding`,
    detail: '',
    confidence,
    evidence: [],
    range: { from: 0, to: 1 },
    location: null,
    ...extra,
  };
}

const launched: TargetDescription = {
  kind: 'command',
  argv: ['node', 'app.js'],
  cwd: '/srv',
  env: {},
  pid: 10,
  runtime: 'node',
};
const attached: TargetDescription = { kind: 'pid', pid: 10, name: 'node', commandLine: 'node app.js', runtime: 'node' };
const facts = (target: TargetDescription, extra: Partial<RecommendationFacts> = {}): RecommendationFacts => ({
  target,
  threadsPeak: 11,
  otherCpu: 0,
  heapUsedPeak: 30 * 1024 * 1024,
  ...extra,
});
const hot = { functionName: 'makeBatch', file: '/srv/app.js', line: 12, share: 0.4 };

describe('recommend', () => {
  it('proposes a larger young generation for GC pressure on a launched Node.js command, and the allocation site', () => {
    const found = recommend([diagnosis('gc-pressure', 0.9, { location: hot })], facts(launched), 'key', []);
    expect(found.map((item) => item.id)).toEqual(['node-semi-space', 'allocation-churn:makeBatch']);
    expect(found[0]!.action).toEqual({ kind: 'node-option', option: '--max-semi-space-size=64' });
    expect(found[0]!.actionUnavailable).toBeNull();
    expect(found[1]!.action).toBeNull();
    expect(found[1]!.location).toEqual(hot);
  });

  it('proposes a higher heap limit first when the heap works near the limit it was given', () => {
    const capped = { ...launched, env: { NODE_OPTIONS: '--max-old-space-size=96' } };
    const found = recommend([diagnosis('gc-pressure')], facts(capped, { heapUsedPeak: 80 * 1024 * 1024 }), 'key', []);
    expect(found.map((item) => item.id)).toEqual(['node-old-space', 'node-semi-space']);
    expect(found[0]!.action).toEqual({ kind: 'node-option', option: '--max-old-space-size=384' });
    expect(found[0]!.why).toMatch(/caps the JavaScript heap at 96 MiB and it was seen at 80 MiB/);
    // Far below its limit, or with V8's own default limit, it is not proposed.
    expect(recommend([diagnosis('gc-pressure')], facts(capped), 'key', []).map((item) => item.id)).not.toContain(
      'node-old-space',
    );
    expect(
      recommend([diagnosis('gc-pressure')], facts(launched, { heapUsedPeak: 4e9 }), 'key', []).map((item) => item.id),
    ).not.toContain('node-old-space');
  });

  it('says why an action cannot be tried on a running process', () => {
    const [semiSpace] = recommend([diagnosis('gc-pressure')], facts(attached), null, []);
    expect(semiSpace!.action).not.toBeNull();
    expect(semiSpace!.actionUnavailable).toMatch(/launch the command from Thermograph/);
  });

  it('offers a higher priority on a running process, changed in place', () => {
    const starved = diagnosis('cpu-bound-single', 0.9, {
      evidence: [{ label: 'CPU other programs left it', value: 40, unit: 'corePercent', interval: null }],
    });
    const [priority] = recommend([starved], facts(attached, { otherCpu: 160 }), null, []);
    expect(priority).toMatchObject({
      id: 'cpu-priority',
      action: { kind: 'priority', nice: -5 },
      actionUnavailable: null,
    });
    expect(priority!.what).toMatch(/^Give every thread of the running process a nice value of −5/);
  });

  it('does not propose an option the command already has', () => {
    const withOption = { ...launched, env: { NODE_OPTIONS: '--max-semi-space-size=32' } };
    expect(recommend([diagnosis('gc-pressure')], facts(withOption), 'key', []).map((item) => item.id)).not.toContain(
      'node-semi-space',
    );
  });

  it('proposes four times the pool for a saturated libuv pool', () => {
    const pool = diagnosis('thread-pool-saturated', 0.9, {
      evidence: [{ label: 'Pool threads', value: 4, unit: 'count', interval: null }],
    });
    const [found] = recommend([pool], facts(launched), 'key', []);
    expect(found!.action).toEqual({ kind: 'environment', name: 'UV_THREADPOOL_SIZE', value: '16' });
  });

  it('proposes a higher priority only for a CPU-bound program that others left less than a core', () => {
    const busy = diagnosis('cpu-bound-single', 0.9, { location: hot });
    expect(recommend([busy], facts(launched, { otherCpu: 120 }), 'key', []).map((item) => item.id)).toEqual([
      'hot-function:makeBatch',
    ]);
    const starved = {
      ...busy,
      evidence: [{ label: 'CPU other programs left it', value: 67, unit: 'corePercent' as const, interval: null }],
    };
    const contended = recommend([starved], facts(launched, { otherCpu: 133 }), 'key', []);
    expect(contended.map((item) => item.id)).toEqual(['cpu-priority', 'hot-function:makeBatch']);
    expect(contended[0]!.action).toEqual({ kind: 'priority', nice: -5 });
    expect(contended[0]!.why).toMatch(/it got 67 % of a core while other programs used 133 %\.$/);
  });

  it('has nothing to recommend for an idle program', () => {
    expect(recommend([diagnosis('idle', 1)], facts(launched), 'key', [])).toEqual([]);
  });

  it('ranks a rule by its record: one that keeps failing on this target goes below and says so', () => {
    const failed = (state: PastOutcome['state']): PastOutcome => ({
      rule: 'node-semi-space',
      diagnosis: 'gc-pressure',
      targetKey: 'key',
      state,
      change: null,
    });
    const history = [failed('rolled-back'), failed('rolled-back'), failed('rolled-back'), failed('cancelled')];
    const found = recommend([diagnosis('gc-pressure', 0.9, { location: hot })], facts(launched), 'key', history);
    expect(found.map((item) => item.id)).toEqual(['allocation-churn:makeBatch', 'node-semi-space']);
    expect(found[1]!.record).toEqual({ tried: 3, helped: 0, medianChange: null, scope: 'target' });
    expect(found[1]!.why).toMatch(/Helped 0 of 3 times on this target, so it is ranked lower\.$/);
  });

  it('learns from other targets with the same diagnosis when this target has no record', () => {
    const kept = (change: number): PastOutcome => ({
      rule: 'node-semi-space',
      diagnosis: 'gc-pressure',
      targetKey: 'other',
      state: 'kept',
      change,
    });
    const history = [kept(-0.1), kept(-0.18), kept(-0.3), { ...kept(0), state: 'rolled-back' as const }];
    const [found] = recommend([diagnosis('gc-pressure')], facts(launched), 'key', history);
    expect(found!.record).toEqual({ tried: 4, helped: 3, medianChange: -0.18, scope: 'similar' });
    expect(found!.why).toMatch(/Helped 3 of 4 times on other targets with this diagnosis, median −18 %\.$/);
  });
});
