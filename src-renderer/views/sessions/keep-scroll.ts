// The sessions list keeps its scroll position: across edits (a rename, a tag, a baseline, a delete
// re-render rows) and across reloads of the page, kept in sessionStorage for this tab. Storage that
// is missing or refuses keeps the position for this page only.

const storageKey = 'thermograph.sessionsScroll';

function stored(): { top: number; left: number } | null {
  try {
    const value: unknown = JSON.parse(globalThis.sessionStorage?.getItem(storageKey) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { top, left } = value as Record<string, unknown>;
    return typeof top === 'number' && typeof left === 'number' ? { top, left } : null;
  } catch {
    return null;
  }
}

/** An attachment for the list's scroll box: restores the last position, then remembers each scroll. */
export function keepScroll(node: HTMLElement): () => void {
  const last = stored();
  // After the rows are laid out; a list shorter than before simply stops at its end.
  const frame = requestAnimationFrame(() => {
    if (last) node.scrollTo({ top: last.top, left: last.left });
  });
  const remember = () => {
    try {
      globalThis.sessionStorage?.setItem(storageKey, JSON.stringify({ top: node.scrollTop, left: node.scrollLeft }));
    } catch {
      // Not remembered across reloads; the position still holds on this page.
    }
  };
  node.addEventListener('scroll', remember, { passive: true });
  return () => {
    cancelAnimationFrame(frame);
    node.removeEventListener('scroll', remember);
  };
}
