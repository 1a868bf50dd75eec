// The overlay's hover readout: at one time since the start, each drawn series' value on both sides,
// side by side, as data (pure, unit-tested); render-overlay-readout.ts draws it.

import { formatClock, formatMetric } from '../../../src-shared/format/units';
import type { Milliseconds } from '../../../src-shared/units';
import { drawnSeries, valueAt, type OverlayColumns, type OverlayPanelSpec } from './overlay-data';

/** One side as the readout names it. */
export interface ReadoutSide {
  label: string;
  color: string;
  columns: OverlayColumns;
}

/** One value of a row: its text, muted where the side had ended or cannot read the series. */
export interface OverlayReadoutValue {
  text: string;
  muted: boolean;
}

/** What the readout shows: the time, the sides' names and colours, and a row per drawn series. */
export interface OverlayReadout {
  title: string;
  sides: { label: string; color: string }[];
  rows: { label: string; values: OverlayReadoutValue[] }[];
}

/** The readout at `time` (milliseconds since each side's start) for the panels drawn. */
export function buildOverlayReadout(
  time: Milliseconds,
  sides: readonly ReadoutSide[],
  panels: readonly OverlayPanelSpec[],
): OverlayReadout {
  const columns = sides.map((side) => side.columns);
  const rows = panels.flatMap((panel) =>
    drawnSeries(panel, columns).map((spec) => ({
      // A panel of one series is named by the panel; of two, by the series (Read, Write).
      label: panel.series.length > 1 ? spec.label : panel.title,
      values: sides.map((side) => {
        const value = valueAt(side.columns, spec.key, time);
        if (value === 'ended') return { text: 'ended', muted: true };
        return { text: formatMetric(value, panel.unit), muted: value === null || Number.isNaN(value) };
      }),
    })),
  );
  return {
    title: formatClock(time, true),
    sides: sides.map((side) => ({ label: side.label, color: side.color })),
    rows,
  };
}
