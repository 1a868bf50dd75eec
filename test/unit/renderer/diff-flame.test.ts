import { describe, expect, it } from 'vitest';
import type { DiffFlameGraphView } from '../../../src-shared/compare/report';
import { colorTable, diffColor, diffLegend } from '../../../src-renderer/components/flame-graph/flame-colors';
import { diffDescriber, diffNodeColors } from '../../../src-renderer/views/compare/diff-flame';

/** root → main → {grew, shrank, same}: main's children moved 40 → 60 %, 40 → 20 %, 20 → 20 %. */
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
    candidateTotal: Float64Array.from([200, 200, 120, 40, 40]),
    baselineWeight: 100,
    candidateWeight: 200,
    baselineRuns: 1,
    candidateRuns: 2,
  };
}

describe('the differential flame graph', () => {
  it('colours a grown path red, a shrunk one blue, and an unchanged one grey', () => {
    const colors = diffNodeColors(view());
    expect(colorTable[colors[2]!]).toBe(diffLegend.grew);
    expect(colorTable[colors[3]!]).toBe(diffLegend.shrank);
    expect(colorTable[colors[4]!]).toBe(diffLegend.unchanged);
    // A change a quarter of the largest is a lighter red than the largest.
    expect(diffColor(0.05, 0.2)).toBeLessThan(diffColor(0.2, 0.2));
    expect(diffColor(0.001, 0.2)).toBe(diffColor(0, 0.2));
  });

  it('describes a node with both sides per run and its change of share', () => {
    const describe = diffDescriber(view());
    const grew = describe(2);
    expect(grew.total).toBe('40 ms → 60 ms per run');
    expect(grew.share).toBe('40.0% → 60.0% of all (+20.0 pts)');
    expect(describe(3).share).toBe('40.0% → 20.0% of all (−20.0 pts)');
  });
});
