// Pane heights set by dragging or with the keyboard on a divider: pure arithmetic, shared by the
// ResizeHandle component and the unit tests. Sizes are CSS pixels.

/** The bounds of one pane's height. */
export interface PaneBounds {
  minimum: number;
  maximum: number;
}

/** A height kept inside its bounds (the minimum wins when the bounds cross: a short window). */
export function clampPane(size: number, bounds: PaneBounds): number {
  return Math.round(Math.max(bounds.minimum, Math.min(size, bounds.maximum)));
}

/** Pixels one arrow key moves a divider; Shift moves it further. */
export const keyStep = 16;
export const largeKeyStep = 96;

/**
 * The height after a key on a horizontal divider (below its pane): ArrowDown grows the pane,
 * ArrowUp shrinks it, Home and End go to the bounds. null for keys the divider does not handle.
 */
export function keyResize(size: number, key: string, shiftKey: boolean, bounds: PaneBounds): number | null {
  const step = shiftKey ? largeKeyStep : keyStep;
  switch (key) {
    case 'ArrowDown':
      return clampPane(size + step, bounds);
    case 'ArrowUp':
      return clampPane(size - step, bounds);
    case 'Home':
      return clampPane(bounds.minimum, bounds);
    case 'End':
      return clampPane(bounds.maximum, bounds);
    default:
      return null;
  }
}

/** A stored sizes record read back: only finite, positive numbers survive (storage is user-editable). */
export function parseStoredSizes(text: string | null): Record<string, number> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const sizes: Record<string, number> = {};
    for (const [key, size] of Object.entries(value)) {
      if (typeof size === 'number' && Number.isFinite(size) && size > 0) sizes[key] = size;
    }
    return sizes;
  } catch {
    return {};
  }
}
