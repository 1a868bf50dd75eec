// Source locations of perf frame lines, for the perf profiler's line costs: the `ip` and `(dso)`
// of a frame line (perf prints the address within the DSO, which is what addr2line takes), and
// what `addr2line -a -i` answers for a list of addresses.

/** A source location: a file and its 1-based line. */
export interface SourceLocation {
  file: string;
  line: number;
}

/** Gives the location of an address (hex, no 0x) in a DSO, or null when unknown. */
export type Locate = (dso: string, address: string) => SourceLocation | null;

const location = /^(.+):(\d+)(?: \(discriminator \d+\))?$/;
const addressLine = /^0x([0-9a-f]+)$/;

/** The location of `file:line` text, or null for `??:0`, `??:?` and anything else. */
export function sourceLocation(text: string): SourceLocation | null {
  const match = location.exec(text.trim());
  if (!match) return null;
  const file = match[1]!;
  const line = Number(match[2]);
  if (file.startsWith('??') || !(line > 0 && line <= 0x7fffffff)) return null;
  return { file, line };
}

/**
 * The location of each address in `addr2line -a -i` output, keyed by the address in lower-case hex
 * without leading zeros. With -i, an address in inlined code lists the inlined function's line, then
 * the line that inlined it, and so on out to the function itself: the last is the one kept, a line of
 * the function perf names.
 */
export function addr2lineLocations(output: string): Map<string, SourceLocation | null> {
  const locations = new Map<string, SourceLocation | null>();
  let address: string | null = null;
  for (const line of output.split('\n')) {
    const match = addressLine.exec(line.trim());
    if (match) {
      address = match[1]!.replace(/^0+(?=.)/, '');
      locations.set(address, null);
    } else if (address !== null && line.trim() !== '') {
      locations.set(address, sourceLocation(line));
    }
  }
  return locations;
}

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/** The hex address a frame line [start, end) begins with (lower case, no leading zeros), or null. */
export function frameAddress(bytes: Buffer, start: number, end: number): string | null {
  let index = start;
  while (index < end && (bytes[index] === 32 || bytes[index] === 9)) index++;
  const digits = index;
  while (index < end && isHexDigit(bytes[index]!)) index++;
  if (index === digits || index >= end || (bytes[index] !== 32 && bytes[index] !== 9)) return null;
  return bytes
    .toString('latin1', digits, index)
    .toLowerCase()
    .replace(/^0+(?=.)/, '');
}

/** The DSO of a frame text `sym[+off] (dso)`, or null. */
export function frameDso(text: string): string | null {
  const open = text.lastIndexOf(' (');
  return open >= 0 && text.endsWith(')') ? text.slice(open + 2, -1) : null;
}
