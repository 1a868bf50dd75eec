// When a growing process reaches its memory limit (its cgroup's, or the machine's): the Theil–Sen
// slope of the recent readings (RSS or heap) with Sen's interval, extended from the fitted level now
// to the limit. The interval of the time comes from the slope's bounds (the faster bound reaches it
// first). A slope whose interval reaches 0 or below is "not growing", and a short or sparse window
// is "not enough data": a number is given only when the growth is real.

import { formatBytes, formatBytesRate, formatDuration } from '../../../src-shared/format/units';
import type { TimeToLimit } from '../../../src-shared/model/trends';
import type { Bytes, EpochMilliseconds, Milliseconds } from '../../../src-shared/units';
import { median } from '../compare/intervals';
import { bucketed, theilSen } from '../statistics/theil-sen';

/** How the window is chosen and judged. */
export interface TimeToLimitOptions {
  /** The recent window the slope is taken over (default 10 minutes). */
  windowMs?: Milliseconds;
  /** The fewest readings in the window (default 10). */
  minimumReadings?: number;
  /** The shortest span the readings must cover (default 60 s: shorter growth is often a warm-up). */
  minimumSpanMs?: Milliseconds;
  /** The slope interval's level (default 0.95). */
  level?: number;
  /** Readings are reduced to at most this many bucket medians (default 60), as the diagnosis does. */
  maximumPoints?: number;
}

/** When the readings (times ascending, values in bytes; NaN for missing) reach `limitBytes`. */
export function timeToLimit(
  times: ArrayLike<EpochMilliseconds>,
  values: ArrayLike<Bytes>,
  limitBytes: Bytes,
  options: TimeToLimitOptions = {},
): TimeToLimit {
  const windowMs = options.windowMs ?? 600_000;
  const minimumReadings = options.minimumReadings ?? 10;
  const minimumSpanMs = options.minimumSpanMs ?? 60_000;
  const windowTimes: number[] = [];
  const windowValues: number[] = [];
  const last = times.length > 0 ? times[times.length - 1]! : 0;
  for (let index = 0; index < times.length; index++) {
    const value = values[index]!;
    if (times[index]! >= last - windowMs && Number.isFinite(value)) {
      windowTimes.push(times[index]!);
      windowValues.push(value);
    }
  }
  const readings = windowTimes.length;
  const spanMs = readings > 0 ? windowTimes[readings - 1]! - windowTimes[0]! : 0;
  const short = { windowMs: spanMs, readings };
  if (readings < minimumReadings || spanMs < minimumSpanMs)
    return {
      status: 'not-enough-data',
      reason: `${readings} readings over ${formatDuration(spanMs)}; a memory forecast needs ≥ ${minimumReadings} over ≥ ${formatDuration(minimumSpanMs)}.`,
      ...short,
    };
  const { x, y } = bucketed(windowTimes, windowValues, options.maximumPoints ?? 60);
  const slope = theilSen(x, y, options.level ?? 0.95, 'auto');
  if (!slope)
    return { status: 'not-enough-data', reason: 'Too few distinct readings for a slope with an interval.', ...short };
  // Through the medians, as Theil–Sen's intercept: the line's level at the last reading.
  const intercept = median(y.map((value, index) => value - slope.perSecond * x[index]!));
  const currentBytes = intercept + (slope.perSecond * spanMs) / 1000;
  const rate = `${formatBytesRate(slope.perSecond)} (${formatBytesRate(slope.low)} to ${formatBytesRate(slope.high)})`;
  if (currentBytes >= limitBytes)
    return {
      status: 'at-limit',
      reason: `Memory is at ${formatBytes(currentBytes)}, at or above the ${formatBytes(limitBytes)} limit.`,
      ...short,
    };
  if (slope.low <= 0)
    return {
      status: 'not-growing',
      reason: `Memory changes ${rate} over the last ${formatDuration(spanMs)}: the interval includes no growth.`,
      ...short,
    };
  const headroom = limitBytes - currentBytes;
  return {
    status: 'growing',
    slope: { estimate: slope.perSecond, low: slope.low, high: slope.high, confidence: slope.confidence },
    currentBytes,
    limitBytes,
    remainingMs: (headroom / slope.perSecond) * 1000,
    remainingLowMs: (headroom / slope.high) * 1000,
    remainingHighMs: (headroom / slope.low) * 1000,
    ...short,
  };
}
