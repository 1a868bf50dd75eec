// The shape of one benchmark row and the table `npm run bench` prints. Each group module returns
// rows; a row shows our median beside the peer's and the physical floor, measured in the same run.

/** One measured quantity. */
export interface BenchRow {
  group: string;
  measure: string;
  /** Our number, already formatted with its unit (for example "23.1 µs"). */
  ours: string;
  /** The peer's number on the same input, and who the peer is, or "—". */
  peer: string;
  /** The physical floor (the least any implementation must do), or "—". */
  floor: string;
  /** The goal from the issue, in words (for example "≤ 40 µs, ≥ 3× pidusage"). */
  goal: string;
  met: boolean;
}

/** Median of a list of numbers (the list is sorted in place). */
export function median(values: number[]): number {
  values.sort((left, right) => left - right);
  const middle = values.length >> 1;
  return values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}

/** The p-th percentile (0–100) of a list of numbers (sorted in place). */
export function percentile(values: number[], p: number): number {
  values.sort((left, right) => left - right);
  return values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
}

/** Prints the rows as an aligned text table. */
export function printTable(rows: BenchRow[]): void {
  const header: BenchRow = {
    group: 'group',
    measure: 'measure',
    ours: 'Thermograph',
    peer: 'peer',
    floor: 'floor',
    goal: 'goal',
    met: true,
  };
  const cells = (row: BenchRow) => [
    row.group,
    row.measure,
    row.ours,
    row.peer,
    row.floor,
    row.goal,
    row === header ? 'met' : row.met ? 'yes' : 'NO',
  ];
  const all = [header, ...rows].map(cells);
  const widths = all[0]!.map((_, column) => Math.max(...all.map((line) => line[column]!.length)));
  for (const [index, line] of all.entries()) {
    console.log(line.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}
