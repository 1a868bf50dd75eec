// Profile transforms, as in the Firefox Profiler: data the UI keeps in a list and the engine applies
// in order to the stored profile before any view is computed. Frame ids are the ids views give
// (ViewFrame.id); a transform that makes new frames (collapse-module) appends them, so the ids of
// existing frames stay valid for the transforms after it.

/** Removes a function from every stack; its time goes to its caller (Firefox "merge function"). */
export interface MergeFunctionTransform {
  type: 'merge-function';
  frame: number;
}

/**
 * Cuts every stack to start at the outermost call of a function; samples without it are dropped
 * (Firefox "focus on function"): one root, all its call sites merged.
 */
export interface FocusFunctionTransform {
  type: 'focus-function';
  frame: number;
}

/** Keeps only samples under one call path (root first) and re-roots them at its last frame. */
export interface FocusSubtreeTransform {
  type: 'focus-subtree';
  path: number[];
}

/** Consecutive frames of one module (library, package, binary) become one frame named after it. */
export interface CollapseModuleTransform {
  type: 'collapse-module';
  module: string;
}

/** A function calling itself directly shows as one frame (f → f → f becomes f). */
export interface CollapseRecursionTransform {
  type: 'collapse-recursion';
  frame: number;
}

/**
 * Hides the runtime's own frames: Node's `node:internal/...` functions (the module-loading chain
 * above every program's top level) are merged into their callers, and "(idle)" samples, time the
 * thread spent waiting rather than running, are dropped. A sample made only of internal frames
 * keeps its outermost one, so no CPU time disappears; "(program)" and "(garbage collector)" are
 * real work and stay.
 */
export interface DropInternalTransform {
  type: 'drop-internal';
}

/** One step of a transform list. */
export type Transform =
  | MergeFunctionTransform
  | FocusFunctionTransform
  | FocusSubtreeTransform
  | CollapseModuleTransform
  | CollapseRecursionTransform
  | DropInternalTransform;

/** Every transform type, for schemas and menus. */
export const transformTypes = [
  'merge-function',
  'focus-function',
  'focus-subtree',
  'collapse-module',
  'collapse-recursion',
  'drop-internal',
] as const satisfies readonly Transform['type'][];

/** At most this many transforms in one list (a UI adds them one click at a time). */
export const maximumTransforms = 64;
