import { describe, expect, it } from 'vitest';
import { needsTenths, timeTicks, valueScale } from '../../../src-renderer/charts/timeline/ticks';
import { axisScales, type TimelineScene } from '../../../src-renderer/charts/timeline/timeline-scene';
import { timelineAxes } from '../../../src-renderer/charts/timeline-panels';
import { buildReadout } from '../../../src-renderer/charts/timeline-readout';
import type { ChartKey } from '../../../src-renderer/charts/timeline/timeline-data';

const mebibyte = 1024 ** 2;

describe('valueScale', () => {
  it('ends on a tick just above the data instead of doubling the axis', () => {
    expect(valueScale(100.4, 'corePercent')).toEqual({ maximum: 150, ticks: [0, 50, 100, 150] });
    expect(valueScale(100, 'corePercent')).toEqual({ maximum: 100, ticks: [0, 50, 100] });
    expect(valueScale(1234, 'perSecond').maximum).toBe(1500);
  });

  it('keeps an idle metric looking idle: each unit has a smallest top', () => {
    expect(valueScale(3, 'corePercent').maximum).toBe(10);
    expect(valueScale(0, 'count').maximum).toBe(4);
    expect(valueScale(0.3, 'load').maximum).toBe(1);
    expect(valueScale(12, 'percent')).toEqual({ maximum: 100, ticks: [0, 50, 100] });
  });

  it('steps byte axes in whole binary units and counts in whole numbers', () => {
    expect(valueScale(57 * mebibyte, 'bytes').ticks.map((tick) => tick / mebibyte)).toEqual([0, 30, 60]);
    for (const tick of valueScale(7, 'count').ticks) expect(Number.isInteger(tick)).toBe(true);
  });

  it('survives data that is not a number', () => {
    expect(valueScale(Number.NaN, 'bytes').maximum).toBeGreaterThan(0);
    expect(valueScale(Number.POSITIVE_INFINITY, 'count').maximum).toBe(4);
  });
});

describe('timeTicks', () => {
  it('puts labels on round clock values at least the spacing apart', () => {
    expect(timeTicks(0, 3_600_000, 1200, 90)).toEqual(Array.from({ length: 13 }, (_, index) => index * 300_000));
    const ticks = timeTicks(1_050, 3_500, 1200, 90);
    expect(ticks[0]).toBe(1_200);
    expect(ticks[1]! - ticks[0]!).toBe(200);
    expect(needsTenths(ticks)).toBe(true);
    expect(needsTenths(timeTicks(0, 60_000, 1200))).toBe(false);
  });

  it('never goes finer than the clock shows (a tenth of a second)', () => {
    const ticks = timeTicks(0, 200, 1200, 90);
    expect(ticks).toEqual([0, 100, 200]);
  });

  it('gives nothing for an empty window or width', () => {
    expect(timeTicks(5, 5, 1200)).toEqual([]);
    expect(timeTicks(0, 10, 0)).toEqual([]);
  });
});

describe('axisScales', () => {
  function scene(values: Partial<Record<ChartKey, number[]>>, hidden: ChartKey[] = []): TimelineScene {
    return {
      columns: { times: [0, 1, 2], values },
      origin: 0,
      xMax: 1_000,
      present: new Set(Object.keys(values) as ChartKey[]),
      hidden: new Set(hidden),
      markers: [],
      selection: null,
      fewPoints: false,
    };
  }
  const cpuAxis = timelineAxes.findIndex((axis) => axis.keys.includes('cpuUser'));

  it('sizes a stacked panel by the sum of its visible series, skipping unreadable values', () => {
    const scales = axisScales(scene({ cpuUser: [60, 90, Number.NaN], cpuSystem: [30, 50, 70] }));
    expect(scales[cpuAxis]!.maximum).toBe(150);
  });

  it('leaves a hidden series out of the scale', () => {
    const scales = axisScales(scene({ cpuUser: [60, 90, 20], cpuSystem: [30, 50, 70] }, ['cpuUser']));
    expect(scales[cpuAxis]!.maximum).toBe(75);
  });
});

describe('buildReadout', () => {
  const columns = { times: [1_000, 2_000], values: { cpuUser: [10, 20], cpuSystem: [1, 2], rss: [Number.NaN, 5] } };

  it('lists the drawn series at the nearest sample: present and not hidden', () => {
    const readout = buildReadout(columns, 1_900, 0, {
      present: new Set<ChartKey>(['cpuUser', 'cpuSystem', 'rss']),
      hidden: new Set<ChartKey>(['cpuSystem']),
    });
    const rows = readout!.groups.flatMap((group) => group.rows);
    expect(readout!.title).toBe('00:02.0');
    expect(rows.find((row) => row.label === 'CPU user')?.value).toBe('20%');
    expect(rows.map((row) => row.label)).not.toContain('CPU system');
    expect(rows.map((row) => row.label)).toContain('RSS');
    expect(rows.map((row) => row.label)).not.toContain('JS heap');
  });

  it('says nothing when there is no sample', () => {
    expect(buildReadout({ times: [], values: {} }, 0, 0, { present: new Set(), hidden: new Set() })).toBeNull();
  });
});
