// A CDP call tree (a .cpuprofile's nodes, a trace chunk's parent ids, a heap profile's head) into
// the builder's stack table, checked for unknown ids, two parents and cycles.

import type { ProfileBuilder } from '../../src-shared/profile/builder';
import type { FrameInput, IndexIntoStackTable } from '../../src-shared/profile/profile';
import { fileURLToPath } from 'node:url';
import type { CdpCallFrame, CdpProfileNode } from './cpuprofile';

// Builds the stack of every node and returns them by node id. Accepts children lists (.cpuprofile)
// or parent ids (trace chunks); rejects unknown ids, nodes with two parents and cycles. Iterative
// breadth-first from the roots, so a 100,000-deep chain is fine.
export function appendCallTree(
  builder: ProfileBuilder,
  nodes: CdpProfileNode[],
  fail: (problem: string) => never,
): Map<number, IndexIntoStackTable> {
  const indexOf = new Map<number, number>();
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index];
    if (typeof node !== 'object' || node === null || !Number.isInteger(node.id))
      return fail(`node ${index} has no integer "id".`);
    if (typeof node.callFrame?.functionName !== 'string') return fail(`node ${node.id} has no callFrame.functionName.`);
    if (indexOf.has(node.id)) return fail(`node id ${node.id} appears twice.`);
    indexOf.set(node.id, index);
  }
  const parentOf = new Int32Array(nodes.length).fill(-1);
  const link = (parent: number, childId: unknown) => {
    const child = indexOf.get(childId as number);
    if (child === undefined)
      return fail(`node ${nodes[parent]!.id} names node ${String(childId)}, which does not exist.`);
    if (parentOf[child] !== -1 && parentOf[child] !== parent) return fail(`node ${String(childId)} has two parents.`);
    parentOf[child] = parent;
  };
  for (let index = 0; index < nodes.length; index++) {
    const { children, parent } = nodes[index]!;
    if (children !== undefined && !Array.isArray(children))
      return fail(`node ${nodes[index]!.id} has a "children" that is not a list.`);
    for (const child of children ?? []) link(index, child);
    if (parent !== undefined) {
      const parentIndex = indexOf.get(parent);
      if (parentIndex === undefined)
        return fail(`node ${nodes[index]!.id} names parent ${parent}, which does not exist.`);
      link(parentIndex, nodes[index]!.id);
    }
  }
  // Children in compressed rows, so the walk needs no per-node arrays.
  const firstChild = new Int32Array(nodes.length + 1);
  for (const parent of parentOf) if (parent >= 0) firstChild[parent + 1]!++;
  for (let index = 0; index < nodes.length; index++) firstChild[index + 1]! += firstChild[index]!;
  const childList = new Int32Array(nodes.length);
  const filled = firstChild.slice(0, nodes.length);
  for (let index = 0; index < nodes.length; index++) {
    const parent = parentOf[index]!;
    if (parent >= 0) childList[filled[parent]!++] = index;
  }
  const stackOf = new Int32Array(nodes.length);
  const queue = new Int32Array(nodes.length);
  let tail = 0;
  for (let index = 0; index < nodes.length; index++) if (parentOf[index] === -1) queue[tail++] = index;
  const stacks = new Map<number, IndexIntoStackTable>();
  for (let head = 0; head < tail; head++) {
    const index = queue[head]!;
    const parentStack = parentOf[index] === -1 ? -1 : stackOf[parentOf[index]!]!;
    const frame = frameOf(nodes[index]!.callFrame);
    stackOf[index] = frame === null ? parentStack : builder.stack(parentStack, builder.frame(frame));
    stacks.set(nodes[index]!.id, stackOf[index]!);
    for (let child = firstChild[index]!; child < firstChild[index + 1]!; child++) queue[tail++] = childList[child]!;
  }
  if (tail < nodes.length) {
    const stuck = nodes.find((_, index) => !stacks.has(nodes[index]!.id))!;
    return fail(`the call tree has a cycle through node ${stuck.id}.`);
  }
  return stacks;
}

const specialKinds = new Map<string, FrameInput['kind']>([
  ['(program)', 'program'],
  ['(idle)', 'idle'],
  ['(garbage collector)', 'gc'],
]);

// '(root)' is the tree's anchor, not code that ran, so it gets no frame.
function frameOf(callFrame: CdpCallFrame): FrameInput | null {
  const name = callFrame.functionName;
  if (name === '(root)') return null;
  const url = typeof callFrame.url === 'string' ? callFrame.url : '';
  const kind = specialKinds.get(name) ?? (url === '' ? 'native' : 'js');
  return {
    name: name === '' ? '(anonymous)' : name,
    kind,
    file: url === '' ? null : filePath(url),
    line: oneBased(callFrame.lineNumber),
    column: oneBased(callFrame.columnNumber),
    module: moduleOf(url),
  };
}

function oneBased(position: number | undefined): number {
  return typeof position === 'number' && position >= 0 ? position + 1 : 0;
}

function filePath(url: string): string {
  if (!url.startsWith('file://')) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

// The npm package (the last node_modules segment, scoped or not), or "node" for built-in modules.
function moduleOf(url: string): string | null {
  if (url.startsWith('node:')) return 'node';
  const match = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  return match ? match[1]! : null;
}
