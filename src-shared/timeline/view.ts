import type { MetricKey } from '../model/resource';
import type { SessionMarker } from '../model/session';
import type { EpochMilliseconds, SessionId } from '../units';
import type { DownsampledSpan } from './tiers';

/**
 * A view-sized slice of a session's timeline: at most about maxPoints times, with min/max
 * decimation so spikes survive. Columns are typed arrays (browser mode sends them as base64, not
 * as thousands of JSON numbers); a value is NaN where the metric was not readable.
 */
export interface TimelineView {
  sessionId: SessionId;
  /** The range the view covers (the whole session when none was asked for). */
  from: EpochMilliseconds;
  to: EpochMilliseconds;
  /** The whole session's range, so a zoomed view knows how far it can zoom out. */
  sessionFrom: EpochMilliseconds;
  sessionTo: EpochMilliseconds;
  /** Sample times (EpochMilliseconds), increasing. */
  times: Float64Array;
  /** One series per metric with at least one value in the range; a metric with none is left out. */
  series: Partial<Record<MetricKey, Float64Array>>;
  /** How many raw samples the range held before decimation. */
  rawCount: number;
  decimated: boolean;
  markers: SessionMarker[];
  /**
   * The parts of the range drawn from downsampled buckets (older samples of a long recording), where
   * each bucket is two points, its minimum and its maximum; absent when the range is all samples.
   */
  downsampled?: DownsampledSpan[];
  /**
   * The buckets' means over the downsampled spans (averaged over their samples to the point budget):
   * the line drawn through their envelope. Absent when the range is all samples.
   */
  means?: { times: Float64Array; series: Partial<Record<MetricKey, Float64Array>> };
}
