// The `srcline` field of `perf script` (perf-script(1)): after a frame line, perf prints the source
// location of its address on a line of its own, indented by two spaces — `file:line` (the file's
// base name unless --full-source-path), or `sym+offset` / `dso[address]` when the debug
// information does not know it — and nothing at all when perf has no debug information to ask.
// So a srcline line is told from a frame line by what it lacks: the frame's hex address.

/** A source location: a file and its 1-based line. */
export interface SourceLocation {
  file: string;
  line: number;
}

const location = /^(.+):(\d+)(?: \(discriminator \d+\))?$/;

/** The location a srcline text names, or null for `??:0`, `sym+offset`, `dso[address]` and anything else. */
export function sourceLocation(text: string): SourceLocation | null {
  const match = location.exec(text.trim());
  if (!match) return null;
  const file = match[1]!;
  const line = Number(match[2]);
  if (file.startsWith('??') || !(line > 0 && line <= 0x7fffffff)) return null;
  return { file, line };
}

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/** True when the line [start, end) begins (after blanks) with a hex address and a blank: a frame line with `ip`. */
export function startsWithAddress(bytes: Buffer, start: number, end: number): boolean {
  let index = start;
  while (index < end && (bytes[index] === 32 || bytes[index] === 9)) index++;
  const digits = index;
  while (index < end && isHexDigit(bytes[index]!)) index++;
  return index > digits && index < end && (bytes[index] === 32 || bytes[index] === 9);
}
