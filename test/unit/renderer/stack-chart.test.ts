// The stack chart's pure parts: boxes from the engine's runs (one per call per depth), hit-testing,
// zoom and pan maths, when finer data is needed, the time axis, and what the chart asks for.
// Profiles come from the text DSL and go through the engine's own stackChart, as the app's do.

import { describe, expect, it } from 'vitest';
import { stackChart } from '../../../src-main/analysis/stack-chart';
import type { ProfileSelection, ProfileSummary, StackChartView } from '../../../src-shared/profile/views';
import {
  axisTicks,
  formatSpan,
  niceStep,
  tickLabel,
} from '../../../src-renderer/components/stack-chart/stack-chart-axis';
import {
  boxAt,
  boxDepth,
  chartBoxes,
  type ChartBoxes,
} from '../../../src-renderer/components/stack-chart/stack-chart-boxes';
import {
  chartRange,
  chartThread,
  timeOrderProblem,
} from '../../../src-renderer/components/stack-chart/stack-chart-selection';
import {
  boxWindow,
  clampWindow,
  covers,
  detailRequest,
  hitTest,
  minimumSpanMs,
  needsFinerData,
  panWindow,
  visibleDepthRange,
  zoomWindow,
  type ChartLayout,
} from '../../../src-renderer/components/stack-chart/stack-chart-window';
import { profileFromText } from '../../helpers/profile-text';
import { foldProfile } from '../../../src-shared/profile/sample-folding';
import { sessionSummary } from '../../helpers/session-summary';

const all: ProfileSelection = { kind: 'cpu', range: null, thread: null };
// Samples last their weight in milliseconds, starting at 1000.
const timed = { weightUnit: 'milliseconds' as const, startTime: 1000 };

function chart(text: string, width = 1000): StackChartView {
  return stackChart(profileFromText(text, timed), all, width);
}

/** Boxes as `depth start-end name` lines, row by row. */
function describeBoxes(view: StackChartView, boxes: ChartBoxes): string[] {
  const lines: string[] = [];
  for (let box = 0; box < boxes.length; box++) {
    const name = view.frames[view.nodes.frame[boxes.node[box]!]!]!.name;
    lines.push(`${boxDepth(boxes, box)} ${boxes.start[box]}-${boxes.end[box]} ${name}`);
  }
  return lines;
}

describe('stack chart boxes', () => {
  it('gives one box per call: callers spanning several runs stay one box', () => {
    const view = chart('main;a;x 1\nmain;a;y 2\nmain;b 3\nmain;a 1');
    expect(describeBoxes(view, chartBoxes(view))).toEqual([
      '1 1000-1007 main',
      '2 1000-1003 a',
      '2 1003-1006 b',
      '2 1006-1007 a',
      '3 1000-1001 x',
      '3 1001-1003 y',
    ]);
    // Each box counts the samples of its runs: main all four, the first a its two, the rest one.
    const boxes = chartBoxes(view);
    expect([...boxes.samples]).toEqual([4, 2, 1, 1, 1, 1]);
    expect(boxes.samples[0]).toBe(view.sampleCount);
  });

  it("keeps a call whole across another thread's samples: a sample lasts until the thread's next", () => {
    const profile = profileFromText('main;a 1\nmain;a 1\nmain;a 1', timed);
    // Three samples at 1000, 1001, 1002 of which the middle one is on thread 1.
    const view = stackChart(
      { ...profile, samples: { ...profile.samples, thread: Uint16Array.from([0, 1, 0]) } },
      {
        ...all,
        thread: 0,
      },
      1000,
    );
    const lines = describeBoxes(view, chartBoxes(view));
    // Thread 0's first sample lasts until its next one: one call, no gap.
    expect(lines).toEqual(['1 1000-1003 main', '2 1000-1003 a']);
  });

  it("lays a long recording's folded rows end to end, each as long as its samples", () => {
    // a a a b a a a b, a millisecond each, folded into one 10 ms bucket: a row of six a, one of two b.
    const profile = foldProfile(profileFromText('main;a 1\nmain;a 1\nmain;a 1\nmain;b 1\n'.repeat(2), timed), {
      before: 2_000,
      keep: [],
      bucketMs: 10,
    });
    expect([...profile.samples.count!]).toEqual([6, 2]);
    const view = stackChart(profile, all, 1000);
    expect(describeBoxes(view, chartBoxes(view))).toEqual(['1 1000-1008 main', '2 1000-1006 a', '2 1006-1008 b']);
    expect([...chartBoxes(view).samples]).toEqual([8, 6, 2]);
  });

  it('finds the box under a time at a depth, and none past the ends', () => {
    const view = chart('main;a 2\nmain;b 2');
    const boxes = chartBoxes(view);
    const name = (box: number) => view.frames[view.nodes.frame[boxes.node[box]!]!]!.name;
    expect(name(boxAt(boxes, 2, 1001))).toBe('a');
    expect(name(boxAt(boxes, 2, 1002))).toBe('b');
    expect(name(boxAt(boxes, 1, 1003.9))).toBe('main');
    expect(boxAt(boxes, 2, 1004)).toBe(-1);
    expect(boxAt(boxes, 2, 999)).toBe(-1);
    expect(boxAt(boxes, 3, 1001)).toBe(-1);
    expect(boxAt(boxes, 0, 1001)).toBe(-1);
  });
});

describe('stack chart window', () => {
  const view = chart('main;a 2\nmain;b 2');
  const boxes = chartBoxes(view);
  const bounds = { start: 1000, end: 1004 };
  const layout: ChartLayout = { window: bounds, width: 400, height: 100, rowHeight: 18, scrollTop: 0 };

  it('hit-tests canvas points: root row on top, time across', () => {
    const name = (box: number) => view.frames[view.nodes.frame[boxes.node[box]!]!]!.name;
    expect(name(hitTest(boxes, layout, 50, 5))).toBe('main');
    expect(name(hitTest(boxes, layout, 50, 20))).toBe('a');
    expect(name(hitTest(boxes, layout, 250, 20))).toBe('b');
    expect(hitTest(boxes, layout, 250, 40)).toBe(-1);
    expect(hitTest(boxes, layout, -1, 5)).toBe(-1);
    // Zoomed into the second half, scrolled down a row: the top row is depth 2.
    const zoomed = { ...layout, window: { start: 1002, end: 1004 }, scrollTop: 18 };
    expect(name(hitTest(boxes, zoomed, 10, 5))).toBe('b');
    expect(visibleDepthRange(zoomed, 2)).toEqual({ first: 2, last: 2 });
  });

  it('zooms around the pointer, keeping the time under it in place, within bounds', () => {
    const wide = { start: 0, end: 1000 };
    const zoomed = zoomWindow(wide, 0.5, 0.2, wide);
    expect(zoomed).toEqual({ start: 100, end: 600 });
    // The anchor's time stays at the same fraction.
    expect((200 - zoomed.start) / (zoomed.end - zoomed.start)).toBeCloseTo(0.2);
    expect(zoomWindow(zoomed, 10, 0.5, wide)).toEqual(wide);
    const tiny = zoomWindow(wide, 1e-9, 0.5, wide);
    expect(tiny.end - tiny.start).toBeCloseTo(minimumSpanMs);
  });

  it('pans without leaving the bounds, and zooms to a box with a margin', () => {
    const wide = { start: 0, end: 1000 };
    expect(panWindow({ start: 100, end: 200 }, 50, wide)).toEqual({ start: 150, end: 250 });
    expect(panWindow({ start: 100, end: 200 }, -500, wide)).toEqual({ start: 0, end: 100 });
    expect(panWindow({ start: 800, end: 900 }, 500, wide)).toEqual({ start: 900, end: 1000 });
    expect(clampWindow({ start: -10, end: 2000 }, wide)).toEqual(wide);
    const b = boxAt(boxes, 2, 1003);
    const window = boxWindow(boxes, b, bounds);
    // 2 ms and a tenth either side, moved back inside the bounds at its width.
    expect(window.start).toBeCloseTo(1001.8);
    expect(window.end).toBe(1004);
  });

  it('asks for finer data only when zoomed past the resolution, for the window and one either side', () => {
    // Data at 5 ms a pixel: a window of 1000 ms over 200 px is 5 ms a pixel too.
    expect(needsFinerData(5, { start: 0, end: 1000 }, 200)).toBe(false);
    expect(needsFinerData(5, { start: 0, end: 500 }, 200)).toBe(true);
    expect(needsFinerData(0, { start: 0, end: 500 }, 200)).toBe(false);
    const request = detailRequest({ start: 400, end: 500 }, 200, { start: 0, end: 1000 });
    expect(request).toEqual({ range: { start: 300, end: 600 }, width: 600 });
    // At the edge, clipped: the resolution stays the window's.
    expect(detailRequest({ start: 0, end: 100 }, 200, { start: 0, end: 1000 })).toEqual({
      range: { start: 0, end: 200 },
      width: 400,
    });
    expect(covers({ start: 300, end: 600 }, { start: 350, end: 450 })).toBe(true);
    expect(covers({ start: 300, end: 600 }, { start: 550, end: 650 })).toBe(false);
  });
});

describe('stack chart axis', () => {
  it('picks steps of 1, 2 or 5 × a power of ten', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(70)).toBe(100);
    expect(niceStep(0.013)).toBeCloseTo(0.02);
  });

  it('labels ticks from the origin with the decimals the step needs', () => {
    expect(tickLabel(3500, 1000, 500)).toBe('2.5 s');
    expect(tickLabel(3000, 1000, 1000)).toBe('2 s');
    expect(tickLabel(1250, 1000, 50)).toBe('250 ms');
    expect(tickLabel(1250.5, 1000, 0.5)).toBe('250.5 ms');
    const ticks = axisTicks({ start: 1000, end: 2000 }, 1000, 1000);
    expect(ticks.slice(0, 2)).toEqual([
      { x: 0, label: '0.0 s' },
      { x: 100, label: '0.1 s' },
    ]);
    expect(ticks.map((tick) => tick.x)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(axisTicks({ start: 0, end: 0 }, 100, 0)).toEqual([]);
  });

  it('formats run lengths with fractions of a millisecond', () => {
    expect(formatSpan(0.25)).toBe('0.25 ms');
    expect(formatSpan(12.54)).toBe('12.5 ms');
    expect(formatSpan(250)).toBe('250 ms');
    expect(formatSpan(3200)).toBe('3.2 s');
  });
});

describe('what the stack chart asks for', () => {
  const profile = (overrides: Partial<ProfileSummary>): ProfileSummary => ({
    kind: 'cpu',
    weightUnit: 'milliseconds',
    tool: 'node-inspector',
    startTime: 1_000_100,
    durationMs: 50_000,
    sampleCount: 5_000,
    totalWeight: 50_000,
    achievedRateHz: 100,
    requestedIntervalMs: 10,
    threads: [{ name: 'main', tid: 1, sampleCount: 5_000 }],
    ...overrides,
  });

  it('says why folded stacks, pprof files and allocations have no time order, and what to use', () => {
    expect(timeOrderProblem(profile({}))).toBeNull();
    expect(timeOrderProblem(profile({ tool: 'folded' }))).toMatch(/^Folded stacks .* flame graph/);
    expect(timeOrderProblem(profile({ tool: 'pprof' }))).toMatch(/pprof/);
    expect(timeOrderProblem(profile({ tool: 'speedscope', durationMs: 0 }))).toMatch(/same time/);
    expect(timeOrderProblem(profile({ kind: 'allocation', weightUnit: 'bytes' }))).toMatch(
      /^The stack chart shows CPU/,
    );
  });

  it("covers the brushed range, else the whole recording as the timeline's axis does", () => {
    const session = sessionSummary({ profiles: [profile({})] });
    expect(chartRange({ start: 1_010_000, end: 1_020_000 }, session)).toEqual({ start: 1_010_000, end: 1_020_000 });
    expect(chartRange(null, session)).toEqual({ start: 1_000_000, end: 1_060_000 });
    const imported = sessionSummary({
      target: { kind: 'file', path: '/tmp/a.cpuprofile', format: 'cpuprofile', runtime: null },
    });
    expect(chartRange(null, imported)).toBeNull();
  });

  it('draws the busiest thread when all are picked, and says so', () => {
    const threads = [
      { name: 'main', tid: 1, sampleCount: 10 },
      { name: 'worker', tid: 2, sampleCount: 90 },
    ];
    expect(chartThread(profile({ threads }), null)).toEqual({
      thread: 1,
      note: 'Showing worker, the busiest of 2 threads: pick another in the thread menu.',
    });
    expect(chartThread(profile({ threads }), 0)).toEqual({ thread: 0, note: null });
    expect(chartThread(profile({}), null)).toEqual({ thread: null, note: null });
  });
});
