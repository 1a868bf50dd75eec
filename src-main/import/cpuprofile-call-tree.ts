// A CDP call tree (a .cpuprofile's nodes, a trace chunk's parent ids, a heap profile's head) into
// the builder's stack table, checked for unknown ids, two parents and cycles.

import type { ProfileBuilder } from '../../src-shared/profile/builder';
import type { IndexIntoStackTable } from '../../src-shared/profile/profile';
import type { CdpCallFrame, CdpProfileNode } from './cpuprofile';
import { FrameCache } from './cpuprofile-frames';

/**
 * A CDP call tree in columns: what appendCallTree needs of each node, without an object per node.
 * The byte scanner (cpuprofile-scan.ts) fills it straight from a file; callTreeOfNodes converts
 * parsed node objects (live chunks, traces, heap profiles).
 */
export interface CallTreeTable {
  length: number;
  /** Each node's id (an integer). */
  id: ArrayLike<number>;
  /** Each node's call frame, as an index into callFrames (nodes of one function may share one). */
  callFrame: ArrayLike<number>;
  callFrames: readonly CdpCallFrame[];
  /** Node i's children are childIds[childStart[i]] up to childIds[childStart[i + 1]]. */
  childStart: ArrayLike<number>;
  childIds: ArrayLike<unknown>;
  /** Each node's parent id, NaN for none; null when no node names a parent. */
  parentId: ArrayLike<number> | null;
  /** V8's positionTicks of every node, in rows: (node index, 1-based line, ticks); null: none. */
  positionTicks: PositionTicks | null;
}

/** Ticks per line of nodes, in columns. */
export interface PositionTicks {
  node: ArrayLike<number>;
  line: ArrayLike<number>;
  ticks: ArrayLike<number>;
}

/** Validates parsed CDP nodes and puts them in a CallTreeTable; `fail` throws the caller's error. */
export function callTreeOfNodes(nodes: readonly unknown[], fail: (problem: string) => never): CallTreeTable {
  const length = nodes.length;
  const id = new Float64Array(length);
  const callFrames: CdpCallFrame[] = new Array<CdpCallFrame>(length);
  const childStart = new Int32Array(length + 1);
  const childIds: unknown[] = [];
  let parentId: Float64Array | null = null;
  const ticks = { node: [] as number[], line: [] as number[], ticks: [] as number[] };
  for (let index = 0; index < length; index++) {
    const node = nodes[index] as Partial<CdpProfileNode> | null;
    if (typeof node !== 'object' || node === null || !Number.isInteger(node.id))
      return fail(`node ${index} has no integer "id".`);
    if (typeof node.callFrame?.functionName !== 'string') return fail(`node ${node.id} has no callFrame.functionName.`);
    id[index] = node.id!;
    callFrames[index] = node.callFrame;
    const { children, parent } = node;
    if (children !== undefined && !Array.isArray(children))
      return fail(`node ${node.id} has a "children" that is not a list.`);
    for (const child of children ?? []) childIds.push(child);
    childStart[index + 1] = childIds.length;
    if (parent !== undefined) {
      if (typeof parent !== 'number')
        return fail(`node ${node.id} names parent ${String(parent)}, which does not exist.`);
      parentId ??= new Float64Array(length).fill(Number.NaN);
      parentId[index] = parent;
    }
    const positionTicks = (node as { positionTicks?: unknown }).positionTicks;
    if (Array.isArray(positionTicks)) {
      for (const entry of positionTicks as { line?: unknown; ticks?: unknown }[]) {
        if (typeof entry?.line !== 'number' || typeof entry.ticks !== 'number') continue;
        ticks.node.push(index);
        ticks.line.push(entry.line);
        ticks.ticks.push(entry.ticks);
      }
    }
  }
  const positionTicks = ticks.node.length > 0 ? ticks : null;
  return { length, id, callFrame: identity(length), callFrames, childStart, childIds, parentId, positionTicks };
}

function identity(length: number): Int32Array {
  const values = new Int32Array(length);
  for (let index = 0; index < length; index++) values[index] = index;
  return values;
}

// Builds the stack of every node and returns them by node id. Accepts children lists (.cpuprofile)
// or parent ids (trace chunks); rejects unknown ids, nodes with two parents and cycles. Iterative,
// so a 100,000-deep chain is fine.
export function appendCallTree(
  builder: ProfileBuilder,
  tree: CallTreeTable,
  fail: (problem: string) => never,
): NodeStacks {
  // Each pass is a function of its own: V8 optimizes a hot loop where it runs, and one function
  // holding every pass was deoptimized again at each later loop.
  const indexOf = nodeIndexes(tree, fail);
  const { parentOf, listed } = parentsOf(tree, indexOf, fail);
  const { firstChild, childList } = listed ?? childRows(parentOf);
  const stackOf = walk(builder, tree, parentOf, firstChild, childList, fail);
  if (tree.positionTicks) appendLineTicks(builder, tree.positionTicks, parentOf, stackOf);
  return {
    get(id: number): IndexIntoStackTable | undefined {
      const index = indexOf.get(id);
      return index === undefined ? undefined : stackOf[index];
    },
  };
}

// Each node's ticks per line onto its stack. A node whose frame was left out (such as '(root)')
// shares its parent's stack, whose function its lines are not in: its ticks are dropped.
function appendLineTicks(builder: ProfileBuilder, ticks: PositionTicks, parentOf: Int32Array, stackOf: Int32Array) {
  for (let row = 0; row < ticks.node.length; row++) {
    const node = ticks.node[row]!;
    const stack = stackOf[node]!;
    const parent = parentOf[node]!;
    if (stack < 0 || (parent >= 0 && stackOf[parent] === stack)) continue;
    builder.lineTicks(stack, ticks.line[row]!, ticks.ticks[row]!);
  }
}

// Node indexes by id; every id once.
function nodeIndexes(tree: CallTreeTable, fail: (problem: string) => never): NodeIds {
  const indexOf = new NodeIds(tree.id);
  for (let index = 0; index < tree.length; index++) {
    const id = tree.id[index]!;
    if (indexOf.has(id)) return fail(`node id ${id} appears twice.`);
    indexOf.set(id, index);
  }
  return indexOf;
}

/** Each node's children as rows of node indexes: node i's are childList[firstChild[i]] up to firstChild[i + 1]. */
interface ChildRows {
  firstChild: Int32Array;
  childList: Int32Array;
}

// Each node's parent index (-1 for a root), from children lists and parent ids alike. When every
// child comes from a list, in the order of node indexes (as V8 writes them), the lists are the
// walk's rows as they are (`listed`); otherwise childRows sorts them out.
function parentsOf(
  tree: CallTreeTable,
  indexOf: NodeIds,
  fail: (problem: string) => never,
): { parentOf: Int32Array; listed: ChildRows | null } {
  const parentOf = new Int32Array(tree.length).fill(-1);
  const childList = new Int32Array(tree.childIds.length);
  let ordered = tree.parentId === null;
  const link = (parent: number, childId: unknown): number => {
    const child = typeof childId === 'number' ? indexOf.get(childId) : undefined;
    if (child === undefined)
      return fail(`node ${tree.id[parent]} names node ${String(childId)}, which does not exist.`);
    if (parentOf[child] !== -1 && parentOf[child] !== parent) return fail(`node ${String(childId)} has two parents.`);
    parentOf[child] = parent;
    return child;
  };
  for (let index = 0; index < tree.length; index++) {
    let previous = -1;
    for (let child = tree.childStart[index]!; child < tree.childStart[index + 1]!; child++) {
      const childIndex = link(index, tree.childIds[child]);
      // A repeat or a step back: the rows must be built.
      if (childIndex <= previous) ordered = false;
      childList[child] = previous = childIndex;
    }
    const parent = tree.parentId?.[index] ?? Number.NaN;
    if (!Number.isNaN(parent)) {
      const parentIndex = indexOf.get(parent);
      if (parentIndex === undefined)
        return fail(`node ${tree.id[index]} names parent ${parent}, which does not exist.`);
      link(parentIndex, tree.id[index]);
    }
  }
  if (!ordered) return { parentOf, listed: null };
  const firstChild = tree.childStart instanceof Int32Array ? tree.childStart : Int32Array.from(tree.childStart);
  return { parentOf, listed: { firstChild, childList } };
}

// Children in compressed rows, in the order of node indexes, so the walk needs no per-node arrays.
function childRows(parentOf: Int32Array): ChildRows {
  const count = parentOf.length;
  const firstChild = new Int32Array(count + 1);
  for (const parent of parentOf) if (parent >= 0) firstChild[parent + 1]!++;
  for (let index = 0; index < count; index++) firstChild[index + 1]! += firstChild[index]!;
  const childList = new Int32Array(count);
  const filled = firstChild.slice(0, count);
  for (let index = 0; index < count; index++) {
    const parent = parentOf[index]!;
    if (parent >= 0) childList[filled[parent]!++] = index;
  }
  return { firstChild, childList };
}

// Each node's stack, by node index. Depth first, in the order of each node's children: files list
// nodes that way, so the walk reads the tables nearly in sequence (breadth first jumped across them
// and was twice as slow).
function walk(
  builder: ProfileBuilder,
  tree: CallTreeTable,
  parentOf: Int32Array,
  firstChild: Int32Array,
  childList: Int32Array,
  fail: (problem: string) => never,
): Int32Array {
  const count = tree.length;
  const stackOf = new Int32Array(count).fill(missing);
  const pending = new Int32Array(count);
  let pendingCount = 0;
  for (let index = count - 1; index >= 0; index--) if (parentOf[index] === -1) pending[pendingCount++] = index;
  const frames = new FrameCache(builder);
  // Frames by call-frame index, resolved on first use (-2: not yet).
  const frameOf = new Int32Array(tree.callFrames.length).fill(-2);
  let visited = 0;
  while (pendingCount > 0) {
    const index = pending[--pendingCount]!;
    visited++;
    const parentStack = parentOf[index] === -1 ? -1 : stackOf[parentOf[index]!]!;
    const callFrame = tree.callFrame[index]!;
    let frame = frameOf[callFrame]!;
    if (frame === -2) frameOf[callFrame] = frame = frames.of(tree.callFrames[callFrame]!);
    stackOf[index] = frame === -1 ? parentStack : builder.stack(parentStack, frame);
    for (let child = firstChild[index + 1]! - 1; child >= firstChild[index]!; child--) {
      pending[pendingCount++] = childList[child]!;
    }
  }
  if (visited < count) return fail(`the call tree has a cycle through node ${tree.id[stackOf.indexOf(missing)]}.`);
  return stackOf;
}

/** The stack of each node, by node id. */
export interface NodeStacks {
  get(id: number): IndexIntoStackTable | undefined;
}

// "None" in NodeIds and in the walk's stacks (-1 is a stack there: the empty one of '(root)').
const missing = -2;

/**
 * Node indexes by node id. Ids are usually 1..n, so a typed array indexed by id replaces a Map of
 * hundreds of thousands of entries; sparse or odd ids fall back to a Map.
 */
class NodeIds {
  private readonly dense: Int32Array | null;
  private readonly sparse = new Map<number, number>();

  constructor(ids: ArrayLike<number>) {
    let largest = -1;
    for (let index = 0; index < ids.length; index++) {
      const id = ids[index]!;
      if (!Number.isInteger(id) || id < 0) {
        largest = Number.POSITIVE_INFINITY;
        break;
      }
      if (id > largest) largest = id;
    }
    this.dense = largest <= ids.length * 4 + 1_024 ? new Int32Array(largest + 1).fill(missing) : null;
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
