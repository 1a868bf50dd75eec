// The process picker's rows: search, sort and the parent/child tree. Pure functions of the process
// list so they are unit-tested and recomputed cheaply as the user types (linear plus the sort).

import type { ProcessInfo } from '../../../src-shared/model/process';

/** A column the picker sorts by. */
export type ProcessSortKey = 'name' | 'pid' | 'user' | 'cpuPercent' | 'rssBytes' | 'runtime' | 'commandLine';

/** Which column to sort by and in which direction. */
export interface ProcessSort {
  key: ProcessSortKey;
  descending: boolean;
}

/** One visible row: the process, its tree depth, and whether it matches the search itself. */
export interface ProcessRow {
  process: ProcessInfo;
  /** 0 in the flat list; the nesting level in the tree. */
  depth: number;
  /** False for an ancestor shown only so that a matching descendant keeps its place in the tree. */
  matches: boolean;
  hasChildren: boolean;
}

/** Lower-cased search terms; a process matches when every term is found in one of its fields. */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * True when every term occurs in the name, pid, user or command line. A term of digits is a pid or
 * a whole number in the name or command line, so typing a pid is not also matched by the digits
 * inside other programs' long numeric arguments (a browser's `--launch-time-ticks=…`).
 */
export function matchesSearch(process: ProcessInfo, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const name = process.name.toLowerCase();
  const commandLine = process.commandLine.toLowerCase();
  const fields = [name, process.user.toLowerCase(), commandLine];
  return terms.every((term) =>
    /^\d+$/.test(term)
      ? String(process.pid) === term || containsWholeNumber(name, term) || containsWholeNumber(commandLine, term)
      : fields.some((field) => field.includes(term)),
  );
}

/** True when `digits` occurs in `text` with no digit just before or after it. */
function containsWholeNumber(text: string, digits: string): boolean {
  for (let at = text.indexOf(digits); at >= 0; at = text.indexOf(digits, at + 1)) {
    if (!isDigit(text[at - 1]) && !isDigit(text[at + digits.length])) return true;
  }
  return false;
}

function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= '0' && character <= '9';
}

/** The comparator for a sort; ties are broken by pid so the order is stable across refreshes. */
export function compareProcesses(sort: ProcessSort): (left: ProcessInfo, right: ProcessInfo) => number {
  const direction = sort.descending ? -1 : 1;
  const key = sort.key;
  return (left, right) => {
    const a = left[key];
    const b = right[key];
    const order =
      typeof a === 'number' && typeof b === 'number'
        ? a - b
        : String(a).localeCompare(String(b), undefined, { sensitivity: 'base' });
    return order !== 0 ? order * direction : left.pid - right.pid;
  };
}

/** The flat list: matching processes, sorted. */
export function flatRows(processes: readonly ProcessInfo[], query: string, sort: ProcessSort): ProcessRow[] {
  const terms = searchTerms(query);
  return processes
    .filter((process) => matchesSearch(process, terms))
    .sort(compareProcesses(sort))
    .map((process) => ({ process, depth: 0, matches: true, hasChildren: false }));
}

/**
 * The tree: children under their parents, siblings sorted. A process whose parent is not listed is
 * a root. With a search, a process is shown when it matches or when any descendant matches.
 */
export function treeRows(processes: readonly ProcessInfo[], query: string, sort: ProcessSort): ProcessRow[] {
  const terms = searchTerms(query);
  const byPid = new Map(processes.map((process) => [process.pid, process]));
  const children = new Map<number, ProcessInfo[]>();
  const roots: ProcessInfo[] = [];
  for (const process of processes) {
    const parent = process.parentPid !== process.pid ? byPid.get(process.parentPid) : undefined;
    if (parent) {
      const siblings = children.get(parent.pid);
      if (siblings) siblings.push(process);
      else children.set(parent.pid, [process]);
    } else {
      roots.push(process);
    }
  }

  const matching = new Set<number>();
  const visible = new Set<number>();
  for (const process of processes) {
    if (!matchesSearch(process, terms)) continue;
    matching.add(process.pid);
    // Walk up marking ancestors; stop at one already visible (its ancestors are too) or a cycle.
    let current: ProcessInfo | undefined = process;
    while (current && !visible.has(current.pid)) {
      visible.add(current.pid);
      current = current.parentPid !== current.pid ? byPid.get(current.parentPid) : undefined;
    }
  }

  const compare = compareProcesses(sort);
  const rows: ProcessRow[] = [];
  const emitted = new Set<number>();
  // Depth-first with an explicit stack: process trees can be deeper than a comfortable recursion.
  const emitFrom = (starts: ProcessInfo[]) => {
    const stack = starts
      .sort(compare)
      .reverse()
      .map((process) => ({ process, depth: 0 }));
    while (stack.length > 0) {
      const { process, depth } = stack.pop()!;
      if (emitted.has(process.pid)) continue;
      emitted.add(process.pid);
      const shownChildren = (children.get(process.pid) ?? []).filter((child) => visible.has(child.pid)).sort(compare);
      rows.push({ process, depth, matches: matching.has(process.pid), hasChildren: shownChildren.length > 0 });
      for (let index = shownChildren.length - 1; index >= 0; index--)
        stack.push({ process: shownChildren[index]!, depth: depth + 1 });
    }
  };
  emitFrom(roots.filter((root) => visible.has(root.pid)));
  // A parent cycle (pid reuse caught mid-listing) has no root; show those processes rather than lose them.
  if (emitted.size < visible.size)
    emitFrom(processes.filter((process) => visible.has(process.pid) && !emitted.has(process.pid)));
  return rows;
}

/** True for a kernel thread: it has no command line, and no user-space program to profile. */
export function isKernelThread(process: ProcessInfo): boolean {
  return process.commandLine === '';
}

/** The processes the picker lists: kernel threads only when asked for, as they are rarely a target. */
export function listedProcesses(processes: readonly ProcessInfo[], showKernelThreads: boolean): readonly ProcessInfo[] {
  return showKernelThreads ? processes : processes.filter((process) => !isKernelThread(process));
}

/**
 * `rows` in the order the user is looking at: rows listed in `held` (pids) keep that order, and
 * processes new since then come after them in their own order. Used while the pointer rests on the
 * table, so a refresh never moves the row about to be clicked; gone processes simply drop out.
 */
export function inHeldOrder(rows: readonly ProcessRow[], held: readonly number[]): ProcessRow[] {
  const position = new Map(held.map((pid, index) => [pid, index]));
  const kept = rows.filter((row) => position.has(row.process.pid));
  kept.sort((left, right) => position.get(left.process.pid)! - position.get(right.process.pid)!);
  return kept.concat(rows.filter((row) => !position.has(row.process.pid)));
}

/** The tree's rows without the descendants of the collapsed processes (pids); the collapsed rows stay. */
export function withoutCollapsed(rows: readonly ProcessRow[], collapsed: ReadonlySet<number>): ProcessRow[] {
  const shown: ProcessRow[] = [];
  // While set, rows deeper than this depth are under a collapsed process.
  let hiddenBelow: number | null = null;
  for (const row of rows) {
    if (hiddenBelow !== null && row.depth > hiddenBelow) continue;
    hiddenBelow = collapsed.has(row.process.pid) && row.hasChildren ? row.depth : null;
    shown.push(row);
  }
  return shown;
}
