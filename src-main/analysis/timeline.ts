// Builds the view-sized timeline the renderer draws from raw columns read out of the store.
// Pure: values in, values out, so the server, the IPC handlers and the report share it.

import { decimateMinMax } from '../../src-shared/timeline/decimate';
import type { MetricKey } from '../../src-shared/model/resource';
import type { SessionMarker } from '../../src-shared/model/session';
import type { TimelineView } from '../../src-shared/timeline/view';
import type { EpochMilliseconds, SessionId } from '../../src-shared/units';

/** Raw columns of a time range, NaN where a metric was not readable. */
export interface TimelineColumns {
  times: Float64Array;
  columns: Partial<Record<MetricKey, Float64Array>>;
}

/** Everything buildTimelineView needs besides the columns. */
export interface TimelineRequest {
  sessionId: SessionId;
  from: EpochMilliseconds;
  to: EpochMilliseconds;
  sessionFrom: EpochMilliseconds;
  sessionTo: EpochMilliseconds;
  /** The most points the caller wants; decimation yields at most this many. */
  maxPoints: number;
  markers: SessionMarker[];
}

/** Decimates the columns to the request's point budget. */
export function buildTimelineView(data: TimelineColumns, request: TimelineRequest): TimelineView {
  const keys = Object.keys(data.columns) as MetricKey[];
  const decimated = decimateMinMax(
    { times: data.times, values: keys.map((key) => data.columns[key]!) },
    Math.max(1, Math.floor(request.maxPoints / 2)),
  );
  const series: TimelineView['series'] = {};
  keys.forEach((key, index) => (series[key] = decimated.values[index]!));
  return {
    sessionId: request.sessionId,
    from: request.from,
    to: request.to,
    sessionFrom: request.sessionFrom,
    sessionTo: request.sessionTo,
    times: decimated.times,
    series,
    rawCount: data.times.length,
    decimated: decimated.times.length < data.times.length,
    markers: request.markers.filter((marker) => marker.time >= request.from && marker.time <= request.to),
  };
}
