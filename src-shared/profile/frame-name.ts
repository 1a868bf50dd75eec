// The longest name a profile keeps. A frame name (or file, or module) of megabytes comes only from a
// damaged or hostile file, and carrying it costs everywhere downstream: V8 hashes strings longer than
// 16,383 characters by their length alone, so Maps keyed by such names turn quadratic, and the UI
// lays out the whole text (a 50 MB name took 15 s to open). Names are cut once, where they enter,
// keeping their start and saying how long they were.

/** The most UTF-16 code units a name keeps, including the note that it was shortened. */
export const maximumNameLength = 4096;

// The suffix of a shortened name; isShortenedName recognises it.
const shortenedPattern = /… \(\d+ characters, shortened\)$/;

/**
 * `text` when it fits maximumNameLength, else its start followed by "… (N characters, shortened)".
 * Costs O(maximumNameLength), whatever the length of `text`. A shortened name fits, so shortening
 * twice changes nothing.
 */
export function shortenedName(text: string): string {
  // A damaged file can put a number or null where a name belongs; it passes as it came.
  if (typeof text !== 'string' || text.length <= maximumNameLength) return text;
  const suffix = `… (${text.length} characters, shortened)`;
  let keep = maximumNameLength - suffix.length;
  // Never split a surrogate pair: a lone half would show as a replacement character.
  const last = text.charCodeAt(keep - 1);
  if (last >= 0xd800 && last <= 0xdbff) keep--;
  return text.slice(0, keep) + suffix;
}

/** True for a name shortenedName cut. */
export function isShortenedName(text: string): boolean {
  return text.length <= maximumNameLength && text.endsWith(' characters, shortened)') && shortenedPattern.test(text);
}
