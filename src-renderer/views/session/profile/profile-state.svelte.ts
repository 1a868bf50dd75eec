// Loads a session's profile views (flame graph, hotspots, one function's sandwich) for the current
// selection: kind, thread, the timeline's brushed range and the transforms; keeps which view
// (flame graph, stack chart, call tree, bottom-up, sandwich) is shown. Range changes are debounced (a brush
// being dragged fires many); every response older than the latest request is dropped.

import type { ProfileKind } from '../../../../src-shared/profile/profile';
import type {
  FlameGraphView,
  HotspotTable,
  ProfileSelection,
  SandwichView,
  TimeRange,
} from '../../../../src-shared/profile/views';
import type { Transform } from '../../../../src-shared/profile/transforms';
import type { ApiClient } from '../../../api/client';
import {
  hidesInternals,
  loadAppliedTransforms,
  saveAppliedTransforms,
  withInternalsHidden,
  withTransform,
  type AppliedTransform,
  type AppliedTransforms,
} from './applied-transforms';
import { loadProfileView, saveProfileView, type ProfileViewName } from './profile-views';

/** How long the range must hold still before the views reload. */
export const rangeDebounceMs = 200;
/** Rows asked of getHotspots; the table is virtualized. */
const hotspotLimit = 5_000;

/** True when two ranges are the same (both null counts as the same). */
function sameRange(a: TimeRange | null, b: TimeRange | null): boolean {
  return a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);
}

/** One session's profile views and what is being asked for. */
export class ProfileState {
  kind = $state<ProfileKind>('cpu');
  thread = $state<number | null>(null);
  range = $state.raw<TimeRange | null>(null);
  /** The view shown (a tab); the last choice is remembered for every session. */
  view = $state<ProfileViewName>(loadProfileView());
  /** The current kind's transforms with their breadcrumb labels. */
  applied = $state.raw<AppliedTransform[]>([]);
  /** Applied in order to every view and export (src-shared/profile/transforms.ts). */
  transforms = $state.raw<Transform[]>([]);
  flame = $state.raw<FlameGraphView | null>(null);
  hotspots = $state.raw<HotspotTable | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The function picked in the hotspot table (ViewFrame.id); its sandwich is loaded. */
  selectedFrameId = $state<number | null>(null);
  sandwich = $state.raw<SandwichView | null>(null);
  sandwichLoading = $state(false);
  sandwichError = $state<string | null>(null);
  /** Views loaded so far, for tests (a data attribute). */
  loadCount = $state(0);

  #client: ApiClient;
  #sessionId: number;
  #kinds: ProfileKind[] = [];
  #sequence = 0;
  #sandwichSequence = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #appliedByKind: AppliedTransforms;

  constructor(client: ApiClient, sessionId: number) {
    this.#client = client;
    this.#sessionId = sessionId;
    this.#appliedByKind = loadAppliedTransforms(sessionId);
    this.#showApplied();
  }

  /** The selection the views are for. */
  get selection(): ProfileSelection {
    return { kind: this.kind, range: this.range, thread: this.thread };
  }

  /** The session these views are of. */
  get sessionId(): number {
    return this.#sessionId;
  }

  /** What every view call takes besides its own parameters. */
  get viewParams(): { sessionId: number; selection: ProfileSelection; transforms: Transform[] } {
    return { sessionId: this.#sessionId, selection: this.selection, transforms: this.transforms };
  }

  /** True while the runtime's own frames are hidden (the drop-internal transform). */
  get internalsHidden(): boolean {
    return hidesInternals(this.applied);
  }

  /** Adds a transform at the end of the list and reloads every view. */
  applyTransform(applied: AppliedTransform): void {
    this.#setApplied(withTransform(this.applied, applied));
    const { transform } = applied;
    // A function merged away has no sandwich left to show.
    if (transform.type === 'merge-function' && transform.frame === this.selectedFrameId) this.selectFunction(null);
  }

  /** Keeps the first `count` transforms (a breadcrumb clicked): the views as they were then. */
  keepTransforms(count: number): void {
    if (count >= this.applied.length) return;
    this.#setApplied(this.applied.slice(0, Math.max(0, count)));
  }

  /** Hides the runtime's own frames, or shows them again. */
  setInternalsHidden(hidden: boolean): void {
    if (hidden === this.internalsHidden) return;
    this.#setApplied(withInternalsHidden(this.applied, hidden));
  }

  #setApplied(list: AppliedTransform[]): void {
    this.#appliedByKind = { ...this.#appliedByKind, [this.kind]: list };
    saveAppliedTransforms(this.#sessionId, this.#appliedByKind);
    this.#showApplied();
    void this.load();
  }

  #showApplied(): void {
    this.applied = this.#appliedByKind[this.kind] ?? [];
    this.transforms = this.applied.map((entry) => entry.transform);
  }

  /** Takes the kinds of profile the session has (they appear when a recording ends) and loads. */
  setAvailableKinds(kinds: ProfileKind[]): void {
    const changed = kinds.join() !== this.#kinds.join();
    this.#kinds = kinds;
    if (!changed) return;
    if (kinds.length === 0) {
      this.#cancel();
      this.flame = null;
      this.hotspots = null;
      return;
    }
    if (!kinds.includes(this.kind)) {
      this.kind = kinds[0]!;
      this.#showApplied();
    }
    void this.load();
  }

  /** Shows another view of the same selection and remembers the choice. */
  setView(view: ProfileViewName): void {
    if (view === this.view) return;
    this.view = view;
    saveProfileView(view);
  }

  /** Shows another kind of profile (CPU, allocations). */
  setKind(kind: ProfileKind): void {
    if (kind === this.kind) return;
    this.kind = kind;
    this.#showApplied();
    this.thread = null;
    this.selectedFrameId = null;
    this.sandwich = null;
    void this.load();
  }

  /** Shows one thread, or all merged (null). */
  setThread(thread: number | null): void {
    if (thread === this.thread) return;
    this.thread = thread;
    void this.load();
  }

  /** Takes the timeline's brushed range; reloads once it has held still for a moment. */
  setRange(range: TimeRange | null): void {
    if (sameRange(range, this.range)) return;
    this.range = range;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.load();
    }, rangeDebounceMs);
  }

  /** Picks a function for the sandwich (null closes it). */
  selectFunction(frameId: number | null): void {
    this.selectedFrameId = frameId;
    if (frameId === null) {
      this.#sandwichSequence++;
      this.sandwich = null;
      this.sandwichError = null;
      this.sandwichLoading = false;
      return;
    }
    void this.#loadSandwich();
  }

  /** Loads the flame graph and hotspots of the current selection (and the sandwich, if one is open). */
  async load(): Promise<void> {
    if (this.#kinds.length === 0) return;
    const sequence = ++this.#sequence;
    const params = this.viewParams;
    this.loading = true;
    const [flame, hotspots] = await Promise.all([
      this.#client.api.getFlameGraph(params),
      this.#client.api.getHotspots({ ...params, limit: hotspotLimit }),
    ]);
    if (sequence !== this.#sequence) return;
    this.loading = false;
    if (!flame.ok || !hotspots.ok) {
      this.error = (!flame.ok ? flame.error.message : !hotspots.ok ? hotspots.error.message : null) ?? null;
      return;
    }
    this.error = null;
    this.flame = flame.value;
    this.hotspots = hotspots.value;
    this.loadCount++;
    if (this.selectedFrameId !== null) void this.#loadSandwich();
  }

  /** Stops pending loads; their answers are dropped. */
  dispose(): void {
    this.#cancel();
  }

  #cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#sequence++;
    this.#sandwichSequence++;
    this.loading = false;
  }

  async #loadSandwich(): Promise<void> {
    const frameId = this.selectedFrameId;
    if (frameId === null) return;
    const sequence = ++this.#sandwichSequence;
    this.sandwichLoading = true;
    const result = await this.#client.api.getSandwich({ ...this.viewParams, frameId });
    if (sequence !== this.#sandwichSequence) return;
    this.sandwichLoading = false;
    if (result.ok) {
      this.sandwich = result.value;
      this.sandwichError = null;
    } else {
      this.sandwich = null;
      this.sandwichError = result.error.message;
    }
  }
}
