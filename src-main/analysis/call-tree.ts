// Lays out a call tree for drawing: depth-first pre-order, heaviest child first, with each node's
// subtree end and left offset, so a renderer draws or skips whole subtrees without recursion.
// Works on any trie whose parents come before their children (the profile's stack table, or the
// merged trees of a sandwich view). Iterative throughout: 100,000-deep stacks are fine.

/** A trie of frames with self weights; parent[i] < i, or -1 for a root. */
export interface WeightedTrie {
  length: number;
  parent: Int32Array;
  frame: Int32Array;
  selfWeight: Float64Array;
  selfSamples: Float64Array;
}

/** A laid-out tree: CallTreeNodes plus sample counts, with frames still the trie's frame ids. */
export interface LaidOutTree {
  length: number;
  /** The trie node each laid-out node came from (-1 for the virtual root). */
  node: Int32Array;
  frame: Int32Array;
  parent: Int32Array;
  depth: Int32Array;
  end: Int32Array;
  start: Float64Array;
  total: Float64Array;
  self: Float64Array;
  totalSamples: Float64Array;
  selfSamples: Float64Array;
  maximumDepth: number;
}

/** Lays out the non-empty part of a trie under one virtual root (node 0, frame -1). */
export function layOutTree(trie: WeightedTrie): LaidOutTree {
  const count = trie.length;
  const total = Float64Array.from(trie.selfWeight.subarray(0, count));
  const totalSamples = Float64Array.from(trie.selfSamples.subarray(0, count));
  // Children after parents: one backward pass sums subtrees.
  for (let index = count - 1; index >= 0; index--) {
    const parent = trie.parent[index]!;
    if (parent >= 0) {
      total[parent]! += total[index]!;
      totalSamples[parent]! += totalSamples[index]!;
    }
  }
  // Children lists (compressed rows) of the non-empty nodes; the virtual root is row `count`.
  const childCount = new Int32Array(count + 2);
  let kept = 0;
  for (let index = 0; index < count; index++) {
    if (total[index]! <= 0 && totalSamples[index]! <= 0) continue;
    kept++;
    const parent = trie.parent[index]!;
    childCount[(parent >= 0 ? parent : count) + 1]! += 1;
  }
  const offset = childCount;
  for (let index = 1; index < offset.length; index++) offset[index]! += offset[index - 1]!;
  const fill = offset.slice(0, count + 1);
  const children = new Int32Array(kept);
  for (let index = 0; index < count; index++) {
    if (total[index]! <= 0 && totalSamples[index]! <= 0) continue;
    const parent = trie.parent[index]!;
    children[fill[parent >= 0 ? parent : count]!++] = index;
  }
  const byWeight = (left: number, right: number) => total[right]! - total[left]! || left - right;
  for (let row = 0; row <= count; row++) {
    const from = offset[row]!;
    const to = offset[row + 1]!;
    if (to - from > 1) children.subarray(from, to).sort(byWeight);
  }
  return preOrder(trie, total, totalSamples, children, offset, kept);
}

function preOrder(
  trie: WeightedTrie,
  total: Float64Array,
  totalSamples: Float64Array,
  children: Int32Array,
  offset: Int32Array,
  kept: number,
): LaidOutTree {
  const count = trie.length;
  const length = kept + 1;
  const tree: LaidOutTree = {
    length,
    node: new Int32Array(length),
    frame: new Int32Array(length),
    parent: new Int32Array(length),
    depth: new Int32Array(length),
    end: new Int32Array(length),
    start: new Float64Array(length),
    total: new Float64Array(length),
    self: new Float64Array(length),
    totalSamples: new Float64Array(length),
    selfSamples: new Float64Array(length),
    maximumDepth: 0,
  };
  let rootTotal = 0;
  let rootSamples = 0;
  for (let child = offset[count]!; child < offset[count + 1]!; child++) {
    rootTotal += total[children[child]!]!;
    rootSamples += totalSamples[children[child]!]!;
  }
  tree.node[0] = -1;
  tree.frame[0] = -1;
  tree.parent[0] = -1;
  tree.total[0] = rootTotal;
  tree.totalSamples[0] = rootSamples;
  // Explicit stack of (trie node, output index); pushing children in reverse pops heaviest first.
  const pendingNode = new Int32Array(length);
  const pendingParent = new Int32Array(length);
  const pendingStart = new Float64Array(length);
  let pending = 0;
  const pushChildren = (row: number, parentIndex: number, parentStart: number) => {
    let start = parentStart;
    const from = offset[row]!;
    const to = offset[row + 1]!;
    // Starts are assigned left to right; the stack receives them right to left.
    for (let child = from; child < to; child++) {
      pendingStart[pending + (to - 1 - child)] = start;
      start += total[children[child]!]!;
    }
    for (let child = to - 1; child >= from; child--) {
      pendingNode[pending] = children[child]!;
      pendingParent[pending] = parentIndex;
      pending++;
    }
  };
  pushChildren(count, 0, 0);
  let next = 1;
  while (pending > 0) {
    pending--;
    const node = pendingNode[pending]!;
    const parentIndex = pendingParent[pending]!;
    const start = pendingStart[pending]!;
    const index = next++;
    tree.node[index] = node;
    tree.frame[index] = trie.frame[node]!;
    tree.parent[index] = parentIndex;
    const depth = tree.depth[parentIndex]! + 1;
    tree.depth[index] = depth;
    if (depth > tree.maximumDepth) tree.maximumDepth = depth;
    tree.start[index] = start;
    tree.total[index] = total[node]!;
    tree.self[index] = trie.selfWeight[node]!;
    tree.totalSamples[index] = totalSamples[node]!;
    tree.selfSamples[index] = trie.selfSamples[node]!;
    pushChildren(node, index, start);
  }
  // Subtree ends: a node's subtree is contiguous in pre-order; sizes summed bottom-up.
  const size = new Int32Array(length).fill(1);
  for (let index = length - 1; index > 0; index--) size[tree.parent[index]!]! += size[index]!;
  for (let index = 0; index < length; index++) tree.end[index] = index + size[index]!;
  return tree;
}

/** Up to this many children a node's children are found by a scan; past it, by a map of its own. */
const scannedChildren = 8;

/**
 * A trie being merged into from paths of frames: children keyed by (parent, frame). Most nodes have
 * a few children, found by scanning a short list; a node with many (a root, a dispatcher) gets a
 * map from frame to child, so a lookup is never more than a few steps whatever the input.
 */
export class TrieBuilder {
  readonly parent: number[] = [];
  readonly frame: number[] = [];
  readonly selfWeight: number[] = [];
  readonly selfSamples: number[] = [];
  readonly #firstChild: number[] = [];
  readonly #nextSibling: number[] = [];
  readonly #childCount: number[] = [];
  readonly #roots = new Map<number, number>();
  readonly #manyChildren = new Map<number, Map<number, number>>();

  /** The child of `parent` (-1: a root) for `frame`, created empty the first time. */
  node(parent: number, frame: number): number {
    if (parent < 0) {
      const root = this.#roots.get(frame);
      if (root !== undefined) return root;
      const created = this.#create(parent, frame);
      this.#roots.set(frame, created);
      return created;
    }
    const children = this.#manyChildren.get(parent);
    if (children) {
      const child = children.get(frame);
      if (child !== undefined) return child;
      const created = this.#create(parent, frame);
      children.set(frame, created);
      return created;
    }
    for (let child = this.#firstChild[parent]!; child >= 0; child = this.#nextSibling[child]!) {
      if (this.frame[child] === frame) return child;
    }
    const created = this.#create(parent, frame);
    this.#nextSibling[created] = this.#firstChild[parent]!;
    this.#firstChild[parent] = created;
    if (++this.#childCount[parent]! > scannedChildren) {
      const byFrame = new Map<number, number>();
      for (let child = this.#firstChild[parent]!; child >= 0; child = this.#nextSibling[child]!)
        byFrame.set(this.frame[child]!, child);
      this.#manyChildren.set(parent, byFrame);
    }
    return created;
  }

  #create(parent: number, frame: number): number {
    const node = this.frame.length;
    this.parent.push(parent);
    this.frame.push(frame);
    this.selfWeight.push(0);
    this.selfSamples.push(0);
    this.#firstChild.push(-1);
    this.#nextSibling.push(-1);
    this.#childCount.push(0);
    return node;
  }

  /** The trie as typed arrays. */
  trie(): WeightedTrie {
    return {
      length: this.frame.length,
      parent: Int32Array.from(this.parent),
      frame: Int32Array.from(this.frame),
      selfWeight: Float64Array.from(this.selfWeight),
      selfSamples: Float64Array.from(this.selfSamples),
    };
  }

  /** The trie laid out for drawing. */
  layOut(): LaidOutTree {
    return layOutTree(this.trie());
  }
}
