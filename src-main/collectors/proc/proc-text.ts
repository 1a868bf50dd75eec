// Small scanners shared by the /proc parsers. They read numbers straight out of the text with
// charCodeAt instead of split/regex, because the sampler parses several files per sample and
// allocation is what makes a sample slow.

/** Parses the unsigned decimal number that starts at `index` (after any spaces or tabs); NaN when none. */
export function readUnsignedAt(text: string, index: number): number {
  const length = text.length;
  let position = index;
  let code = text.charCodeAt(position);
  while (code === 32 || code === 9) code = text.charCodeAt(++position);
  let value = 0;
  const start = position;
  while (position < length && code >= 48 && code <= 57) {
    value = value * 10 + (code - 48);
    code = text.charCodeAt(++position);
  }
  return position === start ? Number.NaN : value;
}

/**
 * The number on the line that starts with `key` (which includes its colon, like "VmRSS:"), or null
 * when the file has no such line or it holds no number. Lines other than the first are found by
 * searching for a newline before the key, so "voluntary_ctxt_switches:" does not match inside
 * "nonvoluntary_ctxt_switches:".
 */
export function readKeyedNumber(text: string, key: string): number | null {
  let index: number;
  if (text.startsWith(key)) {
    index = key.length;
  } else {
    const found = text.indexOf('\n' + key);
    if (found < 0) return null;
    index = found + 1 + key.length;
  }
  const value = readUnsignedAt(text, index);
  return Number.isNaN(value) ? null : value;
}

/** A keyed value given in kB (as /proc writes memory sizes), converted to bytes; null when absent. */
export function readKeyedKilobytes(text: string, key: string): number | null {
  const kilobytes = readKeyedNumber(text, key);
  return kilobytes === null ? null : kilobytes * 1024;
}
