// Reads a session's timeline as the view the renderer draws: the session's whole span (or a range
// of it), decimated to a point budget. getTimeline and the comparison's overlay both answer with it.

import type { SessionSummary } from '../../src-shared/model/session';
import type { TimelineView } from '../../src-shared/timeline/view';
import type { EpochMilliseconds } from '../../src-shared/units';
import { buildTimelineView } from '../analysis/timeline';
import { bucketMeans, downsampledSpans, envelopePoints } from '../../src-shared/timeline/tiers';
import type { SessionStore } from '../store/session-store';

/** Which part of the session, and how many points at most. */
export interface TimelineViewRequest {
  from?: EpochMilliseconds | undefined;
  to?: EpochMilliseconds | undefined;
  maxPoints: number;
}

/** The session's timeline view over `from`–`to` (its whole span by default). */
export function readTimelineView(
  store: SessionStore,
  session: SessionSummary,
  { from, to, maxPoints }: TimelineViewRequest,
): TimelineView {
  const range = store.sampleRange(session.id);
  // The session spans start to end, which may extend past its samples (an exit right after the last one).
  const sessionFrom = Math.min(range?.from ?? session.startedAt, session.startedAt);
  const sessionTo = Math.max(range?.to ?? session.startedAt, session.endedAt ?? session.startedAt);
  const start = from ?? sessionFrom;
  const end = to ?? sessionTo;
  // Metrics never read in the range (another user's process has no I/O figures) are left out of
  // the view: the chart draws them as absent either way, and a long session's view stays small.
  const read = store.readSamples(session.id, { from: start, to: end, skipMissing: true });
  // Buckets of older samples are drawn as their min/max envelope, as decimation draws a pixel's samples.
  const data = envelopePoints(read.times, read.columns, read.envelope);
  const downsampled = downsampledSpans(read.times, read.envelope);
  const view = buildTimelineView(data, {
    sessionId: session.id,
    from: start,
    to: end,
    sessionFrom,
    sessionTo,
    maxPoints,
    markers: store.listMarkers(session.id),
  });
  if (downsampled.length === 0) return view;
  const samples = read.envelope!.counts.reduce((sum, count) => sum + count, 0);
  const means = bucketMeans(read.times, read.columns, read.envelope!, Math.max(1, Math.floor(maxPoints / 2)));
  return { ...view, rawCount: samples, decimated: true, downsampled, means };
}
