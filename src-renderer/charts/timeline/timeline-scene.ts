// What the timeline chart draws, as plain values: the decimated columns, which series are shown,
// markers, the selection; and the y scales that follow from them.

import type { EpochMilliseconds, Milliseconds } from '../../../src-shared/units';
import type { ChartKey, TimelineColumns } from './timeline-data';
import { timelineAxes, timelinePanels } from '../timeline-panels';
import { valueScale, type ValueScale } from './ticks';

/** A range of time since the session's start. */
export interface TimeWindow {
  from: Milliseconds;
  to: Milliseconds;
}

/** A vertical line across every panel (the target exited, the recording stopped, an alert fired). */
export interface MarkerLine {
  /** Time since the session started. */
  x: Milliseconds;
  label: string;
  tone: 'exit' | 'exec' | 'stop' | 'error' | 'alert' | 'anomaly';
}

/** A range of note drawn across every panel with its label on the top one (a diagnosis where it holds). */
export interface Highlight extends TimeWindow {
  label: string;
}

/** Everything one draw of the chart shows. */
export interface TimelineScene {
  /** The drawn columns (decimated to the pixel budget), times in epoch milliseconds. */
  columns: TimelineColumns;
  /** The session's start: time 0 of the axis. */
  origin: EpochMilliseconds;
  /** The axis length: time from the session's start to its end (or the latest sample). */
  xMax: Milliseconds;
  /**
   * Series with at least one value. Only these get a line and a legend entry: a metric that was never
   * read (another user's I/O, a heap without a runtime profiler) has nothing to draw or toggle.
   */
  present: ReadonlySet<ChartKey>;
  /** Series the user turned off in a legend. */
  hidden: ReadonlySet<ChartKey>;
  markers: MarkerLine[];
  /** Alert episodes (from the condition's start to its clearing), drawn as faint bands; none when absent. */
  episodes?: TimeWindow[];
  /**
   * Where the points are buckets of older samples (retention), each drawn as its minimum and maximum:
   * a faint band, labelled on the top panel; none when every point is a sample.
   */
  downsampled?: TimeWindow[];
  /** The buckets' means over the downsampled spans, drawn as a dashed line through their envelope. */
  means?: TimelineColumns | null;
  /** The brushed range, drawn as a band across every panel. */
  selection: TimeWindow | null;
  /** A range to point out (the diagnosis the user looks at); none when absent. */
  highlight?: Highlight | null;
  /** True when so few samples are drawn that each gets a dot. */
  fewPoints: boolean;
}

const stackedKeys = new Set<ChartKey>(
  timelinePanels.flatMap((panel) => panel.series.filter((spec) => spec.stacked).map((spec) => spec.key)),
);

/**
 * The scale of each of timelineAxes for the scene's visible series, from all drawn points rather
 * than the zoomed window's, so scales stay put while zooming.
 */
export function axisScales(scene: TimelineScene): ValueScale[] {
  return timelineAxes.map((axis) => {
    const visible = axis.keys.filter((key) => scene.present.has(key) && !scene.hidden.has(key));
    return valueScale(visibleMaximum(scene.columns, visible), axis.unit);
  });
}

/** The largest value drawn for `keys`; stacked series count as their sum. */
function visibleMaximum(columns: TimelineColumns, keys: ChartKey[]): number {
  let maximum = 0;
  const stacked: number[][] = [];
  for (const key of keys) {
    const column = columns.values[key];
    if (!column) continue;
    if (stackedKeys.has(key)) {
      stacked.push(column);
      continue;
    }
    for (const value of column) if (value > maximum) maximum = value;
  }
  if (stacked.length === 0) return maximum;
  for (let index = 0; index < columns.times.length; index++) {
    let sum = 0;
    for (const column of stacked) {
      const value = column[index]!;
      if (!Number.isNaN(value)) sum += value;
    }
    if (sum > maximum) maximum = sum;
  }
  return maximum;
}
