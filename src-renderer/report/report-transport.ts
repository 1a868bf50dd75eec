// The API transport of an exported report: the timeline controller asks it for views and a brushed
// range's statistics as it asks the engine, and it answers from the timeline the report embeds.
// Every other method says the report cannot do it (nothing here ever reaches a network).

import type { ApiMethod } from '../../src-shared/api/contract';
import type { ApiResult } from '../../src-shared/api/errors';
import type { MetricKey } from '../../src-shared/model/resource';
import { decimateMinMax } from '../../src-shared/timeline/decimate';
import { summarizeSamples } from '../../src-shared/timeline/summarize';
import type { TimelineView } from '../../src-shared/timeline/view';
import { unavailable, type Transport } from '../api/transport';
import { lowerBound, upperBound } from '../charts/timeline/timeline-data';

interface RangeParams {
  from?: number;
  to?: number;
  maxPoints?: number;
}

/** The embedded view's samples between from and to (inclusive). */
function slice(view: TimelineView, from: number | undefined, to: number | undefined): TimelineView {
  const first = from === undefined ? 0 : lowerBound(view.times, from);
  const last = to === undefined ? view.times.length : upperBound(view.times, to);
  const series: TimelineView['series'] = {};
  for (const [key, values] of Object.entries(view.series) as [MetricKey, Float64Array][])
    series[key] = values.subarray(first, last);
  return {
    ...view,
    from: from ?? view.from,
    to: to ?? view.to,
    times: view.times.subarray(first, last),
    series,
    rawCount: from === undefined && to === undefined ? view.rawCount : last - first,
  };
}

/** A view at most `maxPoints` long (min/max per bucket, as the engine decimates). */
function decimated(view: TimelineView, maxPoints: number): TimelineView {
  const keys = Object.keys(view.series) as MetricKey[];
  const reduced = decimateMinMax(
    { times: view.times, values: keys.map((key) => view.series[key]!) },
    Math.max(1, Math.floor(maxPoints / 2)),
  );
  if (reduced.times.length === view.times.length) return view;
  const series: TimelineView['series'] = {};
  keys.forEach((key, index) => (series[key] = reduced.values[index]!));
  return { ...view, times: reduced.times, series, decimated: true };
}

/** A transport answering getTimeline and getStatistics from `timeline`, or saying it holds none. */
export function reportTransport(timeline: TimelineView | null): Transport {
  return {
    call(method: ApiMethod, params: unknown): Promise<ApiResult<unknown>> {
      if (!timeline) return Promise.resolve(unavailable('This report holds no timeline.'));
      const range = params as RangeParams;
      if (method === 'getTimeline') {
        const view = slice(timeline, range.from, range.to);
        return Promise.resolve({ ok: true, value: decimated(view, range.maxPoints ?? view.times.length) });
      }
      if (method === 'getStatistics') {
        const view = slice(timeline, range.from, range.to);
        return Promise.resolve({ ok: true, value: summarizeSamples({ times: view.times, columns: view.series }) });
      }
      return Promise.resolve(
        unavailable('An exported report shows what it holds; open the session in Thermograph for more.'),
      );
    },
    on: () => () => {},
  };
}
