// The transforms a function's context menu offers (Firefox Profiler's): which apply to a frame,
// what the menu says and how the breadcrumb will name each. Focus on subtree needs the call path,
// so only the flame graph and the call tree offer it; Collapse module needs a module.

import type { Transform } from '../../../../src-shared/profile/transforms';
import type { ViewFrame } from '../../../../src-shared/profile/views';
import { transformLabel, type AppliedTransform } from './applied-transforms';
import { pathKey, type TreeData } from './tree-model';

/** An open menu: the function, its call path where the view has one, and where it opens (client px). */
export interface FrameMenuPlace {
  frame: ViewFrame;
  path: number[] | null;
  point: { x: number; y: number };
}

/** The menu for a node of a tree view; `withPath` where the tree's paths are call paths (not bottom-up's). */
export function treeNodeMenu(
  data: TreeData | null,
  node: number,
  point: { x: number; y: number },
  withPath: boolean,
): FrameMenuPlace | null {
  const frame = data?.frame(node);
  if (!data || !frame) return null;
  return { frame, path: withPath ? pathKey(data, node).split(',').map(Number) : null, point };
}

/** One entry of the menu. */
export interface FrameMenuItem {
  /** What the menu says. */
  text: string;
  /** What it does, in a sentence (the item's title). */
  hint: string;
  applied: AppliedTransform;
}

function item(transform: Transform, name: string, text: string, hint: string): FrameMenuItem {
  return { text, hint, applied: { transform, label: transformLabel(transform, name) } };
}

/** The menu's items for `frame`; `path` is its call path (frame ids, root first) where known. */
export function frameMenuItems(frame: ViewFrame, path: readonly number[] | null): FrameMenuItem[] {
  const items = [
    item(
      { type: 'merge-function', frame: frame.id },
      frame.name,
      'Merge function',
      'Remove it from every stack: its time goes to its callers',
    ),
    item(
      { type: 'focus-function', frame: frame.id },
      frame.name,
      'Focus on function',
      'Only the samples that call it, every stack starting at it',
    ),
  ];
  if (path && path.length > 0)
    items.push(
      item(
        { type: 'focus-subtree', path: [...path] },
        frame.name,
        'Focus on subtree',
        'Only the samples under this call path, starting at it',
      ),
    );
  if (frame.module)
    items.push(
      item(
        { type: 'collapse-module', module: frame.module },
        frame.name,
        'Collapse module',
        `Show the calls inside ${frame.module} as one frame`,
      ),
    );
  items.push(
    item(
      { type: 'collapse-recursion', frame: frame.id },
      frame.name,
      'Collapse recursion',
      'Show it calling itself as one frame',
    ),
  );
  return items;
}
