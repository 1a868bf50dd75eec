// Flame graph search: a case-insensitive substring, or a regular expression written as /…/flags.
// Results say how many functions match and what share of the weight runs in them, each sample
// counted once even when matches are nested (recursion, or two matching functions on one stack).

import type { FlameGraphView, ViewFrame } from '../../../src-shared/profile/views';

/** A compiled query: tests one function name. */
export type SearchMatcher = (name: string) => boolean;

/** A query compiled, or why it could not be. */
export type ParsedQuery = { ok: true; matcher: SearchMatcher | null } | { ok: false; error: string };

/** Compiles a query; an empty one matches nothing (matcher null), a broken regex is an error. */
export function parseSearchQuery(query: string): ParsedQuery {
  const trimmed = query.trim();
  if (trimmed === '') return { ok: true, matcher: null };
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(trimmed);
  if (regex) {
    try {
      // Case-insensitive like the plain search; `g`/`y` would make test() stateful, so they go.
      const flags = new Set([...regex[2]!.replace(/[gy]/g, ''), 'i']);
      const pattern = new RegExp(regex[1]!, [...flags].join(''));
      return { ok: true, matcher: (name) => pattern.test(name) };
    } catch (error) {
      return { ok: false, error: `Not a valid regular expression: ${(error as Error).message}` };
    }
  }
  const needle = trimmed.toLowerCase();
  return { ok: true, matcher: (name) => name.toLowerCase().includes(needle) };
}

/** Which frames match a query; one byte per frame (1 = match). */
export function matchFrames(frames: readonly ViewFrame[], matcher: SearchMatcher): Uint8Array {
  const matched = new Uint8Array(frames.length);
  for (let index = 0; index < frames.length; index++) if (matcher(frames[index]!.name)) matched[index] = 1;
  return matched;
}

/** What a search found in one flame graph. */
export interface SearchResult {
  /** One byte per frame of the view: 1 when its name matches. */
  matchedFrames: Uint8Array;
  /** Distinct functions that match. */
  functionCount: number;
  /** Weight under matching nodes, each subtree counted once. */
  matchedWeight: number;
  /** matchedWeight / the view's total, 0–1. */
  share: number;
}

/**
 * Searches a view. A matching node's whole subtree is counted and then skipped, so a match under
 * a match adds nothing: the share is of samples with a match anywhere on their stack.
 */
export function searchFlameGraph(view: FlameGraphView, matcher: SearchMatcher): SearchResult {
  const matchedFrames = matchFrames(view.frames, matcher);
  let functionCount = 0;
  for (const flag of matchedFrames) functionCount += flag;
  const { frame, total, end, length } = view.nodes;
  let matchedWeight = 0;
  let index = 0;
  while (index < length) {
    const frameIndex = frame[index]!;
    if (frameIndex >= 0 && matchedFrames[frameIndex] === 1) {
      matchedWeight += total[index]!;
      index = end[index]!;
    } else index++;
  }
  const share = view.totalWeight > 0 ? Math.min(1, matchedWeight / view.totalWeight) : 0;
  return { matchedFrames, functionCount, matchedWeight, share };
}

/**
 * What a flame graph keeps bright (one byte per frame): the search's matches and the function picked
 * in a table; null when nothing is picked, so nothing is dimmed.
 */
export function flameEmphasis(
  frames: readonly ViewFrame[],
  search: SearchResult | null,
  selectedFrameId: number | null,
): Uint8Array | null {
  if (!search && selectedFrameId === null) return null;
  const bright = search ? search.matchedFrames.slice() : new Uint8Array(frames.length);
  if (selectedFrameId !== null) frames.forEach((frame, index) => frame.id === selectedFrameId && (bright[index] = 1));
  return bright;
}
