// The stack chart's time axis and its time labels: ticks at 1, 2 or 5 × a power of ten, labelled as
// time since the recording started (the timeline's origin), with as many decimals as the step
// needs, so a chart zoomed to a millisecond still reads. Pure.

import { formatDuration } from '../../../src-shared/format/units';
import type { TimeWindow } from './stack-chart-window';

/** One tick: its x (CSS px from the chart's left) and label. */
export interface AxisTick {
  x: number;
  label: string;
}

/** The smallest 1, 2 or 5 × 10^k milliseconds at least `minimum` long. */
export function niceStep(minimum: number): number {
  if (!(minimum > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(minimum));
  for (const multiple of [1, 2, 5, 10]) if (multiple * power >= minimum) return multiple * power;
  return 10 * power;
}

/** Decimals that tell ticks `step` apart in a unit `unitMs` long. */
function decimals(step: number, unitMs: number): number {
  return Math.max(0, Math.min(6, -Math.floor(Math.log10(step / unitMs) + 1e-9)));
}

/** A time since `origin` as an axis label ("1.5 s", "250 ms", "1234.5 ms") at tick spacing `step`. */
export function tickLabel(time: number, origin: number, step: number): string {
  const elapsed = time - origin;
  if (step >= 100) return `${(elapsed / 1000).toFixed(decimals(step, 1000))} s`;
  return `${elapsed.toFixed(decimals(step, 1))} ms`;
}

/** Ticks over a window `width` px wide, at least `spacing` px apart, counted from `origin`. */
export function axisTicks(window: TimeWindow, width: number, origin: number, spacing = 90): AxisTick[] {
  const span = window.end - window.start;
  if (!(span > 0) || width <= 0) return [];
  const step = niceStep((span * spacing) / width);
  const ticks: AxisTick[] = [];
  const first = Math.ceil((window.start - origin) / step);
  for (let index = first; ; index++) {
    const time = origin + index * step;
    if (time > window.end) break;
    ticks.push({ x: ((time - window.start) / span) * width, label: tickLabel(time, origin, step) });
    if (ticks.length > 1_000) break;
  }
  return ticks;
}

/** A run's length for a tooltip: fractions of a millisecond stay visible ("0.25 ms", "12.5 ms", "3.2 s"). */
export function formatSpan(durationMs: number): string {
  if (!Number.isFinite(durationMs) || durationMs < 0) return '—';
  if (durationMs < 10) return `${durationMs.toFixed(2)} ms`;
  if (durationMs < 100) return `${durationMs.toFixed(1)} ms`;
  return formatDuration(durationMs);
}
