// Where a run metric moved between sessions: binary segmentation (Vostrikova 1981) on a robust
// piecewise-linear cost, each split then confirmed by the rank-sum test between its neighbouring
// segments, as Compare judges two sets of runs. A segment is a line (so a metric that creeps is one
// segment, not a staircase of steps): Tukey's resistant line (the slope between the medians of its
// outer thirds, the level through the median residual), and its cost the Laplace negative
// log-likelihood of the residuals, Σ|residual| / b, with one scale b for the whole series estimated
// from successive differences after removing the overall Theil–Sen slope (which a level shift barely
// moves). A split is kept when it lowers the cost by more than `penalty` · ln n, a BIC-like choice
// calibrated so that pure noise rarely splits (measured over 1,000 seeded series in
// test/unit/analysis/trends/change-points.test.ts). Times are days since the first session.

import type { ChangePoint, HistoryPoint } from '../../../src-shared/model/trends';
import { compareRuns } from '../compare/compare-runs';
import { median } from '../compare/intervals';
import { theilSen } from '../statistics/theil-sen';
import { dayMs } from './forecast';

/** Options of the detection. */
export interface ChangePointOptions {
  /** The penalty per change point in units of ln n (default 4). */
  penalty?: number;
  /** The fewest sessions a segment may have (default 4: the fewest for which the rank-sum test can reach α = 0.05). */
  minimumSegment?: number;
  /** Significance the confirming rank-sum test needs (default 0.05). */
  alpha?: number;
}

/** The normal standard deviation from a median absolute deviation. */
const madToSigma = 1.4826;

/**
 * The noise's scale from successive differences of the series less its overall slope: a level shift
 * moves one difference, not their median. Falls back to the mean absolute deviation of the
 * differences when most are equal (quantized counts), and is 0 only when the series is constant.
 */
export function noiseScale(x: readonly number[], y: readonly number[]): number {
  if (y.length < 3) return 0;
  const slope = theilSen(x, y)?.perSecond ?? 0;
  const differences: number[] = [];
  for (let index = 1; index < y.length; index++)
    differences.push(y[index]! - y[index - 1]! - slope * (x[index]! - x[index - 1]!));
  const center = median(differences);
  const deviations = differences.map((difference) => Math.abs(difference - center));
  const mad = median(deviations);
  if (mad > 0) return (madToSigma * mad) / Math.SQRT2;
  const mean = deviations.reduce((sum, deviation) => sum + deviation, 0) / deviations.length;
  return (Math.sqrt(Math.PI / 2) * mean) / Math.SQRT2;
}

/** Σ|residual| of [start, end) around its resistant line. O(m log m). */
function absoluteCost(x: readonly number[], y: readonly number[], start: number, end: number): number {
  const size = end - start;
  const third = Math.max(1, Math.floor(size / 3));
  const leftX = median(x.slice(start, start + third));
  const rightX = median(x.slice(end - third, end));
  const slope =
    rightX > leftX ? (median(y.slice(end - third, end)) - median(y.slice(start, start + third))) / (rightX - leftX) : 0;
  const residuals: number[] = [];
  for (let index = start; index < end; index++) residuals.push(y[index]! - slope * x[index]!);
  const level = median(residuals);
  return residuals.reduce((sum, residual) => sum + Math.abs(residual - level), 0);
}

/** The best split of [start, end) and by how much it lowers the cost; null when none is allowed. */
function bestSplit(
  x: readonly number[],
  y: readonly number[],
  start: number,
  end: number,
  minimumSegment: number,
): { at: number; gain: number } | null {
  if (end - start < 2 * minimumSegment) return null;
  const whole = absoluteCost(x, y, start, end);
  let best: { at: number; gain: number } | null = null;
  for (let at = start + minimumSegment; at <= end - minimumSegment; at++) {
    const gain = whole - absoluteCost(x, y, start, at) - absoluteCost(x, y, at, end);
    if (!best || gain > best.gain) best = { at, gain };
  }
  return best;
}

/** The candidate splits of binary segmentation, in increasing order. O(n² log n) per level. */
function segment(x: readonly number[], y: readonly number[], threshold: number, minimumSegment: number): number[] {
  const splits: number[] = [];
  const pending: Array<[number, number]> = [[0, y.length]];
  while (pending.length > 0) {
    const [start, end] = pending.pop()!;
    const split = bestSplit(x, y, start, end, minimumSegment);
    if (!split || split.gain <= threshold) continue;
    splits.push(split.at);
    pending.push([start, split.at], [split.at, end]);
  }
  return splits.sort((left, right) => left - right);
}

/**
 * The change points of a history (oldest first), each with both neighbouring segments compared; none
 * when the series is too short for two segments or constant.
 */
export function changePoints(history: readonly HistoryPoint[], options: ChangePointOptions = {}): ChangePoint[] {
  const minimumSegment = options.minimumSegment ?? 4;
  const alpha = options.alpha ?? 0.05;
  const values = history.map((point) => point.value);
  const origin = history[0]?.time ?? 0;
  const days = history.map((point) => (point.time - origin) / dayMs);
  if (values.length < 2 * minimumSegment) return [];
  const scale = noiseScale(days, values);
  if (scale === 0) return [];
  // Laplace scale b with the noise's standard deviation: var = 2b².
  const laplace = scale / Math.SQRT2;
  const threshold = (options.penalty ?? 4) * Math.log(values.length) * laplace;
  let splits = segment(days, values, threshold, minimumSegment);
  // Confirm each split against its neighbours; drop the least significant failing one and judge again,
  // since merging two segments changes the comparisons beside them.
  for (;;) {
    const bounds = [0, ...splits, values.length];
    const judged = splits.map((at, index) =>
      compareRuns(values.slice(bounds[index], at), values.slice(at, bounds[index + 2]), { alpha }),
    );
    let weakest = -1;
    for (let index = 0; index < judged.length; index++) {
      const { verdict, p } = judged[index]!;
      if (verdict === 'increase' || verdict === 'decrease') continue;
      if (weakest < 0 || (p ?? 1) > (judged[weakest]!.p ?? 1)) weakest = index;
    }
    if (weakest < 0)
      return splits.map((at, index) => ({
        index: at,
        sessionId: history[at]!.sessionId,
        time: history[at]!.time,
        comparison: judged[index]!,
      }));
    splits = splits.filter((_, index) => index !== weakest);
  }
}
