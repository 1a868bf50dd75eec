// A column of VirtualTable: its sort key, header text and width, and whether it stays in view when the
// table scrolls sideways; plus the table's narrowest width, past which it scrolls instead of squeezing.

/** One column; `width` is a CSS length, and a column without one takes the remaining width. */
export interface TableColumn<Key extends string> {
  key: Key;
  label: string;
  numeric: boolean;
  /** A tooltip that says what the column measures. */
  title?: string;
  width?: string;
  /**
   * Stays at the left edge while the table scrolls sideways (the function name in a narrow window).
   * Only leading columns pin (the first, or the first two), as a pinned column must not cover
   * another pinned one; a pinned first column beside a pinned second needs a width in px.
   */
  pinned?: boolean;
  /** For a column without `width`: the narrowest it gets before the table scrolls sideways (px). */
  minWidth?: number;
}

/** The room a column without a width gets at least, when it does not say (px). */
export const defaultMinimumWidth = 160;

/**
 * The table's narrowest width in px: fixed px widths plus each flexible column's minimum, with
 * percentage columns taking their share of that total. Below it the frame scrolls sideways.
 */
export function tableMinimumWidth(columns: readonly TableColumn<string>[]): number {
  let fixed = 0;
  let percent = 0;
  for (const column of columns) {
    const width = column.width?.trim() ?? '';
    if (width.endsWith('px')) fixed += Number.parseFloat(width) || 0;
    else if (width.endsWith('%')) percent += Number.parseFloat(width) || 0;
    else fixed += column.minWidth ?? defaultMinimumWidth;
  }
  // Percentages of a table that is itself the sum: total = fixed + percent × total.
  const share = Math.min(percent, 90) / 100;
  return Math.ceil(fixed / (1 - share));
}

/** How many leading columns are pinned (0, 1 or 2): the value of the table's `data-pinned`. */
export function pinnedColumnCount(columns: readonly TableColumn<string>[]): number {
  let count = 0;
  while (count < 2 && columns[count]?.pinned) count++;
  return count;
}
