// The builder's line costs (profile.ts): line nodes — each the line running in a stack row's top
// frame, over its caller's node — and V8's per-line ticks, in growable columns until build().
// The per-sample column stays in the builder, which sorts it with the other sample columns.

import { GrowableColumn } from './growable';
import type { IndexIntoStackTable, LineCosts } from './profile';

// Keeps (parent node + 1) × 2^27 + stack below 2^53 (stacks stay below 2^27): a pair's key is an
// exact number.
const maximumLineNodes = 2 ** 26 - 1;

/** A line or column as stored: 1-based and at most 2^31 - 1, else 0 (unknown). */
export function wholeOrZero(value: number | null | undefined): number {
  return value !== null && value !== undefined && Number.isInteger(value) && value > 0 && value <= 0x7fffffff
    ? value
    : 0;
}

/** Line nodes and ticks being built; `stackParent` is the builder's stack table. */
export class LineCostColumns {
  private readonly parent = new GrowableColumn(Int32Array);
  private readonly stack = new GrowableColumn(Int32Array);
  private readonly line = new GrowableColumn(Int32Array);
  // Nodes by (parent node, stack) as one exact number: the pair's first node, and once a pair runs
  // several lines, its nodes by line. Numbers, not strings: a key string per frame per sample made
  // austin imports 13 times slower.
  private readonly nodeOfPair = new Map<number, number>();
  private readonly nodesOfPairLine = new Map<number, Map<number, number>>();
  private readonly tickStack = new GrowableColumn(Int32Array);
  private readonly tickLine = new GrowableColumn(Int32Array);
  private readonly tickCount = new GrowableColumn(Float64Array);

  constructor(private readonly stackParent: GrowableColumn<Int32Array>) {}

  /** Line nodes so far. */
  get nodeCount(): number {
    return this.stack.length;
  }

  /** The stack row a node sits on. */
  stackOf(node: number): IndexIntoStackTable {
    return this.stack.at(node);
  }

  /** See ProfileBuilder.lineNode; `stack` has been checked to exist. */
  node(parent: number, stack: IndexIntoStackTable, line: number | null | undefined): number {
    const parentStack = parent === -1 ? -1 : parent >= 0 && parent < this.stack.length ? this.stack.at(parent) : -2;
    if (parentStack !== this.stackParent.at(stack))
      throw new RangeError(`Line node ${parent} is not on the parent of stack ${stack}.`);
    const wholeLine = wholeOrZero(line);
    const pair = (parent + 1) * 2 ** 27 + stack;
    const first = this.nodeOfPair.get(pair);
    if (first === undefined) {
      const index = this.add(parent, stack, wholeLine);
      this.nodeOfPair.set(pair, index);
      return index;
    }
    if (this.line.at(first) === wholeLine) return first;
    let byLine = this.nodesOfPairLine.get(pair);
    if (!byLine) {
      byLine = new Map([[this.line.at(first), first]]);
      this.nodesOfPairLine.set(pair, byLine);
    }
    let index = byLine.get(wholeLine);
    if (index === undefined) {
      index = this.add(parent, stack, wholeLine);
      byLine.set(wholeLine, index);
    }
    return index;
  }

  private add(parent: number, stack: IndexIntoStackTable, line: number): number {
    const index = this.stack.length;
    if (index >= maximumLineNodes)
      throw new RangeError('The profile has more distinct line nodes than Thermograph supports.');
    this.parent.push(parent);
    this.stack.push(stack);
    this.line.push(line);
    return index;
  }

  /** See ProfileBuilder.lineTicks; `stack` has been checked to exist. */
  ticks(stack: IndexIntoStackTable, line: number, ticks: number): void {
    const wholeLine = wholeOrZero(line);
    if (wholeLine === 0 || !Number.isFinite(ticks) || ticks <= 0) return;
    this.tickStack.push(stack);
    this.tickLine.push(wholeLine);
    this.tickCount.push(ticks);
  }

  /** The line costs with each sample's node (null when no sample has one); undefined when there are none. */
  finish(sampleNode: Int32Array | null): LineCosts | undefined {
    if (sampleNode === null && this.tickStack.length === 0) return undefined;
    return {
      sampleNode,
      nodes: {
        length: this.stack.length,
        parent: this.parent.finish(),
        stack: this.stack.finish(),
        line: this.line.finish(),
      },
      ticks: {
        length: this.tickStack.length,
        stack: this.tickStack.finish(),
        line: this.tickLine.finish(),
        ticks: this.tickCount.finish(),
      },
    };
  }
}
