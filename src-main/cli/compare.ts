// `thermograph compare BASELINE CANDIDATE`: the comparison as a table a person reads in a CI log, as
// Markdown for a pull-request comment, or as JSON for tools. Exits with regressionExitCode when a
// --fail-on rule found a significant regression at least its threshold, and with 1 when a rule could
// not be judged (its metric was not measured on both sides).

import type { ComparisonReport, ComparedUnit, MetricComparison, Verdict } from '../../src-shared/compare/report';
import type { ThermographInProcessApi } from '../../src-shared/api/contract';
import { formatDuration, formatMetric } from '../../src-shared/format/units';
import { formatWeight } from '../../src-shared/format/weight';
import type { CompareOptions } from './arguments';

/** The exit code of a comparison whose gate found a regression (distinct from failure, 1, and usage, 2). */
export const regressionExitCode = 3;

/** Runs the comparison and prints it; returns the exit code. */
export async function runCompare(
  api: ThermographInProcessApi,
  options: CompareOptions & { json: boolean },
): Promise<number> {
  const report = await api.compareSessions({
    baseline: options.baseline,
    candidate: options.candidate,
    alpha: options.alpha,
    failOn: options.failOn,
    metrics: options.metrics,
  });
  const format = options.json ? 'json' : options.format;
  process.stdout.write(
    format === 'json' ? `${JSON.stringify(report)}\n` : `${comparisonText(report, format === 'markdown')}\n`,
  );
  if (report.regression) return regressionExitCode;
  // A gate that could not judge a rule (the metric was not measured on a side) must not pass a CI job.
  const unjudged = report.gate.filter((outcome) => outcome.status === 'unknown');
  for (const outcome of unjudged)
    process.stderr.write(
      `thermograph: --fail-on ${outcome.rule.text} could not be judged: ${outcome.reason} Record both sides so that they measure it (a launched command, a short enough --interval), or drop the rule.\n`,
    );
  return unjudged.length > 0 ? 1 : 0;
}

function formatValue(value: number, unit: ComparedUnit): string {
  if (unit === 'milliseconds') return formatDuration(value);
  if (unit === 'number') return String(Number(value.toPrecision(4)));
  return formatMetric(value, unit);
}

function signedPercent(share: number): string {
  const value = share * 100;
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} %`;
}

/** The verdict in words: time metrics get slower/faster, the rest more/less. */
export function verdictWord(verdict: Verdict, unit: ComparedUnit): string {
  if (verdict === 'no-change') return '~ no change';
  if (verdict === 'insufficient') return '? too few';
  const time = unit === 'milliseconds';
  if (verdict === 'increase') return time ? '▲ slower' : '▲ more';
  return time ? '▼ faster' : '▼ less';
}

function pValue(p: number | null): string {
  if (p === null) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

function metricRow({ label, unit, comparison }: MetricComparison): string[] {
  const { baseline, candidate, change } = comparison;
  const changeText = change
    ? `${signedPercent(change.estimate)} [${signedPercent(change.low)}, ${signedPercent(change.high)}]`
    : '—';
  return [
    label,
    `${formatValue(baseline.median, unit)} (n=${baseline.count})`,
    `${formatValue(candidate.median, unit)} (n=${candidate.count})`,
    changeText,
    pValue(comparison.p),
    verdictWord(comparison.verdict, unit),
  ];
}

/** Rows as aligned plain text, or as a Markdown table. */
function table(header: string[], rows: string[][], markdown: boolean): string {
  if (markdown) {
    const line = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
  }
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function sideText(side: ComparisonReport['baseline']): string {
  const ids = side.sessions.map((session) => session.id);
  const runs = ids.length === 1 ? `session ${ids[0]}` : `${ids.length} runs: sessions ${ids.join(', ')}`;
  return `${side.label} (${runs})`;
}

/** The whole report as text (or Markdown). */
export function comparisonText(report: ComparisonReport, markdown = false): string {
  const heading = (text: string) => (markdown ? `### ${text}` : text);
  const parts: string[] = [
    `${markdown ? '**Baseline**' : 'Baseline'}: ${sideText(report.baseline)}`,
    `${markdown ? '**Candidate**' : 'Candidate'}: ${sideText(report.candidate)}`,
    '',
    table(
      [
        'metric',
        'baseline (median)',
        'candidate (median)',
        `change [${Math.round((1 - report.alpha) * 100)} % interval]`,
        'p',
        'verdict',
      ],
      report.metrics.map(metricRow),
      markdown,
    ),
  ];
  const changed = report.functions.filter((entry) => entry.verdict !== 'no-change').slice(0, 15);
  if (report.functions.length > 0) {
    parts.push('', heading('Functions whose self time moved most'));
    const rows = (changed.length > 0 ? changed : report.functions.slice(0, 5)).map((entry) => [
      entry.file ? `${entry.name} (${entry.file}${entry.line > 0 ? `:${entry.line}` : ''})` : entry.name,
      `${formatWeight(entry.baselineSelf, entry.weightUnit)} (${(entry.baselineShare * 100).toFixed(1)} %)`,
      `${formatWeight(entry.candidateSelf, entry.weightUnit)} (${(entry.candidateShare * 100).toFixed(1)} %)`,
      pValue(entry.p),
      entry.presence === 'both'
        ? verdictWord(entry.verdict, 'number')
        : `only in ${entry.presence.replace('-only', '')}`,
    ]);
    parts.push(
      table(['function', 'baseline self (share)', 'candidate self (share)', 'p (adjusted)', 'verdict'], rows, markdown),
    );
  }
  if (report.gate.length > 0) {
    parts.push('', heading('Gate'));
    for (const outcome of report.gate)
      parts.push(`${markdown ? '- ' : '  '}${outcome.rule.text}: ${outcome.status.toUpperCase()} — ${outcome.reason}`);
  }
  if (report.notes.length > 0) {
    parts.push('');
    for (const note of report.notes) parts.push(`${markdown ? '> ' : 'Note: '}${note}`);
  }
  return parts.join('\n');
}
