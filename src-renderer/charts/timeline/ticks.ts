// Axis scales of the timeline: where ticks go on a value axis and on the time axis, and how far a
// value axis reaches. Pure, so the numbers a user reads are unit-tested.

import type { MetricUnit } from '../../../src-shared/model/resource';
import type { Milliseconds } from '../../../src-shared/units';

/** A value axis: its top and the values where a grid line and label go (0 first). */
export interface ValueScale {
  maximum: number;
  ticks: number[];
}

/** 1, 2, 3 or 5 × 10^n at or above `raw`. */
function niceDecimal(raw: number): number {
  const exponent = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / exponent;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 3 ? 3 : fraction <= 5 ? 5 : 10) * exponent;
}

/**
 * The smallest 1, 2, 2.5 or 5 × 10^n step that reaches `reach` in at most `splits` + 1 steps: data
 * just over a round value (101 %) gets one more step (150 %), not a doubled axis (200 %).
 */
function decimalInterval(reach: number, splits: number): number {
  const exponent = 10 ** Math.floor(Math.log10(reach / (splits + 1)));
  for (const multiple of [1, 2, 2.5, 5, 10, 20]) {
    const interval = multiple * exponent;
    if (Math.ceil(reach / interval - 1e-9) <= splits + 1) return interval;
  }
  return niceDecimal(reach / splits);
}

/**
 * A tick interval for a byte axis in whole binary units (0, 30 MiB, 60 MiB rather than decimal
 * 19.1 MiB steps), rounding maximum/splits to 1, 2, 3 or 5 × 10^n of KiB, MiB or GiB.
 */
export function binaryInterval(maximum: number, splits = 2): number {
  if (!(maximum > 0) || !Number.isFinite(maximum)) return 1;
  const unit = 1024 ** Math.max(0, Math.floor(Math.log(maximum) / Math.log(1024)));
  const raw = maximum / splits / unit;
  const exponent = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / exponent;
  const nice = fraction < 1.5 ? 1 : fraction < 2.5 ? 2 : fraction < 4 ? 3 : fraction < 7 ? 5 : 10;
  // Fractions of a byte make no sense as ticks.
  return Math.max(1, nice * exponent * unit);
}

/**
 * The smallest top an axis of this unit shows, so tiny values do not fill a panel: an idle
 * process's CPU should look idle, not noisy. Percentages of a whole always reach 100.
 */
function floorOf(unit: MetricUnit): number {
  switch (unit) {
    case 'percent':
      return 100;
    case 'corePercent':
      return 10;
    case 'count':
      return 4;
    case 'load':
      return 1;
    default:
      return 1;
  }
}

/**
 * The scale of a value axis whose data reaches `dataMaximum`: about `splits` intervals from 0,
 * ending on a tick. Byte axes step in whole binary units; counts step in whole numbers.
 */
export function valueScale(dataMaximum: number, unit: MetricUnit, splits = 2): ValueScale {
  const reach = Math.max(Number.isFinite(dataMaximum) ? dataMaximum : 0, floorOf(unit));
  let interval: number;
  if (unit === 'percent') interval = 50;
  else if (unit === 'bytes' || unit === 'bytesPerSecond') interval = binaryInterval(reach, splits);
  else if (unit === 'count') interval = Math.max(1, Math.ceil(decimalInterval(reach, splits)));
  else interval = decimalInterval(reach, splits);
  const maximum = Math.max(interval, Math.ceil(reach / interval - 1e-9) * interval);
  const ticks: number[] = [];
  for (let tick = 0; tick <= maximum + interval * 1e-9; tick += interval) ticks.push(tick);
  return { maximum, ticks };
}

/** Time steps a label may fall on, from a tenth of a second (the clock's finest digit) to a day. */
const timeSteps: Milliseconds[] = [
  100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/**
 * Tick times (since the session's start) for the window `from`–`to` drawn `width` pixels wide, at
 * least `spacing` pixels apart, on round clock values.
 */
export function timeTicks(from: Milliseconds, to: Milliseconds, width: number, spacing = 90): Milliseconds[] {
  const span = to - from;
  if (!(span > 0) || !(width > 0)) return [];
  const wanted = (span * spacing) / width;
  const step = timeSteps.find((candidate) => candidate >= wanted) ?? niceDecimal(wanted / 86_400_000) * 86_400_000;
  const ticks: Milliseconds[] = [];
  for (let tick = Math.ceil(from / step) * step; tick <= to; tick += step) ticks.push(tick);
  return ticks;
}

/** True when labels of ticks this close together need tenths of a second to differ. */
export function needsTenths(ticks: readonly Milliseconds[]): boolean {
  return ticks.length > 1 && ticks[1]! - ticks[0]! < 1_000;
}
