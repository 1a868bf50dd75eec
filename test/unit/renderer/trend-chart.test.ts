// The Trends chart's option from a real trend report (analysis/trends on a planted step): segments
// at the medians Compare judged, the change point marked, and the forecast band only when there is one.

import { describe, expect, it } from 'vitest';
import { trendReport } from '../../../src-main/analysis/trends/trend';
import type { HistoryPoint } from '../../../src-shared/model/trends';
import { trendChartOption, trendSegments } from '../../../src-renderer/charts/trend/trend-option';
import { seededRandom } from '../../helpers/seeded-random';

const dayMs = 86_400_000;
const chrome = { axis: '#343b48', grid: '#222', label: '#8b94a5', title: '#d9dee7', labelPlate: '#0e1014' };

/** 24 daily sessions at 100, then 200 from the 13th, ±2 % seeded noise. */
function steppedHistory(count = 24): HistoryPoint[] {
  const random = seededRandom(5);
  return Array.from({ length: count }, (_, index) => ({
    sessionId: index + 1,
    time: index * dayMs,
    value: (index < 12 ? 100 : 200) * (1 + (random() - 0.5) * 0.04),
  }));
}

interface Series {
  name: string;
  data: unknown[];
  markLine?: { data: { xAxis: number; name: string }[] };
}

describe('trendChartOption', () => {
  it('draws each segment at its median, marks the change and fills the band', () => {
    const report = trendReport('wall', steppedHistory());
    expect(report.changePoints.map((point) => point.index)).toEqual([12]);
    const segments = trendSegments(report.history, report.changePoints);
    expect(segments).toHaveLength(2);
    expect(segments[0]!.median).toBeCloseTo(100, -1);
    expect(segments[1]!.median).toBeCloseTo(200, -1);
    expect(segments[1]!.from).toBe(12 * dayMs);

    const series = trendChartOption(report, chrome, String).series as Series[];
    const sessions = series.find((entry) => entry.name === 'Sessions')!;
    expect(sessions.data).toHaveLength(24);
    expect(sessions.markLine!.data).toEqual([{ xAxis: 12 * dayMs, name: expect.stringMatching(/^\+\d+ %$/) }]);
    const band = series.filter((entry) => entry.name === 'Prediction band');
    expect(band).toHaveLength(2);
    // One band point per horizon (7 and 30 days by default; the engine adds 0, where the band starts).
    expect(report.forecast.ok).toBe(true);
    expect(band[1]!.data).toHaveLength(2);
  });

  it('leaves the forecast out when it was refused, and draws one segment without change points', () => {
    const report = trendReport('wall', steppedHistory(6).slice(0, 5));
    expect(report.forecast.ok).toBe(false);
    const series = trendChartOption(report, chrome, String).series as Series[];
    expect(series.filter((entry) => entry.name === 'Forecast')[0]!.data).toEqual([]);
    expect(series.filter((entry) => entry.name === 'Segment median')).toHaveLength(1);
  });
});
