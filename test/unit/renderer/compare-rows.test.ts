// The Compare view's pure parts: a change with its interval, verdict chips, the order of metric
// rows, function cells, side suggestions from the session list, and the compare route.
import { describe, expect, it } from 'vitest';
import type { FunctionComparison, MetricComparison, Verdict } from '../../../src-shared/compare/report';
import { sessionSummary } from '../../helpers/session-summary';
import type { SessionSummary } from '../../../src-shared/model/session';
import { parseRoute, routeHash } from '../../../src-renderer/state/router-path';
import {
  formatChange,
  formatComparedValue,
  formatPValue,
  formatSignedPercent,
  functionCells,
  hasBaseline,
  sideSuggestions,
  sortMetrics,
  verdictChip,
} from '../../../src-renderer/views/compare/compare-rows';

function metric(name: string, verdict: Verdict, estimate: number | null): MetricComparison {
  return {
    metric: name,
    label: name,
    unit: 'milliseconds',
    comparison: {
      baseline: { count: 5, median: 400, interval: null },
      candidate: { count: 5, median: 470, interval: null },
      change: estimate === null ? null : { estimate, low: estimate - 0.01, high: estimate + 0.01, confidence: 0.95 },
      p: 0.008,
      verdict,
      reason: 'because',
    },
  };
}

function session(id: number, overrides: Partial<SessionSummary> = {}): SessionSummary {
  return sessionSummary({
    id,
    name: 'main',
    target: { kind: 'command', argv: ['node', 'bench.js'], cwd: '/srv', env: {}, pid: 10 + id, runtime: 'node' },
    startedAt: 1_000 * id,
    endedAt: 1_000 * id + 500,
    endMessage: null,
    exitCode: 0,
    tags: [],
    sampleCount: 5,
    ...overrides,
  });
}

describe('a change with its interval', () => {
  it('prints signed percentages with one decimal and a true minus sign', () => {
    expect(formatChange({ estimate: 0.176, low: 0.16, high: 0.2021, confidence: 0.95 })).toEqual({
      estimate: '+17.6 %',
      interval: '[+16.0 %, +20.2 %]',
    });
    expect(formatChange({ estimate: -0.05, low: -0.081, high: 0.004, confidence: 0.95 })).toEqual({
      estimate: '−5.0 %',
      interval: '[−8.1 %, +0.4 %]',
    });
    expect(formatChange(null)).toBeNull();
  });

  it('never prints a signed zero or a non-number', () => {
    expect(formatSignedPercent(-0.00001)).toBe('0.0 %');
    expect(formatSignedPercent(Number.NaN)).toBe('—');
  });

  it('prints p-values and values in their units', () => {
    expect(formatPValue(0.0004)).toBe('< 0.001');
    expect(formatPValue(0.0312)).toBe('0.031');
    expect(formatPValue(null)).toBe('—');
    expect(formatComparedValue(412.4, 'milliseconds')).toBe('412 ms');
    expect(formatComparedValue(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatComparedValue(1.234567, 'number')).toBe('1.235');
  });
});

describe('verdict chips', () => {
  it('says slower/faster for times and more/less for the rest, coloured as lower is better', () => {
    expect(verdictChip('increase', 'milliseconds')).toEqual({ label: 'slower', tone: 'worse' });
    expect(verdictChip('decrease', 'milliseconds')).toEqual({ label: 'faster', tone: 'better' });
    expect(verdictChip('increase', 'bytes')).toEqual({ label: 'more', tone: 'worse' });
    expect(verdictChip('decrease', 'count')).toEqual({ label: 'less', tone: 'better' });
    expect(verdictChip('no-change', 'milliseconds')).toEqual({ label: 'no change', tone: 'same' });
    expect(verdictChip('insufficient', 'bytes')).toEqual({ label: 'too few runs', tone: 'unknown' });
  });
});

describe('metric order', () => {
  it('lists regressions first, then improvements, then the rest, each in the engine order', () => {
    const sorted = sortMetrics([
      metric('a', 'no-change', 0.01),
      metric('b', 'decrease', -0.05),
      metric('c', 'insufficient', null),
      metric('e', 'increase', 0.05),
      metric('d', 'increase', 0.2),
      metric('f', 'no-change', 0.02),
      metric('g', 'decrease', -0.5),
    ]);
    expect(sorted.map((entry) => entry.metric)).toEqual(['e', 'd', 'b', 'g', 'a', 'c', 'f']);
  });
});

describe('function cells', () => {
  const base: FunctionComparison = {
    name: 'renderOutput',
    file: '/srv/bench.js',
    line: 17,
    baselineShare: 0.4,
    candidateShare: 0.5,
    baselineSelf: 160,
    candidateSelf: 240,
    weightUnit: 'milliseconds',
    presence: 'both',
    p: 0.004,
    verdict: 'increase',
  };

  it('shows self time with its share, the place, and the verdict', () => {
    expect(functionCells(base)).toEqual({
      location: '/srv/bench.js:17',
      baseline: '160 ms (40.0 %)',
      candidate: '240 ms (50.0 %)',
      p: '0.004',
      chip: { label: 'more', tone: 'worse' },
    });
  });

  it('says which side a function is only in, with a dash for the other side', () => {
    const cells = functionCells({ ...base, file: null, presence: 'candidate-only', baselineSelf: 0, p: null });
    expect(cells.location).toBeNull();
    expect(cells.baseline).toBe('—');
    expect(cells.chip.label).toBe('only in candidate');
    expect(functionCells({ ...base, presence: 'baseline-only' }).candidate).toBe('—');
  });
});

describe('side suggestions', () => {
  it('offers the baseline, names with their run counts, tags and ids of ended recorded sessions', () => {
    const sessions = [
      session(1, { baseline: true, tags: ['nightly'] }),
      session(2, { tags: ['nightly', 'main'] }),
      session(3, { name: 'pr' }),
      session(4, { name: 'live', status: 'recording', endedAt: null }),
      session(5, {
        name: 'imported',
        target: { kind: 'file', path: '/tmp/a.cpuprofile', format: 'cpuprofile', runtime: 'node' },
      }),
    ];
    expect(hasBaseline(sessions)).toBe(true);
    expect(sideSuggestions(sessions)).toEqual([
      { value: 'baseline', label: 'the baseline (1 session)' },
      { value: 'main', label: 'name · 2 sessions' },
      { value: 'pr', label: 'name · 1 session' },
      { value: 'imported', label: 'name · 1 session' },
      // "main" as a tag would resolve to the name "main", so it is not offered twice.
      { value: 'nightly', label: 'tag · 2 sessions' },
      { value: '1', label: 'session “main”' },
      { value: '2', label: 'session “main”' },
      { value: '3', label: 'session “pr”' },
      { value: '5', label: 'session “imported”' },
    ]);
    expect(hasBaseline([session(1, { baseline: true, status: 'recording' })])).toBe(false);
  });
});

describe('the compare route', () => {
  it('carries both sides URL-encoded, and an empty pair as #/compare', () => {
    const route = { screen: 'compare', baseline: 'baseline', candidate: 'feature/x y' } as const;
    expect(routeHash(route)).toBe('#/compare/baseline/feature%2Fx%20y');
    expect(parseRoute(routeHash(route))).toEqual(route);
    expect(routeHash({ screen: 'compare', baseline: '', candidate: '' })).toBe('#/compare');
    expect(parseRoute('#/compare')).toEqual({ screen: 'compare', baseline: '', candidate: '' });
    expect(parseRoute('#/compare/main')).toEqual({ screen: 'compare', baseline: 'main', candidate: '' });
    // A malformed escape is kept as typed instead of throwing.
    expect(parseRoute('#/compare/%E0/pr')).toEqual({ screen: 'compare', baseline: '%E0', candidate: 'pr' });
  });
});
