// The sessions list's figures: an import counts its profile samples; missing metrics show a dash.
import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../src-shared/model/session';
import { cpuMeanText, listedSampleCount, peakRssText } from '../../../src-renderer/views/sessions/session-columns';

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
});
