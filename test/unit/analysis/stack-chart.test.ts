import { describe, expect, it } from 'vitest';
import { stackChart } from '../../../src-main/analysis/stack-chart';
import type { ProfileSelection, StackChartView } from '../../../src-shared/profile/views';
import { profileFromText } from '../../helpers/profile-text';

const all: ProfileSelection = { kind: 'cpu', range: null, thread: null };

/** Runs as `start-end a;b;c` lines (root first). */
function runs(view: StackChartView): string[] {
  const pathOf = (node: number): string => {
    const names: string[] = [];
    for (let row = node; row >= 0; row = view.nodes.parent[row]!) names.push(view.frames[view.nodes.frame[row]!]!.name);
    return names.reverse().join(';');
  };
  const out: string[] = [];
  for (let index = 0; index < view.runs.length; index++) {
    out.push(`${view.runs.start[index]}-${view.runs.end[index]} ${pathOf(view.runs.node[index]!)}`);
  }
  return out;
}

/** The samples of all runs together. */
function samplesInRuns(view: StackChartView): number {
  return view.runs.samples.reduce((sum, samples) => sum + samples, 0);
}

describe('stack chart', () => {
  // Samples last their weight in milliseconds, starting at 1000.
  const timed = { weightUnit: 'milliseconds' as const, startTime: 1000 };

  it('joins consecutive samples of one stack into runs, in time order', () => {
    const profile = profileFromText('main;a 1\nmain;a 2\nmain;b 3\nmain;a 1', timed);
    const view = stackChart(profile, all, 1000);
    expect(runs(view)).toEqual(['1000-1003 main;a', '1003-1006 main;b', '1006-1007 main;a']);
    expect(view.sampleCount).toBe(4);
    expect([...view.runs.samples]).toEqual([2, 1, 1]);
    expect(samplesInRuns(view)).toBe(view.sampleCount);
    expect(view.maximumDepth).toBe(2);
    expect([...view.nodes.depth]).toEqual([1, 2, 2]);
  });

  it('merges runs shorter than a pixel at the deepest frames they share', () => {
    // 10 ms over 2 pixels: 5 ms a pixel. The 1 ms samples gather into about a pixel each.
    const profile = profileFromText('main;a;x 1\nmain;a;y 1\nmain;a;x 1\nmain;a;y 1\nmain;b 1\nmain;c;z 5', timed);
    const view = stackChart(profile, all, 2);
    expect(view.pixelMs).toBe(5);
    expect(runs(view)).toEqual(['1000-1005 main', '1005-1010 main;c;z']);
    // The merged run stands for the five short samples it gathered.
    expect([...view.runs.samples]).toEqual([5, 1]);
    expect(samplesInRuns(view)).toBe(view.sampleCount);
    // Wider, each sample is its own run again.
    const wide = stackChart(profile, all, 10);
    expect(runs(wide)).toHaveLength(6);
    expect([...wide.runs.samples]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('keeps a long run whole when it follows short ones, and bounds runs by the width', () => {
    const lines = Array.from({ length: 1000 }, (_, index) => `main;f${index % 7} 1`).join('\n');
    const profile = profileFromText(`${lines}\nmain;long 1000`, timed);
    const view = stackChart(profile, all, 20);
    expect(view.runs.length).toBeLessThanOrEqual(2 * 20 + 1);
    expect(runs(view).at(-1)).toBe('2000-3000 main;long');
    expect(view.runs.samples.at(-1)).toBe(1);
    expect(samplesInRuns(view)).toBe(1001);
    expect(view.sampleCount).toBe(1001);
  });

  it('covers only the selected range and thread', () => {
    const profile = profileFromText('main;a 1\nmain;b 2\nmain;a 1', timed);
    const view = stackChart(profile, { ...all, range: { start: 1001, end: 1003 } }, 100);
    expect(view.range).toEqual({ start: 1001, end: 1003 });
    expect(runs(view)).toEqual(['1001-1003 main;b']);
    expect(samplesInRuns(view)).toBe(view.sampleCount);
    expect(view.sampleCount).toBe(1);
    expect(stackChart(profile, { ...all, thread: 1 }, 100).runs.length).toBe(0);
  });

  it('leaves out only a sub-pixel stretch whose stacks share no frame: there is nothing to draw it as', () => {
    // 1 ms samples alternating between two roots, 5 ms a pixel: the first five share no frame.
    const profile = profileFromText('a;x 1\nb;y 1\na;x 1\nb;y 1\na;x 1\nmain;c 5', timed);
    const view = stackChart(profile, all, 2);
    expect(runs(view)).toEqual(['1005-1010 main;c']);
    expect(view.sampleCount).toBe(6);
    expect(samplesInRuns(view)).toBe(1);
  });
});
