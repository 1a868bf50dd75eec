// Flags what departs from what one metric learned to expect, as it streams, with no seasonality
// model. Every reading is standardized against a robust baseline (robust-baseline.ts): z = (x − center)
// / scale. Three findings, one per episode, then a cooldown:
// - spike: readings at least `spikeScore` scales away that come back within `shiftSamples` readings;
// - levelShift: `shiftSamples` readings in a row at least `shiftScore` scales away on one side, or a
//   CUSUM alarm (on z clipped to ±cusumClip, so spikes cannot trip it) that the last `shapeWindow`
//   readings fit better as a step than as a ramp (change-shape.ts);
// - drift: a CUSUM alarm they fit better as a ramp.
// A CUSUM alarm is reported `shapeSamples` readings after it trips, once its shape can be told.
// After a shift or a drift the baseline moves to the new level and relearns it quickly, with the
// CUSUM paused, so one change is one anomaly. Constant memory, O(1) per reading (O(shapeWindow) once
// per CUSUM alarm). The defaults are calibrated in README.md.

import { formatDuration, formatMetric } from '../../../src-shared/format/units';
import {
  alertMetricUnit,
  anomalyWarmUp,
  type Anomaly,
  type AnomalyKind,
  type AlertMetric,
  type DetectorStatus,
} from '../../../src-shared/model/watch';
import type { MetricUnit } from '../../../src-shared/model/resource';
import type { EpochMilliseconds, Milliseconds } from '../../../src-shared/units';
import { median } from '../diagnose/series-facts';
import { changeShape } from './change-shape';
import { CusumSide } from './cusum';
import { RobustBaseline, type RobustBaselineOptions } from './robust-baseline';

/** How a detector judges; every field has a default (defaultAnomalyOptions). */
export interface AnomalyDetectorOptions extends RobustBaselineOptions {
  /** No verdict before this much time since the first reading, even once the warm-up readings are in. */
  warmUpMs: Milliseconds;
  spikeScore: number;
  /**
   * Heavy tails: a spike must also be `tailMultiple` times the learned 99.9th percentile of |z|, so
   * noise that often reaches 10 scales (Student t with 3 degrees of freedom) needs a taller spike.
   */
  tailMultiple: number;
  /**
   * Heavy tails at a fast rate: a spike must also clear the |z| that steady noise exceeds this many
   * times a day, extrapolated from the learned 99th and 99.9th percentiles as a power-law tail (see
   * tailBar), so a 10 Hz recording of heavy-tailed noise is not told of its every extreme.
   */
  tailExceedancesPerDay: number;
  shiftScore: number;
  shiftSamples: number;
  /** CUSUM allowance k (in scales): drifts slower than this stay unflagged. */
  cusumSlack: number;
  /** CUSUM decision limit h (in scales). */
  cusumLimit: number;
  cusumClip: number;
  /** Readings a CUSUM alarm's shape (step or ramp) is judged on… */
  shapeWindow: number;
  /** …of which this many come after the alarm: a ramp and a step look alike until the ramp keeps rising. */
  shapeSamples: number;
  /** The least time between two anomalies of one metric. */
  cooldownMs: Milliseconds;
  /** The readings are a cumulative counter: judge its rate per second; a decrease is a reset, not a drop. */
  counter: boolean;
}

/**
 * The least scale per unit when the caller gives no resolution: below it a change is not worth a
 * developer's attention even on a flat series (an idle process's 10 % CPU tick at 100 ms, a 4 KiB write).
 */
export const defaultResolutions: Readonly<Record<MetricUnit, number>> = {
  corePercent: 5,
  percent: 5,
  bytes: 64 * 1024,
  bytesPerSecond: 64 * 1024,
  perSecond: 10,
  count: 1,
  load: 0.1,
};

/** The calibrated defaults (see README.md for the false-alarm rates and delays they give); the resolution comes from the unit. */
export const defaultAnomalyOptions: Omit<AnomalyDetectorOptions, 'resolution'> = {
  warmUpSamples: anomalyWarmUp.readings,
  warmUpMs: anomalyWarmUp.durationMs,
  halfLifeSamples: 120,
  relativeFloor: 0.01,
  spikeScore: 10,
  tailMultiple: 3,
  tailExceedancesPerDay: 0.1,
  shiftScore: 5,
  shiftSamples: 5,
  cusumSlack: 0.5,
  cusumLimit: 15,
  cusumClip: 2.5,
  shapeWindow: 120,
  shapeSamples: 20,
  cooldownMs: 60_000,
  counter: false,
};

/** The share of |z| the tail estimate leaves above it, its start (a normal's value) and its step. */
const tailShare = 0.001;
const normalTail = 3.29;
const tailStep = 0.2;
/** The same for the 99th percentile, the tail's other point. */
const shoulderShare = 0.01;
const normalShoulder = 2.576;
const dayMs = 86_400_000;

/** The baseline stops learning once a CUSUM reaches this share of its limit. */
const learningLimit = 1 / 3;

/** One metric's streaming anomaly detector. */
export class AnomalyDetector {
  private readonly options: AnomalyDetectorOptions;
  private readonly baseline: RobustBaseline;
  private firstTime = Number.NaN;
  private lastTime = Number.NaN;
  /** A Robbins–Monro estimate of the 99.9th percentile of |z|: up by tailStep·0.999 above it, down by tailStep·0.001 below. */
  private tail = normalTail;
  /** The same for the 99th percentile: with `tail`, it tells how heavy the tail is. */
  private shoulder = normalShoulder;
  private readings = 0;
  private quietUntil = Number.NEGATIVE_INFINITY;
  // The current departure: readings beyond shiftScore on one side (their values, for the new level).
  private readonly departure: Float64Array;
  private departureLength = 0;
  private departureSign = 0;
  private departureSince = 0;
  private departurePeak = 0;
  private departureScore = 0;
  private departureBar = 0;
  private readonly up = new CusumSide();
  private readonly down = new CusumSide();
  // The last shapeWindow z and their times, a ring: what a CUSUM alarm's shape is judged on.
  private readonly recentZ: Float64Array;
  private readonly recentTimes: Float64Array;
  private recentCount = 0;
  // A CUSUM alarm waiting for shapeSamples more readings: its side (1 up, −1 down, 0 none) and statistic.
  private tripDirection = 0;
  private tripScore = 0;
  private readingsSinceTrip = 0;
  // For counters: the last reading and its time.
  private lastCount = Number.NaN;
  private lastCountTime = Number.NaN;

  constructor(
    readonly metric: AlertMetric,
    options: Partial<AnomalyDetectorOptions> = {},
  ) {
    this.options = { ...defaultAnomalyOptions, resolution: defaultResolutions[alertMetricUnit(metric)], ...options };
    this.baseline = new RobustBaseline(this.options);
    this.departure = new Float64Array(this.options.shiftSamples);
    this.recentZ = new Float64Array(this.options.shapeWindow);
    this.recentTimes = new Float64Array(this.options.shapeWindow);
  }

  /** What the detector can say now: the baseline it judges against, or why it does not judge yet. */
  status(): DetectorStatus {
    const readings = this.baseline.warmUpReadings;
    const elapsedMs = Number.isNaN(this.firstTime) ? 0 : this.lastTime - this.firstTime;
    if (readings < this.options.warmUpSamples || elapsedMs < this.options.warmUpMs) {
      return {
        metric: this.metric,
        judging: false,
        reason:
          `${this.metric}: learning what is usual (${readings} of ${this.options.warmUpSamples} readings, ` +
          `${formatDuration(elapsedMs)} of ${formatDuration(this.options.warmUpMs)}); no anomaly is judged before`,
      };
    }
    return {
      metric: this.metric,
      judging: true,
      baseline: { center: this.baseline.center, scale: this.baseline.scale },
    };
  }

  /** Judges one reading (null or NaN when unreadable); returns the anomaly it completes, if any. */
  push(time: EpochMilliseconds, reading: number | null): Anomaly | null {
    const value = this.options.counter ? this.rateOf(time, reading) : reading;
    if (value === null || !Number.isFinite(value)) return null;
    if (Number.isNaN(this.firstTime)) this.firstTime = time;
    this.lastTime = time;
    if (!this.baseline.ready || time - this.firstTime < this.options.warmUpMs) {
      this.baseline.learn(value);
      return null;
    }
    const { center, scale } = this.baseline;
    const z = (value - center) / scale;
    const sign = Math.sign(z);
    // The spike bar as it stands before this reading, so a departure is not judged by a tail it raised itself.
    const spikeBar = Math.max(this.options.spikeScore, this.options.tailMultiple * this.tail, this.tailBar(time));
    this.tail = Math.max(normalTail, this.tail + tailStep * ((Math.abs(z) > this.tail ? 1 : 0) - tailShare));
    this.shoulder = Math.max(
      normalShoulder,
      this.shoulder + tailStep * ((Math.abs(z) > this.shoulder ? 1 : 0) - shoulderShare),
    );
    this.readings++;
    let found: Anomaly | null = null;
    if (this.departureLength > 0 && (Math.abs(z) < this.options.shiftScore || sign !== this.departureSign)) {
      // The departure ended before it was long enough to be a shift: a spike if it was tall enough.
      if (this.departureScore >= this.departureBar) {
        found = this.report('spike', time, this.departureSince, this.departurePeak, this.departureScore, center, scale);
      }
      this.departureLength = 0;
    }
    if (Math.abs(z) >= this.options.shiftScore) {
      if (this.departureLength === 0) {
        this.departureSign = sign;
        this.departureSince = time;
        this.departurePeak = value;
        this.departureScore = 0;
        this.departureBar = spikeBar;
      }
      this.departure[this.departureLength++] = value;
      if (Math.abs(z) > this.departureScore) {
        this.departureScore = Math.abs(z);
        this.departurePeak = value;
      }
      if (this.departureLength < this.options.shiftSamples) return found;
      // Sustained: a level shift; the new level is the departure's median.
      const level = median(this.departure);
      const shift = this.report('levelShift', time, this.departureSince, value, this.departureScore, center, scale);
      this.restartAt(level);
      return found ?? shift;
    }
    return found ?? this.cusum(time, value, z, center, scale);
  }

  /**
   * The |z| steady noise exceeds `tailExceedancesPerDay` times a day at this reading rate. A power-law
   * tail P(|z| > x) ∝ x^−α through the 99th and 99.9th percentiles has α = ln 10 / ln(q99.9 / q99);
   * its quantile for the share p = exceedances / readings a day is q99.9 · (0.001 / p)^(1/α). A normal
   * tail (α ≈ 9) gives about 9 at 10 Hz, under the spike score; Student t(3) (α ≈ 3) about 140.
   */
  private tailBar(time: EpochMilliseconds): number {
    if (this.readings < 2 || time <= this.firstTime) return 0;
    const readingsPerDay = (this.readings * dayMs) / (time - this.firstTime);
    const share = this.options.tailExceedancesPerDay / readingsPerDay;
    const ratio = this.tail / this.shoulder;
    if (share >= tailShare || ratio <= 1) return this.tail;
    const alpha = Math.LN10 / Math.log(ratio);
    return this.tail * (tailShare / share) ** (1 / alpha);
  }

  /** Accumulates z in both CUSUMs and learns from the reading; reports when one trips. */
  private cusum(time: EpochMilliseconds, value: number, z: number, center: number, scale: number): Anomaly | null {
    const clipped = Math.max(-this.options.cusumClip, Math.min(this.options.cusumClip, z));
    const slot = this.recentCount++ % this.recentZ.length;
    // Unclipped: the shape of a ramp past the clip matters, and readings past shiftScore never come here.
    this.recentZ[slot] = z;
    this.recentTimes[slot] = time;
    if (this.tripDirection !== 0) {
      // A change was found; its shape shows once the readings after the alarm are in.
      if (++this.readingsSinceTrip < this.options.shapeSamples) return null;
      return this.judgeShape(time, value, center, scale);
    }
    // While the baseline relearns a new level its residuals are biased: the CUSUM would find that bias.
    if (!this.baseline.settled) {
      this.baseline.learn(value);
      return null;
    }
    this.up.add(clipped, this.options.cusumSlack);
    this.down.add(-clipped, this.options.cusumSlack);
    // A CUSUM on its way up is evidence of change: learning from those readings would absorb a drift.
    if (Math.max(this.up.sum, this.down.sum) < this.options.cusumLimit * learningLimit) this.baseline.learn(value);
    this.tripDirection = this.up.sum > this.options.cusumLimit ? 1 : this.down.sum > this.options.cusumLimit ? -1 : 0;
    if (this.tripDirection === 0) return null;
    this.tripScore = Math.max(this.up.sum, this.down.sum);
    this.readingsSinceTrip = 0;
    return this.options.shapeSamples > 0 ? null : this.judgeShape(time, value, center, scale);
  }

  /** Fits the recent readings as a step and as a ramp, reports the better one and moves the baseline to it. */
  private judgeShape(time: EpochMilliseconds, value: number, center: number, scale: number): Anomaly | null {
    const direction = this.tripDirection;
    // The window in time order, signed so that the departure is upwards.
    const length = Math.min(this.recentCount, this.recentZ.length);
    const window = new Float64Array(length);
    const first = this.recentCount - length;
    for (let index = 0; index < length; index++) {
      window[index] = direction * this.recentZ[(first + index) % this.recentZ.length]!;
    }
    const shape = changeShape(window);
    const since = this.recentTimes[(first + shape.start) % this.recentZ.length]!;
    const found = this.report(
      shape.kind,
      time,
      since,
      value,
      this.tripScore,
      center,
      scale,
      direction > 0 ? 'up' : 'down',
    );
    this.restartAt(center + direction * shape.level * scale);
    return found;
  }

  private restartAt(level: number): void {
    this.baseline.moveTo(level);
    this.departureLength = 0;
    this.recentCount = 0;
    this.tripDirection = 0;
    this.up.reset();
    this.down.reset();
  }

  private report(
    kind: AnomalyKind,
    time: EpochMilliseconds,
    since: EpochMilliseconds,
    value: number,
    score: number,
    center: number,
    scale: number,
    direction: 'up' | 'down' = value >= center ? 'up' : 'down',
  ): Anomaly | null {
    if (time < this.quietUntil) return null;
    this.quietUntil = time + this.options.cooldownMs;
    const label = kind === 'spike' ? 'a spike' : kind === 'drift' ? 'a drift' : 'a level shift';
    const unit = alertMetricUnit(this.metric);
    const message =
      `${this.metric}: ${label} ${direction} to ${formatMetric(value, unit)} against a usual ` +
      `${formatMetric(center, unit)} ± ${formatMetric(scale, unit)} (score ${score.toFixed(1)})`;
    return { metric: this.metric, kind, direction, time, since, value, score, baseline: { center, scale }, message };
  }

  /** A counter's rate per second since its last reading; null on the first reading and after a reset. */
  private rateOf(time: EpochMilliseconds, count: number | null): number | null {
    if (count === null || !Number.isFinite(count)) return null;
    const previous = this.lastCount;
    const elapsedMs = time - this.lastCountTime;
    this.lastCount = count;
    this.lastCountTime = time;
    // A counter that went down restarted (the process was restarted, or it wrapped): no rate this time.
    if (Number.isNaN(previous) || count < previous || elapsedMs <= 0) return null;
    return ((count - previous) * 1000) / elapsedMs;
  }
}
