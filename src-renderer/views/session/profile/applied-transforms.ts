// The transforms applied to a session's profile, as the breadcrumb shows them ("Whole profile ›
// Merge foo › Focus bar"): each with the label it got when applied, since a merged or collapsed
// function no longer appears in the views that could name it. Kept per profile kind (frame ids
// belong to one profile) and per session in sessionStorage, so a reload keeps them. Pure helpers,
// apart from the two storage functions, which tolerate missing or refusing storage.

import type { ProfileKind } from '../../../../src-shared/profile/profile';
import { maximumTransforms, type Transform } from '../../../../src-shared/profile/transforms';

/** One applied transform and how the breadcrumb names it. */
export interface AppliedTransform {
  transform: Transform;
  label: string;
}

/** Applied transforms by profile kind. */
export type AppliedTransforms = Partial<Record<ProfileKind, AppliedTransform[]>>;

/** The crumb's text of a transform on the function (or module) named `name`. */
export function transformLabel(transform: Transform, name: string): string {
  switch (transform.type) {
    case 'merge-function':
      return `Merge ${name}`;
    case 'focus-function':
      return `Focus ${name}`;
    case 'focus-subtree':
      return `Focus subtree ${name}`;
    case 'collapse-module':
      return `Collapse ${transform.module}`;
    case 'collapse-recursion':
      return `Collapse recursion ${name}`;
    case 'drop-internal':
      return 'Hide runtime internals';
  }
}

/** True when two transforms do the same thing. */
export function sameTransform(a: Transform, b: Transform): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The list with `applied` added at the end; unchanged when the same transform is already the
 * last one (a double click) or the list is full.
 */
export function withTransform(list: readonly AppliedTransform[], applied: AppliedTransform): AppliedTransform[] {
  const last = list.at(-1);
  if ((last && sameTransform(last.transform, applied.transform)) || list.length >= maximumTransforms) return [...list];
  return [...list, applied];
}

/** True when the runtime's internals are hidden. */
export function hidesInternals(list: readonly AppliedTransform[]): boolean {
  return list.some((applied) => applied.transform.type === 'drop-internal');
}

/**
 * The list with runtime internals hidden or shown again. Dropping internals makes no frames, so
 * removing it from the middle leaves the ids the later transforms use valid.
 */
export function withInternalsHidden(list: readonly AppliedTransform[], hidden: boolean): AppliedTransform[] {
  const without = list.filter((applied) => applied.transform.type !== 'drop-internal');
  if (!hidden) return without;
  const transform: Transform = { type: 'drop-internal' };
  return withTransform(without, { transform, label: transformLabel(transform, '') });
}

const frameTransforms = new Set(['merge-function', 'focus-function', 'collapse-recursion']);

/** True for a stored value that is a transform list entry this version understands. */
function isAppliedTransform(value: unknown): value is AppliedTransform {
  if (typeof value !== 'object' || value === null) return false;
  const { transform, label } = value as { transform?: Record<string, unknown>; label?: unknown };
  if (typeof label !== 'string' || typeof transform !== 'object' || transform === null) return false;
  const isId = (id: unknown) => Number.isInteger(id) && (id as number) >= 0;
  if (frameTransforms.has(transform.type as string)) return isId(transform.frame);
  if (transform.type === 'focus-subtree')
    return Array.isArray(transform.path) && transform.path.length > 0 && transform.path.every(isId);
  if (transform.type === 'collapse-module') return typeof transform.module === 'string' && transform.module !== '';
  return transform.type === 'drop-internal';
}

/** Stored transforms read back; anything unreadable counts as none (the views then show all). */
export function parseAppliedTransforms(text: string | null): AppliedTransforms {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const result: AppliedTransforms = {};
    for (const kind of ['cpu', 'allocation'] as const) {
      const list = parsed[kind];
      if (Array.isArray(list) && list.length <= maximumTransforms && list.every(isAppliedTransform))
        result[kind] = list;
    }
    return result;
  } catch {
    return {};
  }
}

const storageKey = (sessionId: number) => `thermograph.transforms.${sessionId}`;

/** The transforms kept for a session while its tab lives. */
export function loadAppliedTransforms(sessionId: number): AppliedTransforms {
  try {
    return parseAppliedTransforms(globalThis.sessionStorage?.getItem(storageKey(sessionId)) ?? null);
  } catch {
    return {};
  }
}

/** Keeps a session's transforms for this tab (a reload shows the same views). */
export function saveAppliedTransforms(sessionId: number, applied: AppliedTransforms): void {
  try {
    globalThis.sessionStorage?.setItem(storageKey(sessionId), JSON.stringify(applied));
  } catch {
    // Not kept; the transforms still apply until the page closes.
  }
}
