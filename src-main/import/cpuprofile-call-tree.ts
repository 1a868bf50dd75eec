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
): NodeStacks {
  const indexOf = new NodeIds(nodes);
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
    const child = typeof childId === 'number' ? indexOf.get(childId) : undefined;
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
  const stacks = new NodeIds(nodes);
  const frames = new FrameCache(builder);
  for (let head = 0; head < tail; head++) {
    const index = queue[head]!;
    const parentStack = parentOf[index] === -1 ? -1 : stackOf[parentOf[index]!]!;
    const frame = frames.of(nodes[index]!.callFrame);
    stackOf[index] = frame === -1 ? parentStack : builder.stack(parentStack, frame);
    stacks.set(nodes[index]!.id, stackOf[index]!);
    for (let child = firstChild[index]!; child < firstChild[index + 1]!; child++) queue[tail++] = childList[child]!;
  }
  if (tail < nodes.length) {
    const stuck = nodes.find((_, index) => !stacks.has(nodes[index]!.id))!;
    return fail(`the call tree has a cycle through node ${stuck.id}.`);
  }
  return stacks;
}

/** The stack of each node, by node id. */
export interface NodeStacks {
  get(id: number): IndexIntoStackTable | undefined;
}

/**
 * A map from node ids to numbers. Ids are usually 1..n, so a typed array indexed by id replaces a
 * Map of hundreds of thousands of entries; sparse or odd ids fall back to a Map.
 */
// Stored values are indexes or stacks (-1 is the empty stack of '(root)'), so "none" is -2.
const missing = -2;

class NodeIds implements NodeStacks {
  private readonly dense: Int32Array | null;
  private readonly sparse = new Map<number, number>();

  constructor(nodes: readonly CdpProfileNode[]) {
    let largest = -1;
    for (const node of nodes) {
      const id = (node as CdpProfileNode | null)?.id;
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
        largest = Number.POSITIVE_INFINITY;
        break;
      }
      if (id > largest) largest = id;
    }
    this.dense = largest <= nodes.length * 4 + 1_024 ? new Int32Array(largest + 1).fill(missing) : null;
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  get(id: number): number | undefined {
    if (this.dense) {
      const value = Number.isInteger(id) && id >= 0 && id < this.dense.length ? this.dense[id]! : missing;
      return value === missing ? undefined : value;
    }
    return this.sparse.get(id);
  }

  set(id: number, value: number): void {
    if (this.dense) this.dense[id] = value;
    else this.sparse.set(id, value);
  }
}

/**
 * Frame indexes by call frame. A big profile has hundreds of thousands of nodes but a few thousand
 * functions: each is classified (URL parsing, package lookup) and interned once. A function is its
 * script and position, plus its name for built-ins, which have no position.
 */
class FrameCache {
  private readonly byScript = new Map<string, Map<number, { name: string; frame: number }>>();
  private readonly byKey = new Map<string, number>();
  private readonly locations = new Map<string, { file: string | null; module: string | null }>();

  constructor(private readonly builder: ProfileBuilder) {}

  /** The frame index of a call frame, or -1 for '(root)'. */
  of(callFrame: CdpCallFrame): number {
    // Nested maps with a numeric position key: no string is built per node, which at 700,000
    // nodes costs more than everything else here.
    const script =
      (callFrame.scriptId !== undefined && callFrame.scriptId !== '0' ? callFrame.scriptId : callFrame.url) ?? '';
    let positions = this.byScript.get(script);
    if (!positions) this.byScript.set(script, (positions = new Map()));
    // Kept within V8's small integers (< 2^30), which a Map hashes fastest; larger positions take
    // the exact key below.
    const line = (callFrame.lineNumber ?? -1) + 1;
    const column = (callFrame.columnNumber ?? -1) + 1;
    const position = line < 16_384 && column < 65_536 ? line * 65_536 + column : -1;
    const found = position >= 0 ? positions.get(position) : undefined;
    if (found !== undefined && found.name === callFrame.functionName) return found.frame;
    // Another name at the same position (built-ins share -1:-1): the slower exact key.
    const key = `${script}\u0000${line}\u0000${column}\u0000${callFrame.functionName}`;
    let frame = this.byKey.get(key);
    if (frame === undefined) {
      const input = frameOf(callFrame, (url) => this.location(url));
      frame = input === null ? -1 : this.builder.frame(input);
      this.byKey.set(key, frame);
    }
    if (found === undefined && position >= 0) positions.set(position, { name: callFrame.functionName, frame });
    return frame;
  }

  private location(url: string): { file: string | null; module: string | null } {
    let location = this.locations.get(url);
    if (!location) {
      location = { file: url === '' ? null : filePath(url), module: moduleOf(url) };
      this.locations.set(url, location);
    }
    return location;
  }
}

const specialKinds = new Map<string, FrameInput['kind']>([
  ['(program)', 'program'],
  ['(idle)', 'idle'],
  ['(garbage collector)', 'gc'],
]);

// '(root)' is the tree's anchor, not code that ran, so it gets no frame.
function frameOf(
  callFrame: CdpCallFrame,
  locationOf: (url: string) => { file: string | null; module: string | null },
): FrameInput | null {
  const name = callFrame.functionName;
  if (name === '(root)') return null;
  const url = typeof callFrame.url === 'string' ? callFrame.url : '';
  const kind = specialKinds.get(name) ?? (url === '' ? 'native' : 'js');
  return {
    name: name === '' ? '(anonymous)' : name,
    kind,
    ...locationOf(url),
    line: oneBased(callFrame.lineNumber),
    column: oneBased(callFrame.columnNumber),
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
