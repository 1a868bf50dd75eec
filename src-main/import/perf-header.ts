// A `perf script` sample header line, read from bytes: `comm pid/tid [cpu] secs.micros: period event:`
// and, for recordings without call graphs, the one frame on the same line (builtin-script.c,
// perf_sample__fprintf_start and process_event). Every field can be left out with `perf script -F`,
// and any run of blanks (spaces or tabs) separates them.

const tab = 9;
const space = 32;
const colon = 58;
const dot = 46;
const slash = 47;
const zero = 48;
const nine = 57;
const openBracket = 91;
const closeBracket = 93;

function isDigit(code: number | undefined): boolean {
  return code !== undefined && code >= zero && code <= nine;
}

function isBlank(code: number | undefined): boolean {
  return code === space || code === tab;
}

/** What a header line holds, as offsets into its bytes; reused from line to line (no allocation). */
export class PerfHeader {
  /** The line's start and the end of the comm and ids: the part that names the thread. */
  threadStart = 0;
  threadEnd = 0;
  /** comm is bytes[threadStart, commEnd); empty when the comm field was left out. */
  commEnd = 0;
  /** The thread id (the tid of pid/tid), or -1 without one. */
  tid = -1;
  /** Seconds of perf's clock, or NaN when the time field was left out. */
  seconds = Number.NaN;
  /** The sample's period (event count), or -1 when the period field was left out. */
  period = -1;
  /** The event name is bytes[eventStart, eventEnd), without its colon; empty when left out. */
  eventStart = 0;
  eventEnd = 0;
  /** Where a frame on the same line starts (recordings without call graphs), or -1. */
  frameStart = -1;

  /** Reads bytes[start, end) as a header; false when it is not one. */
  read(bytes: Uint8Array, start: number, end: number): boolean {
    this.threadStart = start;
    this.tid = -1;
    this.seconds = Number.NaN;
    this.period = -1;
    this.eventStart = this.eventEnd = 0;
    this.frameStart = -1;
    const colonAt = this.findTime(bytes, start, end);
    let rest: number;
    if (colonAt >= 0) {
      if (!this.readThreadBefore(bytes, start, this.timeStart)) return false;
      rest = colonAt + 1;
    } else {
      rest = this.readThreadAfter(bytes, start, end);
      if (rest < 0) return false;
    }
    this.readRest(bytes, rest, end);
    // Without a time, something must say this is a sample: an id, an event or a frame.
    return colonAt >= 0 || this.tid >= 0 || this.eventEnd > this.eventStart;
  }

  private timeStart = 0;

  // The time token `digits.digits:` followed by a blank or the end: returns its colon, or -1.
  private findTime(bytes: Uint8Array, start: number, end: number): number {
    for (let colonAt = start; colonAt < end; colonAt++) {
      if (bytes[colonAt] !== colon || (colonAt + 1 < end && !isBlank(bytes[colonAt + 1]))) continue;
      let index = colonAt - 1;
      let dotAt = -1;
      while (index >= start && (isDigit(bytes[index]) || (bytes[index] === dot && dotAt < 0))) {
        if (bytes[index] === dot) dotAt = index;
        index--;
      }
      if (dotAt < 0 || dotAt === colonAt - 1 || index + 1 === dotAt) continue;
      if (index >= start && !isBlank(bytes[index])) continue;
      this.timeStart = index + 1;
      this.seconds = parseSeconds(bytes, index + 1, colonAt, dotAt);
      return colonAt;
    }
    return -1;
  }

  // Left of the time: [cpu], then pid/tid or one id, then comm (which may hold blanks and digits).
  private readThreadBefore(bytes: Uint8Array, start: number, timeStart: number): boolean {
    let cursor = timeStart - 1;
    while (cursor >= start && isBlank(bytes[cursor])) cursor--;
    this.threadEnd = cursor + 1;
    if (cursor >= start && bytes[cursor] === closeBracket) {
      while (cursor > start && bytes[cursor] !== openBracket) cursor--;
      cursor--;
      while (cursor >= start && isBlank(bytes[cursor])) cursor--;
    }
    let tid = 0;
    let multiplier = 1;
    while (cursor >= start && isDigit(bytes[cursor])) {
      tid += (bytes[cursor]! - zero) * multiplier;
      multiplier *= 10;
      cursor--;
    }
    if (multiplier > 1) {
      this.tid = tid;
      if (cursor >= start && bytes[cursor] === slash) {
        cursor--;
        while (cursor >= start && isDigit(bytes[cursor])) cursor--;
      }
      // An id must stand alone: "x86_64" is a comm, not comm "x86_" and id 64.
      if (cursor >= start && !isBlank(bytes[cursor])) return false;
    }
    while (cursor >= start && isBlank(bytes[cursor])) cursor--;
    this.commEnd = cursor + 1;
    return true;
  }

  // Without a time: comm, then the first token of digits (or digits/digits) is the id. Returns where
  // the fields after the ids start, or -1 when there is no id.
  private readThreadAfter(bytes: Uint8Array, start: number, end: number): number {
    let cursor = start;
    while (cursor < end) {
      while (cursor < end && !isBlank(bytes[cursor])) cursor++;
      const commEnd = cursor;
      while (cursor < end && isBlank(bytes[cursor])) cursor++;
      let tokenEnd = cursor;
      let tid = 0;
      while (tokenEnd < end && isDigit(bytes[tokenEnd])) tid = tid * 10 + bytes[tokenEnd++]! - zero;
      if (tokenEnd > cursor && tokenEnd < end && bytes[tokenEnd] === slash) {
        const tidStart = ++tokenEnd;
        tid = 0;
        while (tokenEnd < end && isDigit(bytes[tokenEnd])) tid = tid * 10 + bytes[tokenEnd++]! - zero;
        if (tokenEnd === tidStart) continue;
      }
      if (tokenEnd > cursor && (tokenEnd === end || isBlank(bytes[tokenEnd]))) {
        this.commEnd = commEnd;
        this.tid = tid;
        while (tokenEnd < end && isBlank(bytes[tokenEnd])) tokenEnd++;
        if (bytes[tokenEnd] === openBracket) {
          while (tokenEnd < end && bytes[tokenEnd] !== closeBracket) tokenEnd++;
          tokenEnd++;
        }
        this.threadEnd = tokenEnd;
        return tokenEnd;
      }
    }
    return -1;
  }

  // Right of the time (or the ids): an optional period, the event name and its colon, then a frame.
  private readRest(bytes: Uint8Array, from: number, end: number): void {
    let index = from;
    while (index < end && isBlank(bytes[index])) index++;
    if (isDigit(bytes[index])) {
      let value = 0;
      let digitEnd = index;
      while (digitEnd < end && isDigit(bytes[digitEnd])) value = value * 10 + bytes[digitEnd++]! - zero;
      if (digitEnd === end || isBlank(bytes[digitEnd])) {
        this.period = value;
        index = digitEnd;
        while (index < end && isBlank(bytes[index])) index++;
      }
    }
    let tokenEnd = index;
    while (tokenEnd < end && !isBlank(bytes[tokenEnd])) tokenEnd++;
    if (tokenEnd > index && bytes[tokenEnd - 1] === colon) {
      this.eventStart = index;
      this.eventEnd = tokenEnd - 1;
      index = tokenEnd;
      while (index < end && isBlank(bytes[index])) index++;
    }
    if (index < end) this.frameStart = index;
  }
}

/** Parses `secs.fraction` without allocating a substring. */
function parseSeconds(bytes: Uint8Array, start: number, end: number, dotAt: number): number {
  let whole = 0;
  for (let index = start; index < dotAt; index++) whole = whole * 10 + bytes[index]! - zero;
  let fraction = 0;
  let scale = 1;
  for (let index = dotAt + 1; index < end; index++) {
    fraction = fraction * 10 + bytes[index]! - zero;
    scale *= 10;
  }
  return whole + fraction / scale;
}
