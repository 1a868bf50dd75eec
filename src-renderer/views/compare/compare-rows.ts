// The comparison report as the Compare view's rows: changes with their intervals, p-values, verdict
// chips and the order metrics are listed in. Pure, so the unit tests read it without a browser.
// The words follow `thermograph compare` (slower/faster for times, more/less for the rest).

import type {
  ComparedUnit,
  FunctionComparison,
  Interval,
  MetricComparison,
  Verdict,
} from '../../../src-shared/compare/report';
import { formatDuration, formatMetric } from '../../../src-shared/format/units';
import { formatWeight } from '../../../src-shared/format/weight';
import type { SessionSummary } from '../../../src-shared/model/session';

/** How a verdict is coloured: every metric is "lower is better", so an increase is worse. */
export type ChipTone = 'worse' | 'better' | 'same' | 'unknown';

/** A verdict as a chip: its word and its tone. */
export interface VerdictChip {
  label: string;
  tone: ChipTone;
}

/** The chip for a verdict; a time (milliseconds) gets slower/faster, anything else more/less. */
export function verdictChip(verdict: Verdict, unit: ComparedUnit | 'share'): VerdictChip {
  if (verdict === 'no-change') return { label: 'no change', tone: 'same' };
  if (verdict === 'insufficient') return { label: 'too few runs', tone: 'unknown' };
  const time = unit === 'milliseconds';
  if (verdict === 'increase') return { label: time ? 'slower' : 'more', tone: 'worse' };
  return { label: time ? 'faster' : 'less', tone: 'better' };
}

/** A relative change (0.176 = 17.6 %) as "+17.6 %", with a true minus sign for decreases. */
export function formatSignedPercent(share: number): string {
  if (!Number.isFinite(share)) return '—';
  const percent = Math.abs(share * 100).toFixed(1);
  // −0.0 % would read as a decrease that is not there.
  if (percent === '0.0') return '0.0 %';
  return `${share > 0 ? '+' : '−'}${percent} %`;
}

/** A change and its interval as the table shows them; null when the change is unknown. */
export function formatChange(change: Interval | null): { estimate: string; interval: string } | null {
  if (!change) return null;
  return {
    estimate: formatSignedPercent(change.estimate),
    interval: `[${formatSignedPercent(change.low)}, ${formatSignedPercent(change.high)}]`,
  };
}

/** A p-value with three decimals, "< 0.001" below that, "—" when untested. */
export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** A compared value in its unit ("412 ms", "1.5 MiB", "93.2%"). */
export function formatComparedValue(value: number, unit: ComparedUnit): string {
  if (unit === 'milliseconds') return formatDuration(value);
  if (unit === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : '—';
  return formatMetric(value, unit);
}

/** True when the verdict is a significant change either way. */
export function isSignificant(verdict: Verdict): boolean {
  return verdict === 'increase' || verdict === 'decrease';
}

/**
 * The metrics in the order the table lists them: significant increases (regressions, as lower is
 * better) first, then significant decreases, then the rest. Within each group the engine's order
 * holds, which leads with wall time and keeps related metrics together; sorting by the size of
 * the change would put a 10 ms → 20 ms system time (+100 %) above a 20 % slower run.
 */
export function sortMetrics(metrics: readonly MetricComparison[]): MetricComparison[] {
  const withVerdict = (verdict: Verdict) => metrics.filter((entry) => entry.comparison.verdict === verdict);
  return [
    ...withVerdict('increase'),
    ...withVerdict('decrease'),
    ...metrics.filter((entry) => !isSignificant(entry.comparison.verdict)),
  ];
}

/** One function row's cells, as text. */
export interface FunctionCells {
  location: string | null;
  baseline: string;
  candidate: string;
  p: string;
  chip: VerdictChip;
}

function selfText(self: number, share: number, unit: FunctionComparison['weightUnit']): string {
  return `${formatWeight(self, unit)} (${(share * 100).toFixed(1)} %)`;
}

/** A function's cells: a side it is absent from reads "—", and its verdict says which side it is only in. */
export function functionCells(entry: FunctionComparison): FunctionCells {
  const location = entry.file ? `${entry.file}${entry.line > 0 ? `:${entry.line}` : ''}` : null;
  const chip: VerdictChip =
    entry.presence === 'both'
      ? verdictChip(entry.verdict, 'share')
      : {
          label: entry.presence === 'baseline-only' ? 'only in baseline' : 'only in candidate',
          // Presence is a fact, not a verdict: a function renamed or inlined moves sides too.
          tone: 'same',
        };
  return {
    location,
    baseline:
      entry.presence === 'candidate-only' ? '—' : selfText(entry.baselineSelf, entry.baselineShare, entry.weightUnit),
    candidate:
      entry.presence === 'baseline-only' ? '—' : selfText(entry.candidateSelf, entry.candidateShare, entry.weightUnit),
    p: formatPValue(entry.p),
    chip,
  };
}

/** True when the engine can compare the session: it has ended and was recorded (not imported). */
export function isComparable(session: SessionSummary): boolean {
  // An imported profile too: its functions compare with any other profile's.
  return session.status === 'ended';
}

/** True when some comparable session is marked as the baseline (so "baseline" names a side). */
export function hasBaseline(sessions: readonly SessionSummary[]): boolean {
  return sessions.some((session) => session.baseline && isComparable(session));
}

/** A suggestion for a side picker: the value to type and what it stands for. */
export interface SideSuggestion {
  value: string;
  label: string;
}

/**
 * What a side can be, from the session list: "baseline" when one is marked, each series or session
 * name (with its run count), each tag, and each session's id. Only ended, recorded sessions count,
 * as the engine compares only those.
 */
export function sideSuggestions(sessions: readonly SessionSummary[]): SideSuggestion[] {
  const comparable = sessions.filter(isComparable);
  const suggestions: SideSuggestion[] = [];
  const marked = comparable.filter((session) => session.baseline).length;
  if (marked > 0) suggestions.push({ value: 'baseline', label: `the baseline (${runsText(marked)})` });
  const names = countBy(comparable.map((session) => session.name));
  for (const [name, count] of names) suggestions.push({ value: name, label: `name · ${runsText(count)}` });
  const tags = countBy(comparable.flatMap((session) => session.tags));
  for (const [tag, count] of tags)
    if (!names.has(tag)) suggestions.push({ value: tag, label: `tag · ${runsText(count)}` });
  for (const session of comparable) suggestions.push({ value: String(session.id), label: `session “${session.name}”` });
  return suggestions;
}

function runsText(count: number): string {
  return count === 1 ? '1 session' : `${count} sessions`;
}

/** Occurrences of each value, in the order values first appear. */
function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
