import { describe, expect, it } from 'vitest';
import { flameGraph } from '../../../src-main/analysis/flame-graph';
import { hotspots } from '../../../src-main/analysis/hotspots';
import { sandwich } from '../../../src-main/analysis/sandwich';
import type { FlameGraphView, ProfileSelection } from '../../../src-shared/profile/views';
import { profileFromText } from '../../helpers/profile-text';

const all: ProfileSelection = { kind: 'cpu', range: null, thread: null };

/** The view as `name(depth) start+total self` lines, in drawing order. */
function describe_(view: FlameGraphView): string[] {
  const lines: string[] = [];
  const { nodes, frames } = view;
  for (let index = 0; index < nodes.length; index++) {
    const name = nodes.frame[index]! < 0 ? 'root' : frames[nodes.frame[index]!]!.name;
    lines.push(`${name}(${nodes.depth[index]}) ${nodes.start[index]}+${nodes.total[index]} ${nodes.self[index]}`);
  }
  return lines;
}

describe('flame graph', () => {
  it('lays out heaviest children first, with subtree ends and offsets', () => {
    const profile = profileFromText('main;a;x 1\nmain;b 5\nmain;a;y 2\nmain 1');
    const view = flameGraph(profile, all);
    expect(describe_(view)).toEqual([
      'root(0) 0+9 0',
      'main(1) 0+9 1',
      'b(2) 0+5 5',
      'a(2) 5+3 0',
      'y(3) 5+2 2',
      'x(3) 7+1 1',
    ]);
    expect([...view.nodes.end]).toEqual([6, 6, 3, 6, 5, 6]);
    expect(view.totalWeight).toBe(9);
    expect(view.sampleCount).toBe(4);
    expect(view.maximumDepth).toBe(3);
  });

  it('selects a time range by binary search on sample times', () => {
    // Samples last their weight in milliseconds: main;a at 0–1, main;b at 1–3, main;a at 3–4.
    const profile = profileFromText('main;a 1\nmain;b 2\nmain;a 1', { weightUnit: 'milliseconds', startTime: 100 });
    const view = flameGraph(profile, { ...all, range: { start: 101, end: 103 } });
    expect(describe_(view)).toEqual(['root(0) 0+2 0', 'main(1) 0+2 0', 'b(2) 0+2 2']);
  });

  it('counts a recursive function once per sample in hotspot totals', () => {
    const profile = profileFromText('main;f;f;f 4\nmain;g 1\nmain;f;g 1');
    const table = hotspots(profile, all, 10);
    const row = (name: string) => {
      const found = table.rows.find((candidate) => table.frames[candidate.frame]!.name === name)!;
      return { self: found.self, total: found.total, totalSamples: found.totalSamples };
    };
    expect(row('f')).toEqual({ self: 4, total: 5, totalSamples: 2 });
    expect(row('g')).toEqual({ self: 2, total: 2, totalSamples: 2 });
    expect(row('main')).toEqual({ self: 0, total: 6, totalSamples: 3 });
    expect(table.frames[table.rows[0]!.frame]!.name).toBe('f');
  });

  it('aggregates functions named like Object.prototype members correctly', () => {
    const profile = profileFromText('constructor;toString 2\n__proto__;toString 3\nconstructor 1');
    const table = hotspots(profile, all, 10);
    const totals = table.rows.map((row) => `${table.frames[row.frame]!.name} ${row.total}`).sort();
    expect(totals).toEqual(['__proto__ 3', 'constructor 3', 'toString 5']);
  });

  it('builds callers and callees of a function, merging recursive occurrences', () => {
    const profile = profileFromText('main;a;f;leaf 3\nmain;b;f 2\nmain;b;f;f;leaf 1');
    const f = profile.frames.name.findIndex((name) => profile.strings[name] === 'f');
    const view = sandwich(profile, all, f);
    expect(view.frame.name).toBe('f');
    expect(describe_(view.callees)).toEqual([
      'root(0) 0+6 0',
      'f(1) 0+6 2',
      'leaf(2) 0+3 3',
      'f(2) 3+1 0',
      'leaf(3) 3+1 1',
    ]);
    expect(describe_(view.callers)).toEqual([
      'root(0) 0+6 0',
      'f(1) 0+6 0',
      'a(2) 0+3 0',
      'main(3) 0+3 3',
      'b(2) 3+3 0',
      'main(3) 3+3 3',
    ]);
  });

  it('handles a 100,000-deep stack without recursion', () => {
    const deep = Array.from({ length: 100_000 }, (_, index) => `f${index}`).join(';');
    const profile = profileFromText(`${deep} 1`);
    const view = flameGraph(profile, all);
    expect(view.maximumDepth).toBe(100_000);
    expect(hotspots(profile, all, 5).rows[0]!.self).toBe(1);
  });
});
