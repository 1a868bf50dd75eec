// One tree table's expansion and selection (the call tree's or the bottom-up's), kept while the
// panel shows other views. When the tree is replaced (another range, thread or transform), the
// paths that were open stay open and the selected path stays selected; a first tree opens its
// heaviest path, as DevTools does.

import { heaviestPath, nodeSet, pathKey, reopen, visibleRows, withNode, type TreeData } from './tree-model';

/** Levels of the heaviest path opened on first show, and the share each must carry. */
const autoOpenLevels = 12;
const autoOpenShare = 0.2;

/** Expansion and selection of one tree table. */
export class TreeState {
  data = $state.raw<TreeData | null>(null);
  expanded = $state.raw<ReadonlySet<number>>(nodeSet());
  selected = $state<number | null>(null);
  /** Bumped when the data grows in place (bottom-up callers loaded), so the rows are read again. */
  #version = $state(0);
  /** The rows shown, in order. */
  rows = $derived.by(() => {
    void this.#version;
    return this.data ? visibleRows(this.data, this.expanded) : [];
  });

  /** The open rows' paths (pathKey), parents before children. */
  openPaths(): string[] {
    const data = this.data;
    if (!data) return [];
    return this.rows.filter((node) => this.expanded.has(node)).map((node) => pathKey(data, node));
  }

  /** Shows a new tree: the same paths open as before, or its heaviest path on first show. */
  replace(data: TreeData): void {
    const old = this.data;
    if (old) {
      const keys = this.openPaths();
      const selectedKey = this.selected === null ? null : pathKey(old, this.selected);
      if (keys.length > 0) {
        const { expanded, selected } = reopen(data, keys, selectedKey);
        this.data = data;
        this.expanded = nodeSet(expanded);
        this.selected = selected;
        return;
      }
    }
    this.data = data;
    this.openHeaviest();
  }

  /** Opens the heaviest path and selects its end. */
  openHeaviest(): void {
    if (!this.data) return;
    const path = heaviestPath(this.data, autoOpenLevels, autoOpenShare);
    // The last node of the path is selected, not opened: its children would be the next level. A
    // path of one node (one root, no child carrying the share) is opened, or the view is one row.
    this.expanded = nodeSet(path.length === 1 ? path : path.slice(0, -1));
    this.selected = path.at(-1) ?? this.data.children(this.data.root)?.[0] ?? null;
  }

  /** Opens or closes a node. */
  setOpen(node: number, open: boolean): void {
    if (open === this.expanded.has(node)) return;
    this.expanded = withNode(this.expanded, node, open);
  }

  /** The data grew in place: read the rows again. */
  grew(): void {
    this.#version++;
  }

  /** Forgets the tree (the profile went away). */
  clear(): void {
    this.data = null;
    this.expanded = nodeSet();
    this.selected = null;
  }
}
