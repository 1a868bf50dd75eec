// What the timeline overlay says in words: each side's caption (which run is drawn and why) and,
// beside each panel, the verdicts of the metrics it shows. Pure, so the unit tests read it; the
// numbers are formatted as the metric table formats them.

import type { Interval, MetricComparison } from '../../../src-shared/compare/report';
import type { OverlaySide } from '../../../src-shared/compare/timeline-overlay';
import { formatDuration } from '../../../src-shared/format/units';
import type { OverlayPanelId } from '../../charts/overlay/overlay-data';
import { formatChange, formatPValue, isSignificant, verdictChip, type VerdictChip } from './compare-rows';

/** The run metrics each panel draws the evidence of, in the order they are listed beside it. */
export const panelMetrics: Record<OverlayPanelId, readonly string[]> = {
  cpu: ['cpu.mean', 'cpu.p95', 'cpu.user', 'cpu.system'],
  memory: ['rss.peak', 'rss.mean', 'faults.minor', 'faults.major'],
  io: ['io.read', 'io.write', 'syscalls.read', 'syscalls.write'],
  threads: ['threads.peak', 'fds.peak', 'switches.voluntary', 'switches.involuntary'],
};

/** One metric's verdict as a line: "CPU, mean −12.4 % [−15.1, −9.8], p < 0.001 less". */
export interface VerdictLine {
  metric: string;
  label: string;
  chip: VerdictChip;
  /** The change with its interval and p ("+21.4 % [+18.1, +23.7], p = 0.008"), what of them is known. */
  detail: string;
  /** True when the verdict is a significant change (the others are drawn muted). */
  significant: boolean;
  /** The engine's reason, for the chip's tooltip. */
  reason: string;
}

/** "+21.4 % [+18.1, +23.7]": the change and its interval, the unit said once to fit beside a panel. */
export function compactChange(change: Interval | null): string | null {
  const formatted = formatChange(change);
  if (!formatted) return null;
  return `${formatted.estimate} ${formatted.interval.replaceAll(' %', '')}`;
}

/** The verdict lines of `names` that the comparison has, in that order. */
export function verdictLines(metrics: readonly MetricComparison[], names: readonly string[]): VerdictLine[] {
  return names.flatMap((name) => {
    const entry = metrics.find((metric) => metric.metric === name);
    if (!entry) return [];
    const { comparison } = entry;
    const p = formatPValue(comparison.p);
    const pText = p === '—' ? null : p.startsWith('<') ? `p ${p}` : `p = ${p}`;
    return [
      {
        metric: name,
        label: entry.label,
        chip: verdictChip(comparison.verdict, entry.unit),
        detail: [compactChange(comparison.change), pText].filter((part) => part !== null).join(', ') || '—',
        significant: isSignificant(comparison.verdict),
        reason: comparison.reason,
      },
    ];
  });
}

/**
 * Which session a side's lines are, for its legend: "session 14", or for a series
 * "run 4 of 10, median wall time (412 ms)".
 */
export function sideCaption(side: OverlaySide): string {
  switch (side.choice) {
    case 'only-session':
      return `session ${side.session.id}`;
    case 'median-wall-time':
      return `run ${side.run} of ${side.runs}, median wall time (${formatDuration(side.wallMs)})`;
    case 'median-duration':
      return `run ${side.run} of ${side.runs}, median duration (${formatDuration(side.wallMs)})`;
  }
}
