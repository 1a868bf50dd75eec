// The tree tables' model (call tree, bottom-up): a tree behind a small interface, the rows an
// expansion shows, the keyboard's moves (DevTools' and the ARIA tree pattern's: up/down move, right
// expands or goes to the first child, left collapses or goes to the parent), and the heaviest path
// opened on first show. Pure; the call tree reads a flame graph view's pre-order columns directly,
// so a 500k-node tree costs nothing until rows are shown.

import type { FlameGraphView, ViewFrame } from '../../../../src-shared/profile/views';

/** A tree as the tables read it; node ids are the source's own. */
export interface TreeData {
  /** The invisible root; its children are the first level of rows. */
  readonly root: number;
  /** A node's children, heaviest first; null while they are not loaded. */
  children(node: number): readonly number[] | null;
  /** True when a node has (or may have, not loaded yet) children. */
  hasChildren(node: number): boolean;
  parent(node: number): number;
  /** 0 for the first level of rows. */
  level(node: number): number;
  frame(node: number): ViewFrame | undefined;
  /** The weight the rows are ordered by (a node's total). */
  weight(node: number): number;
}

/** A tree table's weight column: the node's weight, and optionally its samples (in the title). */
export interface TreeColumn {
  label: string;
  title: string;
  weight: (node: number) => number;
  samples?: (node: number) => number;
}

/** A call tree: a tree whose nodes also have a self weight. */
export interface CallTreeData extends TreeData {
  self(node: number): number;
}

/** The call tree of a flame graph view (its node 0 is the root). */
export function callTreeData(view: FlameGraphView): CallTreeData {
  const { nodes, frames } = view;
  return {
    root: 0,
    self: (node) => nodes.self[node]!,
    children(node) {
      const children: number[] = [];
      for (let child = node + 1; child < nodes.end[node]!; child = nodes.end[child]!) children.push(child);
      return children;
    },
    hasChildren: (node) => nodes.end[node]! > node + 1,
    parent: (node) => nodes.parent[node]!,
    level: (node) => nodes.depth[node]! - 1,
    frame: (node) => frames[nodes.frame[node]!],
    weight: (node) => nodes.total[node]!,
  };
}

/** The rows shown: the root's children and, under each expanded node, its loaded children. */
export function visibleRows(data: TreeData, expanded: ReadonlySet<number>): number[] {
  const rows: number[] = [];
  // An explicit stack: call trees can be thousands of levels deep.
  const stack = [...(data.children(data.root) ?? [])].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    rows.push(node);
    if (!expanded.has(node)) continue;
    const children = data.children(node);
    if (children) for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  return rows;
}

/**
 * The heaviest path from the root as DevTools opens it: the heaviest child, level by level, while
 * it carries at least `minimumShare` of the root's weight, at most `levels` deep. Stops where
 * children are not loaded.
 */
export function heaviestPath(data: TreeData, levels: number, minimumShare: number): number[] {
  const path: number[] = [];
  const rootChildren = data.children(data.root) ?? [];
  const total = rootChildren.reduce((sum, child) => sum + data.weight(child), 0);
  let node = data.root;
  while (path.length < levels) {
    const heaviest = data.children(node)?.[0];
    if (heaviest === undefined || data.weight(heaviest) < total * minimumShare) break;
    path.push(heaviest);
    node = heaviest;
  }
  return path;
}

/** What a key does to a tree table. */
export type TreeMove =
  { action: 'select'; node: number } | { action: 'expand'; node: number } | { action: 'collapse'; node: number };

const pageRows = 10;

/**
 * The move a key makes from the selected node (null: none selected, the first row is taken), or
 * null when the key means nothing to the tree.
 */
export function treeKeyMove(
  data: TreeData,
  rows: readonly number[],
  expanded: ReadonlySet<number>,
  selected: number | null,
  key: string,
): TreeMove | null {
  if (rows.length === 0) return null;
  const index = selected === null ? -1 : rows.indexOf(selected);
  const at = (position: number): TreeMove => ({
    action: 'select',
    node: rows[Math.max(0, Math.min(rows.length - 1, position))]!,
  });
  if (index < 0) return key.startsWith('Arrow') || key.startsWith('Page') || key === 'Home' ? at(0) : null;
  const node = rows[index]!;
  switch (key) {
    case 'ArrowDown':
      return at(index + 1);
    case 'ArrowUp':
      return at(index - 1);
    case 'PageDown':
      return at(index + pageRows);
    case 'PageUp':
      return at(index - pageRows);
    case 'Home':
      return at(0);
    case 'End':
      return at(rows.length - 1);
    case 'ArrowRight': {
      if (!data.hasChildren(node)) return null;
      if (!expanded.has(node)) return { action: 'expand', node };
      const first = data.children(node)?.[0];
      return first === undefined ? null : { action: 'select', node: first };
    }
    case 'ArrowLeft': {
      if (expanded.has(node) && data.hasChildren(node)) return { action: 'collapse', node };
      const parent = data.parent(node);
      return parent === data.root || parent < 0 ? null : { action: 'select', node: parent };
    }
    default:
      return null;
  }
}

/** A node's identity across reloads: the frame ids from the first level down to it. */
export function pathKey(data: TreeData, node: number): string {
  const ids: number[] = [];
  for (let current = node; current !== data.root && current >= 0; current = data.parent(current))
    ids.push(data.frame(current)?.id ?? -1);
  return ids.reverse().join(',');
}

/**
 * The nodes of a new tree (after a reload: another range, thread or transform) at the paths that
 * were open in the old one, and the node at `selectedKey`; only loaded nodes are found.
 */
export function reopen(
  data: TreeData,
  openPaths: readonly string[],
  selectedKey: string | null,
): { expanded: number[]; selected: number | null } {
  const openKeys = new Set(openPaths);
  const expanded: number[] = [];
  let selected: number | null = null;
  const stack: [node: number, key: string][] = [[data.root, '']];
  while (stack.length > 0) {
    const [node, key] = stack.pop()!;
    for (const child of data.children(node) ?? []) {
      const childKey = key === '' ? String(data.frame(child)?.id ?? -1) : `${key},${data.frame(child)?.id ?? -1}`;
      if (childKey === selectedKey) selected = child;
      if (openKeys.has(childKey)) {
        expanded.push(child);
        stack.push([child, childKey]);
      }
    }
  }
  return { expanded, selected };
}

/**
 * A node set, never changed in place: the tree states replace theirs whole ($state.raw), which is
 * cheaper than a reactive set for the thousands of nodes a deep expansion holds.
 */
export function nodeSet(nodes: Iterable<number> = []): ReadonlySet<number> {
  return new Set(nodes);
}

/** A copy of `set` with `node` in it (present) or out of it. */
export function withNode(set: ReadonlySet<number>, node: number, present: boolean): ReadonlySet<number> {
  const next = new Set(set);
  if (present) next.add(node);
  else next.delete(node);
  return next;
}
