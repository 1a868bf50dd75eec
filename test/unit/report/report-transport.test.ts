// The report's API client answers the timeline controller from the embedded timeline: a window is a
// slice, decimated to the points asked for; a brushed range's figures are the engine's arithmetic
// over the points the report holds; anything else says the report cannot do it.

import { describe, expect, it } from 'vitest';
import type { TimelineView } from '../../../src-shared/timeline/view';
import { deriveApi } from '../../../src-renderer/api/transport';
import { reportTransport } from '../../../src-renderer/report/report-transport';

/** The typed API over the report's transport (the client adds only a connection state). */
const apiOf = (timeline: TimelineView | null) => ({ api: deriveApi(reportTransport(timeline)) });

const origin = 1_700_000_000_000;
const count = 1_000;
const view: TimelineView = {
  sessionId: 7,
  from: origin,
  to: origin + count * 100,
  sessionFrom: origin,
  sessionTo: origin + count * 100,
  times: Float64Array.from({ length: count }, (_, index) => origin + index * 100),
  series: {
    cpuUser: Float64Array.from({ length: count }, (_, index) => (index === 500 ? 400 : index % 10)),
    rss: Float64Array.from({ length: count }, (_, index) => 1_000 + index),
  },
  rawCount: 1_000_000,
  decimated: true,
  markers: [],
};

describe('the report client', () => {
  it('serves a window as a slice, decimated without losing a spike', async () => {
    const { api } = apiOf(view);
    const result = await api.getTimeline({ sessionId: 7, from: origin + 40_000, to: origin + 60_000, maxPoints: 40 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.times.length).toBeLessThanOrEqual(40);
    expect(result.value.times[0]).toBeGreaterThanOrEqual(origin + 40_000);
    expect(result.value.times.at(-1)).toBeLessThanOrEqual(origin + 60_000);
    expect(Math.max(...result.value.series.cpuUser!)).toBe(400);
    const whole = await api.getTimeline({ sessionId: 7, maxPoints: 5_000 });
    expect(whole.ok && whole.value.rawCount).toBe(1_000_000);
  });

  it('sums up a brushed range from the points it holds', async () => {
    const { api } = apiOf(view);
    const result = await api.getStatistics({ sessionId: 7, from: origin, to: origin + 900 });
    expect(result.ok && result.value.sampleCount).toBe(10);
    expect(result.ok && result.value.metrics.rss).toEqual({
      average: 1_004.5,
      maximum: 1_009,
      minimum: 1_000,
      last: 1_009,
      count: 10,
    });
  });

  it('answers every other method, and a report without a timeline, with a sentence', async () => {
    const withTimeline = await apiOf(view).api.listSessions({});
    expect(withTimeline).toEqual({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('open the session in Thermograph') },
    });
    const without = await apiOf(null).api.getTimeline({ sessionId: 7, maxPoints: 10 });
    expect(without.ok).toBe(false);
  });
});
