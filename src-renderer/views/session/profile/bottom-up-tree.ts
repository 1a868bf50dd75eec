// The bottom-up (inverted) tree as far as it has been loaded: the engine answers getBottomUp a few
// levels under one inverted path at a time (src-shared/profile/views.ts BottomUpView), and each
// answer is grafted under the node of that path. A node at the edge of an answer with `more` set
// has callers not loaded yet; expanding it asks the engine for them. Only what was asked for is
// held, so a profile with 500k call paths costs the rows the user opened.

import type { WeightUnit } from '../../../../src-shared/profile/profile';
import type { BottomUpView, ViewFrame } from '../../../../src-shared/profile/views';
import type { TreeData } from './tree-model';

/** A growing inverted tree; node 0 is the root, node ids never change once made. */
export class BottomUpTree implements TreeData {
  readonly root = 0;
  readonly weightUnit: WeightUnit;
  /** The selection's weight, what shares divide by. */
  readonly totalWeight: number;
  #frame: (ViewFrame | undefined)[] = [undefined];
  #parent: number[] = [-1];
  #level: number[] = [-1];
  /** Weight of samples whose stack ends with the node's path (DevTools' bottom-up self time). */
  #weight: number[] = [0];
  #samples: number[] = [0];
  /** null: callers not loaded yet. */
  #children: (number[] | null)[] = [null];

  /** The tree from an answer for the empty path (the functions samples ended in). */
  constructor(view: BottomUpView) {
    this.weightUnit = view.weightUnit;
    this.totalWeight = view.totalWeight;
    this.graft(view);
  }

  /** Number of nodes held (the root included). */
  get size(): number {
    return this.#frame.length;
  }

  children(node: number): readonly number[] | null {
    return this.#children[node] ?? null;
  }

  hasChildren(node: number): boolean {
    const children = this.#children[node];
    return children === null || (children !== undefined && children.length > 0);
  }

  /** True when expanding the node needs an answer from the engine first. */
  needsLoad(node: number): boolean {
    return this.#children[node] === null;
  }

  parent(node: number): number {
    return this.#parent[node] ?? -1;
  }

  level(node: number): number {
    return this.#level[node] ?? 0;
  }

  frame(node: number): ViewFrame | undefined {
    return this.#frame[node];
  }

  weight(node: number): number {
    return this.#weight[node] ?? 0;
  }

  samples(node: number): number {
    return this.#samples[node] ?? 0;
  }

  /** The node's inverted path for getBottomUp: frame ids, the function samples ended in first. */
  path(node: number): number[] {
    const path: number[] = [];
    for (let current = node; current > 0; current = this.#parent[current]!) path.push(this.#frame[current]!.id);
    return path.reverse();
  }

  /**
   * Adds an answer's nodes under the node of its path; returns that node, or -1 when the path is
   * not in the tree or its callers were already loaded (an answer arriving twice).
   */
  graft(view: BottomUpView): number {
    const { nodes, frames } = view;
    const anchor = this.find(view.path);
    if (anchor < 0 || this.#children[anchor] !== null) return -1;
    this.#children[anchor] = [];
    // The answer's node i becomes mapped[i]; the path's own nodes map onto the tree's.
    const mapped = new Int32Array(nodes.length).fill(-1);
    const pathDepth = view.path.length;
    for (let index = 0; index < nodes.length; index++) {
      const depth = nodes.depth[index]!;
      if (depth < pathDepth) continue;
      if (depth === pathDepth) {
        mapped[index] = anchor;
        continue;
      }
      const parent = mapped[nodes.parent[index]!]!;
      if (parent < 0) continue;
      const node = this.#frame.length;
      mapped[index] = node;
      this.#frame.push(frames[nodes.frame[index]!]);
      this.#parent.push(parent);
      this.#level.push(depth - 1);
      this.#weight.push(nodes.total[index]!);
      this.#samples.push(view.totalSamples[index]!);
      this.#children.push(view.more[index] ? null : []);
      this.#children[parent]!.push(node);
    }
    return anchor;
  }

  /** The node reached by following `path` (frame ids) from the root, or -1. */
  find(path: readonly number[]): number {
    let node = this.root;
    for (const frameId of path) {
      const next = this.#children[node]?.find((child) => this.#frame[child]?.id === frameId);
      if (next === undefined) return -1;
      node = next;
    }
    return node;
  }
}
