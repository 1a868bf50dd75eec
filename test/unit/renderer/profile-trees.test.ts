import { describe, expect, it } from 'vitest';
import type { BottomUpView, FlameGraphView } from '../../../src-shared/profile/views';
import { BottomUpTree } from '../../../src-renderer/views/session/profile/bottom-up-tree';
import {
  callTreeData,
  heaviestPath,
  pathKey,
  reopen,
  treeKeyMove,
  visibleRows,
  type TreeData,
} from '../../../src-renderer/views/session/profile/tree-model';
import { flameGraph } from './flame-view';

const folded = `
main;work;hot 60
main;work;cold 20
main;idle 15
main;work;hot;hot 5
`;

/** Frame ids that stay the same across views, as the engine's do. */
const ids = new Map(['main', 'work', 'hot', 'cold', 'idle'].map((name, index) => [name, index]));

function withStableIds(view: FlameGraphView): FlameGraphView {
  return { ...view, frames: view.frames.map((frame) => ({ ...frame, id: ids.get(frame.name)! })) };
}

/** The engine's getBottomUp answer for `path` (names, leaf first), `depth` levels below it. */
function bottomUpView(path: string[], depth: number): BottomUpView {
  const lines: string[] = [];
  const truncated = new Set<string>();
  for (const line of folded.trim().split('\n')) {
    const [stack, weight] = line.trim().split(' ');
    const inverted = stack!.split(';').reverse();
    if (path.some((name, index) => inverted[index] !== name)) continue;
    const kept = inverted.slice(0, path.length + depth);
    if (kept.length < inverted.length) truncated.add(kept.join(';'));
    lines.push(`${kept.join(';')} ${weight}`);
  }
  const view = withStableIds(flameGraph(lines.join('\n')));
  const names = (node: number): string[] =>
    node <= 0 ? [] : [...names(view.nodes.parent[node]!), view.frames[view.nodes.frame[node]!]!.name];
  const more = new Uint8Array(view.nodes.length);
  for (let node = 1; node < view.nodes.length; node++) more[node] = truncated.has(names(node).join(';')) ? 1 : 0;
  return {
    ...view,
    path: path.map((name) => ids.get(name)!),
    totalSamples: Float64Array.from(view.nodes.total),
    more,
  };
}

/** Each visible row as "  name" indented by level. */
function outline(data: TreeData, rows: readonly number[]): string[] {
  return rows.map((node) => `${'  '.repeat(data.level(node))}${data.frame(node)?.name}`);
}

describe('call tree rows', () => {
  const data = callTreeData(withStableIds(flameGraph(folded)));

  it('shows the first level, and the children of open nodes heaviest first', () => {
    expect(outline(data, visibleRows(data, new Set()))).toEqual(['main']);
    const main = data.children(data.root)![0]!;
    const work = data.children(main)![0]!;
    expect(outline(data, visibleRows(data, new Set([main, work])))).toEqual([
      'main',
      '  work',
      '    hot',
      '    cold',
      '  idle',
    ]);
    // A node open under a closed parent stays hidden.
    expect(outline(data, visibleRows(data, new Set([work])))).toEqual(['main']);
  });

  it('opens the heaviest path while it carries the share asked for', () => {
    const path = heaviestPath(data, 10, 0.5);
    expect(path.map((node) => data.frame(node)!.name)).toEqual(['main', 'work', 'hot']);
    expect(heaviestPath(data, 2, 0.5)).toHaveLength(2);
  });

  it('moves with the keys as DevTools does', () => {
    const main = data.children(data.root)![0]!;
    const work = data.children(main)![0]!;
    const idle = data.children(main)![1]!;
    let expanded = new Set<number>();
    let rows = visibleRows(data, expanded);
    expect(treeKeyMove(data, rows, expanded, null, 'ArrowDown')).toEqual({ action: 'select', node: main });
    expect(treeKeyMove(data, rows, expanded, main, 'ArrowRight')).toEqual({ action: 'expand', node: main });
    expect(treeKeyMove(data, rows, expanded, main, 'ArrowLeft')).toBeNull();
    expanded = new Set([main]);
    rows = visibleRows(data, expanded);
    expect(treeKeyMove(data, rows, expanded, main, 'ArrowRight')).toEqual({ action: 'select', node: work });
    expect(treeKeyMove(data, rows, expanded, work, 'ArrowDown')).toEqual({ action: 'select', node: idle });
    expect(treeKeyMove(data, rows, expanded, idle, 'ArrowDown')).toEqual({ action: 'select', node: idle });
    expect(treeKeyMove(data, rows, expanded, idle, 'ArrowRight')).toBeNull();
    expect(treeKeyMove(data, rows, expanded, idle, 'ArrowLeft')).toEqual({ action: 'select', node: main });
    expect(treeKeyMove(data, rows, expanded, main, 'ArrowLeft')).toEqual({ action: 'collapse', node: main });
    expect(treeKeyMove(data, rows, expanded, main, 'End')).toEqual({ action: 'select', node: idle });
    expect(treeKeyMove(data, rows, expanded, main, 'x')).toBeNull();
  });

  it('finds the open paths again in a reloaded tree', () => {
    const main = data.children(data.root)![0]!;
    const work = data.children(main)![0]!;
    const hot = data.children(work)![0]!;
    const keys = [pathKey(data, main), pathKey(data, work)];
    // Another range: "cold" is now heavier than "hot", so node ids differ.
    const reloaded = callTreeData(withStableIds(flameGraph('main;work;cold 50\nmain;work;hot 10\nmain;idle 1')));
    const { expanded, selected } = reopen(reloaded, keys, pathKey(data, hot));
    expect(outline(reloaded, visibleRows(reloaded, new Set(expanded)))).toEqual([
      'main',
      '  work',
      '    cold',
      '    hot',
      '  idle',
    ]);
    expect(reloaded.frame(selected!)!.name).toBe('hot');
    expect(pathKey(reloaded, selected!)).toBe(pathKey(data, hot));
  });
});

describe('bottom-up tree', () => {
  it('grafts callers loaded later under the node of their path', () => {
    const tree = new BottomUpTree(bottomUpView([], 1));
    const functions = tree.children(tree.root)!;
    expect(functions.map((node) => [tree.frame(node)!.name, tree.weight(node)])).toEqual([
      ['hot', 65],
      ['cold', 20],
      ['idle', 15],
    ]);
    const hot = functions[0]!;
    expect(tree.needsLoad(hot)).toBe(true);
    expect(tree.hasChildren(hot)).toBe(true);
    expect(tree.path(hot)).toEqual([ids.get('hot')]);

    expect(tree.graft(bottomUpView(['hot'], 1))).toBe(hot);
    const callers = tree.children(hot)!;
    expect(callers.map((node) => [tree.frame(node)!.name, tree.weight(node), tree.level(node)])).toEqual([
      ['work', 60, 1],
      ['hot', 5, 1],
    ]);
    // The same answer twice changes nothing.
    expect(tree.graft(bottomUpView(['hot'], 1))).toBe(-1);
    expect(tree.children(hot)).toHaveLength(2);

    // Several levels at once: the callers' callers are complete down to the outermost one.
    const work = callers[0]!;
    tree.graft(bottomUpView(['hot', 'work'], 5));
    const main = tree.children(work)![0]!;
    expect(tree.frame(main)!.name).toBe('main');
    expect(tree.needsLoad(main)).toBe(false);
    expect(tree.hasChildren(main)).toBe(false);
    expect(tree.path(main)).toEqual(['hot', 'work', 'main'].map((name) => ids.get(name)));
    expect(tree.find(tree.path(main))).toBe(main);
    expect(outline(tree, visibleRows(tree, new Set([hot, work])))).toEqual([
      'hot',
      '  work',
      '    main',
      '  hot',
      'cold',
      'idle',
    ]);
  });

  it('refuses an answer for a path it does not hold', () => {
    const tree = new BottomUpTree(bottomUpView([], 1));
    expect(tree.graft(bottomUpView(['work', 'main'], 1))).toBe(-1);
  });
});
