// The source view's rows: each shown line of the file with its cost and a heat between 0 and 1
// (its self cost against the hottest line's, or its total where the profile has totals and no
// self on any line). Pure, so it is tested without a DOM.

import type { LineCost, SourceLinesView } from '../../../../src-shared/profile/source-lines';

/** One line as the source view draws it. */
export interface SourceRow {
  /** 1-based. */
  number: number;
  text: string;
  cost: LineCost | null;
  /** 0 … 1: the heat bar's length. */
  heat: number;
  hottest: boolean;
  /** Where the function starts (its frame's line). */
  start: boolean;
}

/** Rows for the view's text, with costs for the lines that have one. */
export function sourceRows(view: SourceLinesView): SourceRow[] {
  const byLine = new Map<number, LineCost>();
  for (const cost of view.costs.lines) byLine.set(cost.line, cost);
  let maximumSelf = 0;
  let maximumTotal = 0;
  for (const cost of view.costs.lines) {
    maximumSelf = Math.max(maximumSelf, cost.self);
    maximumTotal = Math.max(maximumTotal, cost.total ?? 0);
  }
  const { firstLine, text } = view.source;
  return text.map((line, index) => {
    const number = firstLine + index;
    const cost = byLine.get(number) ?? null;
    const heat = !cost
      ? 0
      : maximumSelf > 0
        ? cost.self / maximumSelf
        : maximumTotal > 0
          ? (cost.total ?? 0) / maximumTotal
          : 0;
    return { number, text: line, cost, heat, hottest: number === view.hottestLine, start: number === view.frame.line };
  });
}

/** Costs on lines the shown text does not hold (a file changed since the recording, or cut to size). */
export function costsOutsideText(view: SourceLinesView): number {
  const { firstLine, text } = view.source;
  return view.costs.lines.filter((cost) => cost.line < firstLine || cost.line >= firstLine + text.length).length;
}
