import type { MetricKey } from '../model/resource';
import type { Bytes, EpochMilliseconds, Milliseconds } from '../units';

/** Average, peak and last value of one metric over the samples that had it. */
export interface MetricStatistics {
  average: number;
  maximum: number;
  minimum: number;
  last: number;
  /** How many samples had a value. */
  count: number;
}

/** Headline numbers of a session or a range of it, computed from every raw sample. */
export interface SessionStatistics {
  from: EpochMilliseconds | null;
  to: EpochMilliseconds | null;
  sampleCount: number;
  durationMs: Milliseconds;
  /** Per metric; absent when no sample had the metric. */
  metrics: Partial<Record<MetricKey, MetricStatistics>>;
  /** Bytes read and written over the range, integrated from the rates. */
  readBytesTotal: Bytes | null;
  writeBytesTotal: Bytes | null;
  /**
   * Present when part of the range rests on downsampled buckets (older samples of a long
   * recording): how many buckets, standing for how many samples. Averages weigh each bucket by its
   * samples and extremes are exact; a bucketed metric's `last` is its last bucket's mean.
   */
  downsampled?: { buckets: number; samples: number };
}
