import { describe, expect, it } from 'vitest';
import type { DiffFlameGraphView } from '../../../src-shared/compare/report';
import { diffColor, diffLegend, themedColor } from '../../../src-renderer/components/flame-graph/flame-colors';
import { diffDescriber, diffNodeColors } from '../../../src-renderer/views/compare/diff-flame';

/**
 * root → main → {grew, shrank, same}. Baseline, 1 run: 40, 40 and 20 ms. Candidate, 2 runs of 90,
 * 40 and 20 ms: "grew" is slower (40 → 90 ms a run, share 40 → 60 %), the others take the same
 * time as before but a smaller share (40 → 26.7 %, 20 → 13.3 %).
 */
function view(): DiffFlameGraphView {
  const length = 5;
  return {
    selection: { kind: 'cpu', range: null, thread: null },
    weightUnit: 'milliseconds',
    totalWeight: 1,
    sampleCount: length,
    maximumDepth: 2,
    frames: ['main', 'grew', 'shrank', 'same'].map((name, id) => ({
      id,
      name,
      kind: 'js',
      file: null,
      line: null,
      column: null,
      module: null,
    })),
    nodes: {
      length,
      frame: Int32Array.from([-1, 0, 1, 2, 3]),
      parent: Int32Array.from([-1, 0, 1, 1, 1]),
      depth: Int32Array.from([0, 1, 2, 2, 2]),
      end: Int32Array.from([5, 5, 3, 4, 5]),
      start: Float64Array.from([0, 0, 0, 0.5, 0.8]),
      total: Float64Array.from([1, 1, 0.5, 0.3, 0.2]),
      self: Float64Array.from([0, 0, 0.5, 0.3, 0.2]),
    },
    baselineTotal: Float64Array.from([100, 100, 40, 40, 20]),
    candidateTotal: Float64Array.from([300, 300, 180, 80, 40]),
    baselineWeight: 100,
    candidateWeight: 300,
    baselineRuns: 1,
    candidateRuns: 2,
  };
}

describe('the differential flame graph', () => {
  it('colours by share: the grown path red, the paths whose share shrank blue, by how much', () => {
    const colors = diffNodeColors(view());
    expect(themedColor(colors[2]!)).toBe(diffLegend.grew);
    expect(colors[3]).toBe(diffColor(-0.4 + 0.8 / 3, 0.2));
    expect(colors[4]).toBe(diffColor(-0.2 + 0.4 / 3, 0.2));
    expect(colors[3]).toBeLessThan(diffColor(0, 0.2));
    // A change a quarter of the largest is a lighter colour than the largest; a tiny one is grey.
    expect(diffColor(0.05, 0.2)).toBeLessThan(diffColor(0.2, 0.2));
    expect(themedColor(diffColor(0.001, 0.2))).toBe(diffLegend.unchanged);
  });

  it('colours by time per run on request: a path whose share shrank with no change of its own time is grey', () => {
    const colors = diffNodeColors(view(), 'time');
    expect(themedColor(colors[2]!)).toBe(diffLegend.grew);
    expect(themedColor(colors[3]!)).toBe(diffLegend.unchanged);
    expect(themedColor(colors[4]!)).toBe(diffLegend.unchanged);
  });

  it('describes a node with both sides per run and its change of share', () => {
    const describe = diffDescriber(view());
    const grew = describe(2);
    expect(grew.total).toBe('40 ms → 90 ms per run');
    expect(grew.share).toBe('40.0% → 60.0% of all (+20.0 pts)');
    expect(describe(3).share).toBe('40.0% → 26.7% of all (−13.3 pts)');
  });
});
