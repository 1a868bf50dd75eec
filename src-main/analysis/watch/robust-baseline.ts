// What a metric usually reads, learned as it streams: a center and a scale that outliers cannot drag.
// The first readings are buffered and summarized by a Huber M-estimate of location (started at their
// median) and a trimmed mean absolute deviation; after that both follow exponentially weighted averages of Huber-clipped residuals, so a
// reading k scales away moves the center by at most α·k scales. Constant memory, O(1) per reading.

import { median } from '../diagnose/series-facts';

/** Converts a mean absolute deviation to a standard deviation for normal data (√(π/2)). */
const meanAbsoluteToDeviation = Math.sqrt(Math.PI / 2);
/** Residuals are clipped to this many scales before they move the center (Huber's k)… */
const centerClip = 2;
/** …and to this many before they move the scale. */
const scaleClip = 3;
/** The share of the largest warm-up deviations left out of the first scale, so one outlier cannot inflate it. */
const warmUpTrim = 0.1;
/** Iterations of the warm-up's M-estimate: each moves the center by a clipped mean residual. */
const huberSteps = 10;

/** How a baseline learns. */
export interface RobustBaselineOptions {
  /** Readings summarized before the baseline is ready. */
  warmUpSamples: number;
  /** Readings after which an old reading weighs half as much as a new one. */
  halfLifeSamples: number;
  /** The scale is at least this share of |center|: a flat series still has a sense of "far". */
  relativeFloor: number;
  /** The scale is at least this (the metric's resolution in its unit); the learned step between readings also floors it. */
  resolution: number;
}

/** A streaming robust center and scale; see the file comment. */
export class RobustBaseline {
  center = Number.NaN;
  private meanAbsolute = 0;
  /** The smallest non-zero change between two ordinary readings: a quantized metric cannot be judged finer. */
  private quantum = Number.POSITIVE_INFINITY;
  private previous = Number.NaN;
  private readonly warmUp: Float64Array;
  private warmUpCount = 0;
  /** Readings learned since the center was last set (by the warm-up or moveTo), up to warmUpSamples. */
  private learnedSince = 0;
  private readonly rate: number;

  constructor(private readonly options: RobustBaselineOptions) {
    this.warmUp = new Float64Array(options.warmUpSamples);
    this.rate = 1 - 2 ** (-1 / options.halfLifeSamples);
  }

  /** True once the warm-up readings have been summarized. */
  get ready(): boolean {
    return this.warmUpCount >= this.warmUp.length;
  }

  /** Warm-up readings collected so far (up to warmUpSamples). */
  get warmUpReadings(): number {
    return this.warmUpCount;
  }

  /** False while the center relearns a level it was moved to: its first readings weigh as a plain mean. */
  get settled(): boolean {
    return this.learnedSince >= this.warmUp.length;
  }

  /** The spread a departure is measured in, never zero. */
  get scale(): number {
    const floor = Math.max(
      this.options.relativeFloor * Math.abs(this.center),
      this.options.resolution,
      Number.isFinite(this.quantum) ? this.quantum : 0,
      Number.MIN_VALUE,
    );
    return Math.max(meanAbsoluteToDeviation * this.meanAbsolute, floor);
  }

  /** Learns from one reading judged ordinary. */
  learn(value: number): void {
    // Steps between ordinary readings only: the jump into a new level is no measure of resolution.
    const step = Math.abs(value - this.previous);
    if (step > 0 && step < this.quantum) this.quantum = step;
    this.previous = value;
    if (!this.ready) {
      this.warmUp[this.warmUpCount++] = value;
      if (this.ready) this.summarizeWarmUp();
      return;
    }
    const residual = value - this.center;
    const scale = this.scale;
    // A running mean of the first readings after a move (the move's own estimate counts as one), then the EWMA.
    const centerRate = this.settled ? this.rate : Math.max(this.rate, 1 / (++this.learnedSince + 1));
    this.center += centerRate * Math.max(-centerClip * scale, Math.min(centerClip * scale, residual));
    this.meanAbsolute += this.rate * (Math.min(Math.abs(residual), scaleClip * scale) - this.meanAbsolute);
  }

  /** Moves the center to a new level after a shift, keeping the scale learned so far. */
  moveTo(center: number): void {
    this.center = center;
    this.learnedSince = 0;
    this.previous = Number.NaN;
  }

  /**
   * The first center and scale: from the median, a few steps of Huber's M-estimate of location (the
   * same clipped mean the streaming update converges to, so a two-level series such as a CPU idle or
   * busy from reading to reading starts between its levels rather than on one of them), then the
   * trimmed mean absolute deviation about it.
   */
  private summarizeWarmUp(): void {
    const values = this.warmUp;
    this.center = median(values);
    this.meanAbsolute = this.trimmedMeanDeviation();
    for (let step = 0; step < huberSteps; step++) {
      const clip = centerClip * this.scale;
      let sum = 0;
      for (const value of values) sum += Math.max(-clip, Math.min(clip, value - this.center));
      this.center += sum / values.length;
    }
    this.meanAbsolute = this.trimmedMeanDeviation();
    this.learnedSince = values.length;
  }

  private trimmedMeanDeviation(): number {
    const deviations = this.warmUp.map((value) => Math.abs(value - this.center)).sort();
    const kept = Math.max(1, Math.floor(deviations.length * (1 - warmUpTrim)));
    let sum = 0;
    for (let index = 0; index < kept; index++) sum += deviations[index]!;
    return sum / kept;
  }
}
