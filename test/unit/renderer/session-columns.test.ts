// The sessions list's figures: an import counts its profile samples; missing metrics show a dash.
import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../src-shared/model/session';
import {
  cpuMeanText,
  listedSampleCount,
  peakRssText,
  topFunctionOf,
} from '../../../src-renderer/views/sessions/session-columns';

function session(extra: Partial<SessionSummary>): SessionSummary {
  return { sampleCount: 12, profiles: [], runMetrics: null, ...extra } as SessionSummary;
}

describe('session list columns', () => {
  it('counts an imported profile by its samples, a recording by its timeline', () => {
    const profiles = [{ sampleCount: 900 }, { sampleCount: 100 }] as SessionSummary['profiles'];
    const file = { kind: 'file', path: '/p.cpuprofile', format: 'cpuprofile', runtime: null } as const;
    expect(listedSampleCount(session({ target: file, sampleCount: 0, profiles }))).toBe(1000);
    const command: SessionSummary['target'] = {
      kind: 'command',
      argv: ['a'],
      cwd: '/',
      env: {},
      pid: 1,
      runtime: 'native',
    };
    expect(listedSampleCount(session({ target: command, profiles }))).toBe(12);
  });

  it('shows the run metrics, or a dash when they were not measured', () => {
    const measured = session({
      runMetrics: { 'cpu.mean': 98.3, 'rss.peak': 52 * 1024 * 1024 } as SessionSummary['runMetrics'],
    });
    expect(cpuMeanText(measured)).toBe('98.3%');
    expect(peakRssText(measured)).toBe('52 MiB');
    expect(cpuMeanText(session({}))).toBe('—');
    expect(peakRssText(session({}))).toBe('—');
  });

  it('names the top function of the CPU profile, with its file and share for the tooltip', () => {
    const cpu = { kind: 'cpu', topFunction: { name: 'layout', file: '/app/render.js', selfWeight: 5, selfShare: 0.5 } };
    const allocations = {
      kind: 'allocation',
      topFunction: { name: 'alloc', file: null, selfWeight: 1, selfShare: 0.04 },
    };
    const both = session({ profiles: [allocations, cpu] as SessionSummary['profiles'] });
    expect(topFunctionOf(both)).toEqual({
      name: 'layout',
      detail: 'layout (/app/render.js): 50 % self of the CPU profile',
    });
    const only = session({ profiles: [allocations] as SessionSummary['profiles'] });
    expect(topFunctionOf(only)?.detail).toBe('alloc: 4.0 % self of the allocation profile');
    // Stored before the field existed, or no profile at all: nothing to show.
    expect(topFunctionOf(session({ profiles: [{ kind: 'cpu' }] as SessionSummary['profiles'] }))).toBeNull();
    expect(topFunctionOf(session({}))).toBeNull();
  });
});
