import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src-main/analysis/compare/compare-runs';
import { evaluateGate, parseGateRule, type GateRule, gateNamesProblem } from '../../../src-main/analysis/compare/gate';

function rule(option: string): GateRule {
  const parsed = parseGateRule(option);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rule;
}

const baseline = [100, 101, 99, 102, 98, 100, 101, 99, 100, 102];

describe('the CI gate', () => {
  it('parses relative and absolute rules, and explains a bad one', () => {
    expect(rule('wall:+5%').threshold).toEqual({ kind: 'relative', amount: 0.05 });
    expect(rule('rss.peak:+1048576').threshold).toEqual({ kind: 'absolute', amount: 1_048_576 });
    const bad = parseGateRule('wall>5%');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/METRIC:\+N%/);
  });

  it('fails on a significant increase at least as large as the threshold, and only then', () => {
    const slower = new Map([
      [
        'wall',
        compareRuns(
          baseline,
          baseline.map((value) => value * 1.1),
        ),
      ],
    ]);
    expect(evaluateGate([rule('wall:+5%')], slower)[0]!.status).toBe('regression');
    expect(evaluateGate([rule('wall:+20%')], slower)[0]!.status).toBe('pass');
    const same = new Map([['wall', compareRuns(baseline, [...baseline].reverse())]]);
    expect(evaluateGate([rule('wall:+0%')], same)[0]!.status).toBe('pass');
    const faster = new Map([
      [
        'wall',
        compareRuns(
          baseline,
          baseline.map((value) => value * 0.8),
        ),
      ],
    ]);
    expect(evaluateGate([rule('wall:+5%')], faster)[0]!.status).toBe('pass');
  });

  it('never fails on a large change too noisy to be significant', () => {
    const noisy = new Map([['wall', compareRuns([100, 300, 90, 250], [400, 95, 310, 120])]]);
    expect(evaluateGate([rule('wall:+5%')], noisy)[0]!.status).toBe('pass');
  });

  it('says when a rule names a metric that was not measured', () => {
    expect(evaluateGate([rule('latency_ms:+5%')], new Map())[0]!.status).toBe('unknown');
  });
});

describe('gateNamesProblem', () => {
  const rule = (text: string) => {
    const parsed = parseGateRule(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.rule;
  };

  it('accepts rules on built-in and printed metrics', () => {
    expect(gateNamesProblem([rule('wall:+5%'), rule('latency_ms:+2')], ['latency_ms'])).toBeNull();
  });

  it('refuses a rule naming no metric, a printed metric hiding a built-in one, and a name given twice', () => {
    expect(gateNamesProblem([rule('wal:+5%')], [])).toMatch(/^--fail-on wal:\+5% names no metric\. Metrics: wall, /);
    expect(gateNamesProblem([], ['wall'])).toMatch(/would hide the built-in metric/);
    expect(gateNamesProblem([], ['score', 'score'])).toMatch(/is given twice/);
  });
});
