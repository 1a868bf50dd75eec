// A flame graph view built from folded stacks, for the flame graph's unit tests.
import type { FrameKind } from '../../../src-shared/profile/profile';
import type { FlameGraphView, ViewFrame } from '../../../src-shared/profile/views';

interface TreeNode {
  name: string;
  total: number;
  self: number;
  children: Map<string, TreeNode>;
}

/**
 * A flame graph view from folded stacks ("main;work;hot 30"), laid out like the engine's: pre-order,
 * heaviest child first, node 0 the root. Every frame is JavaScript unless named "kind:name".
 */
export function flameGraph(folded: string): FlameGraphView {
  const root: TreeNode = { name: '', total: 0, self: 0, children: new Map() };
  for (const line of folded.trim().split('\n')) {
    const [stack, weightText] = line.trim().split(/\s+/);
    const weight = Number(weightText);
    let node = root;
    root.total += weight;
    for (const name of stack!.split(';')) {
      let child = node.children.get(name);
      if (!child) node.children.set(name, (child = { name, total: 0, self: 0, children: new Map() }));
      child.total += weight;
      node = child;
    }
    node.self += weight;
  }
  const frames: ViewFrame[] = [];
  const frameIds = new Map<string, number>();
  const rows: { frame: number; parent: number; depth: number; start: number; total: number; self: number }[] = [];
  const ends: number[] = [];
  const visit = (node: TreeNode, parent: number, depth: number, start: number) => {
    let frame = -1;
    if (depth > 0) {
      frame = frameIds.get(node.name) ?? -1;
      if (frame < 0) {
        const [kind, name] = node.name.includes(':') ? node.name.split(':') : ['js', node.name];
        frame = frames.length;
        frameIds.set(node.name, frame);
        frames.push({
          id: frame + 100,
          name: name!,
          kind: kind as FrameKind,
          file: null,
          line: null,
          column: null,
          module: null,
        });
      }
    }
    const index = rows.length;
    rows.push({ frame, parent, depth, start, total: node.total, self: node.self });
    ends.push(0);
    let childStart = start;
    for (const child of [...node.children.values()].sort((a, b) => b.total - a.total)) {
      visit(child, index, depth + 1, childStart);
      childStart += child.total;
    }
    ends[index] = rows.length;
  };
  visit(root, -1, 0, 0);
  return {
    selection: { kind: 'cpu', range: null, thread: null },
    weightUnit: 'milliseconds',
    totalWeight: root.total,
    sampleCount: root.total,
    maximumDepth: rows.reduce((deepest, row) => Math.max(deepest, row.depth), 0),
    frames,
    nodes: {
      length: rows.length,
      frame: Int32Array.from(rows, (row) => row.frame),
      parent: Int32Array.from(rows, (row) => row.parent),
      depth: Int32Array.from(rows, (row) => row.depth),
      end: Int32Array.from(ends),
      start: Float64Array.from(rows, (row) => row.start),
      total: Float64Array.from(rows, (row) => row.total),
      self: Float64Array.from(rows, (row) => row.self),
    },
  };
}
