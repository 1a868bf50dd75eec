// The bottom-up view's data: asked of the engine when the view is shown for a selection it has
// not loaded (the flame graph view that came with that selection is the token), the callers of a
// node asked for when it is opened. Answers for an older selection are dropped.

import type { Transform } from '../../../../src-shared/profile/transforms';
import type { FlameGraphView, ProfileSelection } from '../../../../src-shared/profile/views';
import type { ApiClient } from '../../../api/client';
import { BottomUpTree } from './bottom-up-tree';
import { nodeSet, withNode } from './tree-model';
import { TreeState } from './tree-state.svelte';

/** Levels of callers loaded under the heaviest function on first show (opened by TreeState). */
const firstShowDepth = 6;
/** At most this many open rows are opened again after a reload (one engine call each). */
const maximumReopened = 40;

/** What a getBottomUp call takes besides the path. */
interface ViewParams {
  sessionId: number;
  selection: ProfileSelection;
  transforms: Transform[];
}

/** The bottom-up tree of the current selection, loaded as far as it was opened. */
export class BottomUpState {
  readonly tree = new TreeState();
  bottomUp = $state.raw<BottomUpTree | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Nodes whose callers are being fetched. */
  loadingNodes = $state.raw<ReadonlySet<number>>(nodeSet());

  #client: ApiClient;
  #params: ViewParams | null = null;
  #loadedFor: FlameGraphView | null = null;

  constructor(client: ApiClient) {
    this.#client = client;
  }

  /**
   * Loads the functions of the selection `flame` was loaded for, unless already loaded. `guess`
   * is a guess at the heaviest function (the hotspot table's first row): its callers are asked for
   * at the same time as the functions on first show, one engine round trip instead of two.
   */
  async show(flame: FlameGraphView, params: ViewParams, guess: number | null = null): Promise<void> {
    if (flame === this.#loadedFor) return;
    this.#loadedFor = flame;
    this.#params = params;
    this.loading = true;
    const functions = this.#client.api.getBottomUp({ ...params, path: [], depth: 1 });
    const guessed =
      guess !== null && this.tree.openPaths().length === 0
        ? {
            path: [guess],
            answer: this.#client.api.getBottomUp({ ...params, path: [guess], depth: firstShowDepth }),
          }
        : null;
    const result = await functions;
    if (flame !== this.#loadedFor) return;
    if (!result.ok) {
      this.loading = false;
      this.error = result.error.message;
      return;
    }
    const bottomUp = new BottomUpTree(result.value);
    const openPaths = this.tree.openPaths().slice(0, maximumReopened);
    const heaviest = bottomUp.children(bottomUp.root)?.[0];
    // Callers to load before showing: those of the rows open before, parents first, or on first
    // show the heaviest function's, a few levels of them.
    const wanted =
      openPaths.length > 0
        ? openPaths.map((key) => ({ path: key.split(',').map(Number), depth: 1 }))
        : heaviest !== undefined
          ? [{ path: bottomUp.path(heaviest), depth: firstShowDepth }]
          : [];
    for (const { path, depth } of wanted) {
      const node = bottomUp.find(path);
      if (node < 0 || !bottomUp.needsLoad(node)) continue;
      const callers = await (guessed && guessed.path.join() === path.join() && depth === firstShowDepth
        ? guessed.answer
        : this.#client.api.getBottomUp({ ...params, path, depth }));
      if (flame !== this.#loadedFor) return;
      if (callers.ok) bottomUp.graft(callers.value);
    }
    this.loading = false;
    this.error = null;
    this.bottomUp = bottomUp;
    this.loadingNodes = nodeSet();
    this.tree.replace(bottomUp);
  }

  /** Opens or closes a node, fetching its callers first when they are not loaded. */
  async setOpen(node: number, open: boolean): Promise<void> {
    const bottomUp = this.bottomUp;
    const params = this.#params;
    if (!bottomUp || !params || !open || !bottomUp.needsLoad(node)) {
      this.tree.setOpen(node, open);
      return;
    }
    if (this.loadingNodes.has(node)) return;
    this.loadingNodes = withNode(this.loadingNodes, node, true);
    const result = await this.#client.api.getBottomUp({ ...params, path: bottomUp.path(node), depth: 1 });
    if (bottomUp !== this.bottomUp) return;
    this.loadingNodes = withNode(this.loadingNodes, node, false);
    if (!result.ok) {
      this.error = result.error.message;
      return;
    }
    bottomUp.graft(result.value);
    this.tree.grew();
    this.tree.setOpen(node, true);
  }
}
