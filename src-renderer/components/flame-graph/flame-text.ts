// Labels inside boxes: measured cheaply with a per-character width cache (one measureText per
// distinct character, ever) and truncated with an ellipsis to the room there is.

/** Measures one string in the label font, in CSS px (canvas measureText in the app). */
export type MeasureText = (text: string) => number;

/** Character widths of one font, measured once each. */
export class CharacterWidths {
  readonly #measure: MeasureText;
  readonly #ascii = new Float64Array(128).fill(-1);
  readonly #other = new Map<string, number>();
  /** Width of the ellipsis character. */
  readonly ellipsis: number;

  constructor(measure: MeasureText) {
    this.#measure = measure;
    this.ellipsis = measure('…');
  }

  /** The width of the character at `index` of `text`. */
  widthAt(text: string, index: number): number {
    const code = text.charCodeAt(index);
    if (code < 128) {
      let width = this.#ascii[code]!;
      if (width < 0) width = this.#ascii[code] = this.#measure(text[index]!);
      return width;
    }
    const character = text[index]!;
    let width = this.#other.get(character);
    if (width === undefined) {
      width = this.#measure(character);
      this.#other.set(character, width);
    }
    return width;
  }
}

/**
 * The longest prefix of `text` (plus "…" when cut) that fits `room` px; "" when not even one
 * character and the ellipsis fit. Stops scanning as soon as the room is used up.
 */
export function fitLabel(text: string, room: number, widths: CharacterWidths): string {
  let used = 0;
  let lastFitting = 0;
  const budget = room - widths.ellipsis;
  for (let index = 0; index < text.length; index++) {
    used += widths.widthAt(text, index);
    if (used <= budget) lastFitting = index + 1;
    if (used > room) break;
  }
  if (used <= room) return text;
  return lastFitting === 0 ? '' : `${text.slice(0, lastFitting)}…`;
}
