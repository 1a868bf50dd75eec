import { describe, expect, it } from 'vitest';
import { hotspotDeltas } from '../../../src-main/analysis/compare/hotspot-deltas';
import { profileFromText } from '../../helpers/profile-text';

/** A profile of one-sample lines: `stack` repeated `count` times for each entry. */
function profileOf(counts: Record<string, number>) {
  return profileFromText(
    Object.entries(counts)
      .flatMap(([stack, count]) => Array.from({ length: count }, () => `${stack} 1`))
      .join('\n'),
  );
}

describe('hotspotDeltas', () => {
  it('puts the function that grew first, significant, with both sides’ shares', () => {
    const rows = hotspotDeltas(
      profileOf({ 'main;parse': 400, 'main;render': 400, main: 200 }),
      profileOf({ 'main;parse': 700, 'main;render': 400, main: 200 }),
    );
    const top = rows[0]!;
    expect(top.frame.name).toBe('parse');
    expect(top.verdict).toBe('increase');
    expect(top.baseline.selfShare).toBeCloseTo(0.4, 12);
    expect(top.candidate.selfShare).toBeCloseTo(700 / 1300, 12);
    expect(top.p).toBeLessThan(0.001);
    // main is on every stack: its total share is 1 on both sides however its self share moved.
    const main = rows.find((row) => row.frame.name === 'main')!;
    expect([main.baseline.totalShare, main.candidate.totalShare]).toEqual([1, 1]);
  });

  it('finds nothing in two profiles of the same program', () => {
    const counts = { 'main;parse': 400, 'main;render': 400, main: 200 };
    for (const row of hotspotDeltas(profileOf(counts), profileOf(counts))) expect(row.verdict).toBe('no-change');
  });

  it('says which functions exist on one side only', () => {
    const rows = hotspotDeltas(profileOf({ 'main;old': 50, main: 50 }), profileOf({ 'main;new': 50, main: 50 }));
    expect(rows.find((row) => row.frame.name === 'old')!.presence).toBe('baseline-only');
    expect(rows.find((row) => row.frame.name === 'new')!.presence).toBe('candidate-only');
    expect(rows.find((row) => row.frame.name === 'main')!.presence).toBe('both');
  });

  it('counts a recursive function once per sample in its total', () => {
    const [row] = hotspotDeltas(profileOf({ 'f;f;f': 10 }), profileOf({ 'f;f;f': 10 }));
    expect(row!.baseline.totalSamples).toBe(10);
    expect(row!.baseline.selfSamples).toBe(10);
  });

  it('does not call a tiny difference in a few samples significant', () => {
    const rows = hotspotDeltas(profileOf({ 'main;a': 6, 'main;b': 4 }), profileOf({ 'main;a': 4, 'main;b': 6 }));
    for (const row of rows) expect(row.verdict).toBe('no-change');
  });
});

describe('hotspotDeltas among many small functions', () => {
  it('still finds a real change: functions under half a percent are not tested, so they do not dilute the adjustment', () => {
    const small = Object.fromEntries(Array.from({ length: 200 }, (_, index) => [`main;tiny${index}`, 1]));
    const rows = hotspotDeltas(
      profileOf({ 'main;parse': 400, 'main;render': 400, ...small }),
      profileOf({ 'main;parse': 400, 'main;render': 520, ...small }),
    );
    const render = rows.find((row) => row.frame.name === 'render')!;
    expect(render.verdict).toBe('increase');
    expect(rows.find((row) => row.frame.name === 'tiny7')!.p).toBeNull();
  });
});
