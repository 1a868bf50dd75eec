// The timeline overlay's pure parts: each side's columns (CPU as user + system), which panels are
// drawn, one value scale for both sides, a side's value at a time and past its end, the readout
// at a time, the verdict lines beside each panel, each side's caption, the stack layout without a
// slider, and what a wheel event asks of the window.
import { describe, expect, it } from 'vitest';
import type { MetricComparison, Verdict } from '../../../src-shared/compare/report';
import type { OverlaySide, RelativeTimeline } from '../../../src-shared/compare/timeline-overlay';
import { formatMetric } from '../../../src-shared/format/units';
import {
  drawnSeries,
  overlayColumns,
  overlayLength,
  overlayPanels,
  panelScale,
  presentPanels,
  valueAt,
} from '../../../src-renderer/charts/overlay/overlay-data';
import { buildOverlayReadout } from '../../../src-renderer/charts/overlay/overlay-readout';
import {
  minimumTimelineHeight,
  stackedLayout,
  stackHeightFor,
  timelineLayout,
} from '../../../src-renderer/charts/timeline/layout';
import { windowForWheel } from '../../../src-renderer/charts/timeline/time-window';
import { compactChange, sideCaption, verdictLines } from '../../../src-renderer/views/compare/overlay-rows';

const mebibyte = 1024 ** 2;

function timeline(times: number[], series: RelativeTimeline['series'], duration: number): RelativeTimeline {
  return { times: Float64Array.from(times), series, duration, rawCount: times.length, decimated: false };
}

const column = (...values: number[]) => Float64Array.from(values);

/** Baseline: 3 samples over 300 ms; candidate: 4 over 450 ms, more memory, no I/O figures. */
const baseline = overlayColumns(
  timeline(
    [0, 100, 200],
    {
      cpuUser: column(50, 90, Number.NaN),
      cpuSystem: column(10, Number.NaN, 5),
      rss: column(10 * mebibyte, 20 * mebibyte, 20 * mebibyte),
      readBytesRate: column(0, 4096, 0),
      threads: column(1, 2, 2),
    },
    300,
  ),
);
const candidate = overlayColumns(
  timeline(
    [5, 105, 205, 305],
    {
      cpuUser: column(40, 40, 40, 40),
      rss: column(30 * mebibyte, 30 * mebibyte, 57 * mebibyte, 40 * mebibyte),
      threads: column(1, 1, 1, 1),
    },
    450,
  ),
);

describe('overlay columns', () => {
  it('adds CPU user and system; an unread system counts as 0, an unread user stays unread', () => {
    expect(Array.from(baseline.values.cpu!)).toEqual([60, 90, Number.NaN]);
    expect(Array.from(candidate.values.cpu!)).toEqual([40, 40, 40, 40]);
    expect(baseline.values.writeBytesRate).toBeUndefined();
  });

  it('draws a panel when either side has one of its series, and only the series someone has', () => {
    const sides = [baseline, candidate];
    expect(presentPanels(sides).map((panel) => panel.id)).toEqual(['cpu', 'memory', 'io', 'threads']);
    expect(presentPanels([candidate]).map((panel) => panel.id)).toEqual(['cpu', 'memory', 'threads']);
    const io = overlayPanels.find((panel) => panel.id === 'io')!;
    expect(drawnSeries(io, sides).map((spec) => spec.key)).toEqual(['readBytesRate']);
    // A series of nothing but unreadable values draws nothing.
    const unread = overlayColumns(timeline([0], { rss: column(Number.NaN) }, 10));
    expect(presentPanels([unread])).toEqual([]);
  });

  it('scales a panel to both sides, so the lines compare on one axis', () => {
    const memory = overlayPanels.find((panel) => panel.id === 'memory')!;
    expect(panelScale(memory, [baseline]).maximum).toBe(20 * mebibyte);
    expect(panelScale(memory, [baseline, candidate]).maximum).toBe(60 * mebibyte);
    expect(overlayLength([baseline, candidate])).toBe(450);
    expect(overlayLength([])).toBe(1);
  });

  it('reads a side at the sample nearest a time, and says when the side had already ended', () => {
    expect(valueAt(baseline, 'cpu', 40)).toBe(60);
    expect(valueAt(baseline, 'cpu', 160)).toBeNaN();
    expect(valueAt(baseline, 'cpu', 300)).toBeNaN();
    expect(valueAt(baseline, 'cpu', 301)).toBe('ended');
    expect(valueAt(candidate, 'cpu', 301)).toBe(40);
    expect(valueAt(candidate, 'writeBytesRate', 100)).toBeNull();
  });
});

describe('buildOverlayReadout', () => {
  const sides = [
    { label: 'Baseline', color: '#56b4e9', columns: baseline },
    { label: 'Candidate', color: '#e69f00', columns: candidate },
  ];
  const text = (readout: ReturnType<typeof buildOverlayReadout>) =>
    readout.rows.map((row) => [row.label, ...row.values.map((value) => value.text)].join(' | '));

  it('puts both sides’ values of every drawn series side by side, naming a panel’s two series', () => {
    const readout = buildOverlayReadout(90, sides, presentPanels([baseline, candidate]));
    expect(readout.title).toBe('00:00.0');
    expect(readout.sides).toEqual([
      { label: 'Baseline', color: '#56b4e9' },
      { label: 'Candidate', color: '#e69f00' },
    ]);
    expect(text(readout)).toEqual([
      `CPU | ${formatMetric(90, 'corePercent')} | ${formatMetric(40, 'corePercent')}`,
      `Memory (RSS) | ${formatMetric(20 * mebibyte, 'bytes')} | ${formatMetric(30 * mebibyte, 'bytes')}`,
      // The candidate could not read I/O at all.
      `Read | ${formatMetric(4096, 'bytesPerSecond')} | —`,
      'Threads | 2 | 1',
    ]);
    expect(readout.rows[2]!.values.map((value) => value.muted)).toEqual([false, true]);
  });

  it('says a side had ended once the time is past its end', () => {
    const readout = buildOverlayReadout(400, sides, presentPanels([baseline, candidate]));
    expect(text(readout)[0]).toBe(`CPU | ended | ${formatMetric(40, 'corePercent')}`);
    expect(readout.rows[0]!.values[0]).toEqual({ text: 'ended', muted: true });
  });
});

function comparison(metric: string, verdict: Verdict, change: number | null, p: number | null): MetricComparison {
  return {
    metric,
    label: `label of ${metric}`,
    unit: 'corePercent',
    comparison: {
      baseline: { count: 5, median: 1, interval: null },
      candidate: { count: 5, median: 1, interval: null },
      change:
        change === null ? null : { estimate: change, low: change - 0.027, high: change + 0.026, confidence: 0.95 },
      p,
      verdict,
      reason: `why ${metric}`,
    },
  };
}

describe('verdict lines beside a panel', () => {
  const metrics = [
    comparison('cpu.p95', 'no-change', 0.012, 0.41),
    comparison('cpu.mean', 'decrease', -0.124, 0.0004),
    comparison('faults.major', 'no-change', null, 1),
  ];

  it('lists the panel’s metrics the comparison has, in the panel’s order, as the table words them', () => {
    const lines = verdictLines(metrics, ['cpu.mean', 'cpu.p95', 'cpu.user']);
    expect(lines.map((line) => line.metric)).toEqual(['cpu.mean', 'cpu.p95']);
    expect(lines[0]).toEqual({
      metric: 'cpu.mean',
      label: 'label of cpu.mean',
      chip: { label: 'less', tone: 'better' },
      detail: '−12.4 % [−15.1, −9.8], p < 0.001',
      significant: true,
      reason: 'why cpu.mean',
    });
    expect(lines[1]).toMatchObject({ detail: '+1.2 % [−1.5, +3.8], p = 0.410', significant: false });
    expect(verdictLines(metrics, ['faults.major'])[0]!.detail).toBe('p = 1.000');
  });

  it('says the unit of an interval once', () => {
    expect(compactChange({ estimate: 0.5, low: 0.25, high: 1.5, confidence: 0.95 })).toBe('+50.0 % [+25.0, +150.0]');
    expect(compactChange(null)).toBeNull();
  });
});

describe('sideCaption', () => {
  const side = (choice: OverlaySide['choice']): OverlaySide => ({
    label: 'main',
    session: { id: 14, name: 'main' },
    run: 4,
    runs: 10,
    choice,
    wallMs: 412,
    timeline: timeline([], {}, 0),
  });

  it('names the run drawn and why', () => {
    expect(sideCaption(side('median-wall-time'))).toBe('run 4 of 10, median wall time (412 ms)');
    expect(sideCaption(side('median-duration'))).toBe('run 4 of 10, median duration (412 ms)');
    expect(sideCaption(side('only-session'))).toBe('session 14');
  });
});

describe('stackedLayout', () => {
  it('stacks any number of panels; without a slider the time labels end the chart', () => {
    const spec = { panels: 4, slider: false };
    const height = stackHeightFor(spec, 92);
    const layout = stackedLayout(900, height, spec);
    expect(layout.plots.map((plot) => plot.height)).toEqual([92, 92, 92, 92]);
    expect(layout.slider.height).toBe(0);
    expect(layout.height - (layout.timeLabelsTop + 12)).toBeLessThan(24);
    // Plots of every panel share one time axis.
    expect(new Set(layout.plots.map((plot) => `${plot.left}:${plot.width}`)).size).toBe(1);
  });

  it('lays the session timeline out as before: five panels and the slider', () => {
    const layout = timelineLayout(1200, 800);
    expect(layout.plots).toHaveLength(5);
    expect(layout.slider.height).toBeGreaterThan(0);
    expect(timelineLayout(1200, 10).height).toBe(minimumTimelineHeight);
  });
});

describe('windowForWheel', () => {
  const shown = { from: 1_000, to: 3_000 };

  it('zooms around the time under the pointer', () => {
    const zoomed = windowForWheel(shown, 1_500, { deltaX: 0, deltaY: -100, shiftKey: false, lines: false }, 500);
    expect(zoomed.to - zoomed.from).toBeLessThan(2_000);
    expect((1_500 - zoomed.from) / (zoomed.to - zoomed.from)).toBeCloseTo(0.25);
  });

  it('pans with shift or a sideways wheel, by the pixels moved', () => {
    expect(windowForWheel(shown, 1_500, { deltaX: 0, deltaY: 50, shiftKey: true, lines: false }, 500)).toEqual({
      from: 1_200,
      to: 3_200,
    });
    expect(windowForWheel(shown, 1_500, { deltaX: -1, deltaY: 0, shiftKey: false, lines: true }, 500)).toEqual({
      from: 840,
      to: 2_840,
    });
  });
});
