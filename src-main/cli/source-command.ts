// `thermograph source SESSION FUNCTION`: a function's source with the cost of each line, as the
// app's source view shows it (getSourceLines). FUNCTION is a name matched exactly, NAME@FILE to pick
// by the end of its file path; of several matches the heaviest is shown and the others are named.

import type { ThermographInProcessApi } from '../../src-shared/api/contract';
import type { SourceLinesView } from '../../src-shared/profile/source-lines';
import type { ProfileSelection, ViewFrame } from '../../src-shared/profile/views';
import { formatShare, formatWeight } from '../../src-shared/format/weight';
import { UsageError } from './arguments';

/** Lines printed around the function's costly lines and its first line. */
const contextLines = 3;

/** The frame FUNCTION (NAME or NAME@FILE) names in the selection, heaviest first; a UsageError when none. */
export async function frameNamed(
  api: ThermographInProcessApi,
  sessionId: number,
  selection: ProfileSelection,
  text: string,
): Promise<{ frame: ViewFrame; others: ViewFrame[] }> {
  const at = text.lastIndexOf('@');
  const name = at > 0 ? text.slice(0, at) : text;
  const file = at > 0 ? text.slice(at + 1) : null;
  // Rows come heaviest self first, so the first match is the one a user means.
  const table = await api.getHotspots({ sessionId, selection, limit: 100_000 });
  const matches = table.rows
    .map((row) => table.frames[row.frame]!)
    .filter((frame) => frame.name === name && (file === null || (frame.file ?? '').endsWith(file)));
  if (matches.length === 0)
    throw new UsageError(
      `No function named "${name}"${file ? ` in a file ending "${file}"` : ''} has samples in session ${sessionId}'s ` +
        `${selection.kind} profile. Names are matched exactly: see \`thermograph hotspots ${sessionId}\`.`,
    );
  return { frame: matches[0]!, others: matches.slice(1) };
}

/** The source view as text: a header, notes, then the lines with self and total cost; `>` marks the hottest. */
export function sourceText(view: SourceLinesView, others: readonly ViewFrame[]): string {
  const { frame, costs, source } = view;
  const unit = view.weightUnit;
  const where = source.path ? `${source.path}${frame.line ? `:${frame.line}` : ''}` : 'no source file';
  const lines = [`${frame.name}  ${where}`];
  for (const other of others)
    lines.push(`  (also named ${other.name}: ${other.file ?? 'no file'}; pick it with NAME@FILE)`);
  for (const note of view.notes) lines.push(`  ${note}`);
  if (source.status !== 'ok') {
    lines.push(`  ${source.message ?? 'No source to show.'}`);
    for (const cost of costs.lines) lines.push(`  line ${cost.line}: ${formatWeight(cost.self, unit)} self`);
    return lines.join('\n');
  }
  const byLine = new Map(costs.lines.map((cost) => [cost.line, cost]));
  const wanted = [...byLine.keys(), ...(frame.line ? [frame.line] : [])];
  const last = source.firstLine + source.text.length - 1;
  const from = Math.max(source.firstLine, wanted.reduce((low, line) => Math.min(low, line), last) - contextLines);
  const to = Math.min(last, wanted.reduce((high, line) => Math.max(high, line), source.firstLine) + contextLines);
  const cells = (number: number): string[] => {
    const cost = byLine.get(number);
    if (!cost) return ['', '', '', ''];
    // As the app's source view: a line with no self cost shows none (it only calls).
    return [
      cost.self > 0 ? formatWeight(cost.self, unit) : '',
      cost.self > 0 ? formatShare(cost.self, costs.totalWeight) : '',
      cost.total === null ? '—' : formatWeight(cost.total, unit),
      cost.total === null ? '' : formatShare(cost.total, costs.totalWeight),
    ];
  };
  const rows: { number: number; cells: string[] }[] = [];
  for (let number = from; number <= to; number++) rows.push({ number, cells: cells(number) });
  const header = ['SELF', 'SELF %', 'TOTAL', 'TOTAL %'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row.cells[column]!.length)));
  const numberWidth = String(to).length;
  const pad = (values: string[]) => values.map((cell, column) => cell.padStart(widths[column]!)).join('  ');
  lines.push(`  ${' '.repeat(numberWidth)}  ${pad(header)}`);
  for (const row of rows) {
    const mark = row.number === view.hottestLine ? '>' : ' ';
    const text = source.text[row.number - source.firstLine] ?? '';
    lines.push(`${mark} ${String(row.number).padStart(numberWidth)}  ${pad(row.cells)}  ${text}`);
  }
  return lines.join('\n');
}
