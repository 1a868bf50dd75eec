// `perf script` text (format: perf-script(1), "FIELDS"; the layout is builtin-script.c's): a header
// line per sample, `comm pid/tid [cpu] secs.micros: [period] event:`, then one indented
// `ip sym[+off] (dso)` line per frame, leaf first, and a blank line between samples.
//
// Built for speed (≥ 250 MB/s): chunks are decoded as latin1 (one char per byte, no UTF-8 work),
// lines are found with indexOf, frame lines are looked up whole in a Map so each distinct
// `sym (dso)` text is classified once, and a sample's frames go into one reused Int32Array.
// Lines that cannot be read are skipped and counted (`skippedLines`), not fatal: one torn line in
// a 1 GB file should not lose the profile. No sample at all is fatal ('invalid-profile').

import { ThermographError } from '../../src-shared/api/errors';
import { ProfileBuilder } from '../../src-shared/profile/builder';
import type { Profile } from '../../src-shared/profile/profile';
import type { EpochMilliseconds, Milliseconds } from '../../src-shared/units';
import type { ImportInput, ImportOptions, ProfileImporter } from './importer';
import { ByteRangeIndex } from './byte-range-index';
import { perfFrame } from './perf-frame';

export { perfFrame } from './perf-frame';

/** How to read one perf script stream. */
export interface PerfScriptOptions {
  /** Wall-clock time of a perf timestamp (seconds), or null to start at `fallbackStartTime`. */
  epochOf: ((perfSeconds: number) => EpochMilliseconds) | null;
  fallbackStartTime: EpochMilliseconds;
  /** The interval asked of perf, when known; stored in the profile's source. */
  requestedIntervalMs: Milliseconds | null;
  /** The profile's source tool: 'perf' when recorded, 'perf-script' when imported. */
  tool: string;
}

/** A parsed perf script stream. */
export interface PerfScriptResult {
  profile: Profile;
  samples: number;
  /** Lines that were neither a sample header nor a frame (garbage, a torn last line). */
  skippedLines: number;
}

const newline = 10;
const tab = 9;
const space = 32;
const colon = 58;
const dot = 46;
const slash = 47;
const zero = 48;
const nine = 57;

function isDigit(code: number): boolean {
  return code >= zero && code <= nine;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/** Where the time token `digits.digits` whose ':' is at `colonAt` starts, or -1. */
function timeStart(bytes: Buffer, colonAt: number, lineStart: number): number {
  let index = colonAt - 1;
  let sawDot = false;
  while (index >= lineStart) {
    const code = bytes[index]!;
    if (code === dot && !sawDot) sawDot = true;
    else if (!isDigit(code)) break;
    index--;
  }
  const start = index + 1;
  if (!sawDot || start === colonAt || index < lineStart || bytes[index] !== space) return -1;
  return start;
}

/** Streams perf script text into one Profile: push() chunks, then finish(). */
export class PerfScriptParser {
  // The chunk being parsed, as bytes (fast to index) and as the same bytes in a latin1 string
  // (fast to compare and slice); offsets agree because latin1 is one char per byte.
  private bytes: Buffer = Buffer.alloc(0);
  private text = '';
  private pending: Buffer | null = null;
  // Distinct frame texts, and the builder's frame for each.
  private readonly frameTexts = new ByteRangeIndex();
  private readonly frameIndexes: number[] = [];
  private stackFrames = new Int32Array(256);
  private depth = 0;
  private builder: ProfileBuilder | null = null;
  private firstSeconds = -1;
  private sampleTime = 0;
  private sampleWeight = -1;
  private sampleThread = -1;
  private inSample = false;
  private readonly threadOf = new Map<number, { comm: string; index: number; lastTime: number }>();
  private smallestGap = Infinity;
  samples = 0;
  skippedLines = 0;

  constructor(private readonly options: PerfScriptOptions) {}

  /** Parses every complete line of `chunk`; a partial last line waits for the next chunk. */
  push(chunk: Buffer): void {
    let start = 0;
    if (this.pending !== null) {
      // Only the line torn across chunks is copied, never the whole chunk.
      const first = chunk.indexOf(newline);
      if (first < 0) {
        this.pending = Buffer.concat([this.pending, chunk]);
        return;
      }
      this.use(Buffer.concat([this.pending, chunk.subarray(0, first + 1)]));
      this.pending = null;
      this.line(0, this.bytes.length - 1);
      start = first + 1;
    }
    this.use(chunk);
    let end: number;
    while ((end = chunk.indexOf(newline, start)) >= 0) {
      this.line(start, end);
      start = end + 1;
    }
    if (start < chunk.length) this.pending = Buffer.from(chunk.subarray(start));
  }

  /** Ends the stream and builds the profile. A last line without its newline is counted as torn. */
  finish(): PerfScriptResult {
    if (this.pending !== null) this.skippedLines++;
    this.pending = null;
    this.endSample();
    const builder = this.builder ?? this.createBuilder(this.options.fallbackStartTime);
    return { profile: builder.build(), samples: this.samples, skippedLines: this.skippedLines };
  }

  private use(bytes: Buffer): void {
    this.bytes = bytes;
    this.text = bytes.toString('latin1');
  }

  private createBuilder(startTime: EpochMilliseconds): ProfileBuilder {
    this.builder = new ProfileBuilder({
      kind: 'cpu',
      weightUnit: 'milliseconds',
      startTime,
      source: { tool: this.options.tool, requestedIntervalMs: this.options.requestedIntervalMs },
    });
    return this.builder;
  }

  private line(start: number, end: number): void {
    if (start === end) {
      this.endSample();
      return;
    }
    const first = this.bytes[start]!;
    if (first === tab || first === space) {
      if (this.inSample) this.frameLine(start, end);
      else if (this.text.slice(start, end).trim() !== '') this.skippedLines++;
    } else if (first !== 35 /* '#': perf's --header comments */) {
      this.endSample();
      if (!this.header(start, end)) this.skippedLines++;
    }
  }

  private frameLine(start: number, end: number): void {
    const bytes = this.bytes;
    let index = start;
    // perf prints the address right-aligned in 16 columns after a tab: jump over it when it is
    // there, and otherwise skip blanks and an address (absent when the ip field was not asked for).
    if (bytes[index] === tab && end - index > 18 && bytes[index + 17] === space && isHexDigit(bytes[index + 16]!)) {
      index += 18;
    } else {
      while (index < end && (bytes[index] === space || bytes[index] === tab)) index++;
      let cursor = index;
      while (cursor < end && isHexDigit(bytes[cursor]!)) cursor++;
      if (cursor > index && cursor < end && bytes[cursor] === space) index = cursor + 1;
    }
    if (index >= end) {
      this.skippedLines++;
      return;
    }
    this.addFrame(index, end);
  }

  // Each distinct frame text is classified once; ByteRangeIndex finds it again by its bytes, with
  // no substring made for a frame seen before.
  private addFrame(start: number, end: number): void {
    let entry = this.frameTexts.find(this.bytes, start, end);
    if (entry < 0) {
      const text = this.text.slice(start, end);
      // Decode UTF-8 only for the few distinct frames, not for every line.
      const decoded = /[\x80-\xff]/.test(text) ? Buffer.from(text, 'latin1').toString('utf8') : text;
      this.frameIndexes.push(this.builder!.frame(perfFrame(decoded)));
      entry = this.frameTexts.add(this.bytes, start, end);
    }
    if (this.depth === this.stackFrames.length) {
      const larger = new Int32Array(this.depth * 2);
      larger.set(this.stackFrames);
      this.stackFrames = larger;
    }
    this.stackFrames[this.depth++] = this.frameIndexes[entry]!;
  }

  /** Reads a header line; false when it is not one. */
  private header(start: number, end: number): boolean {
    const bytes = this.bytes;
    let timeAt = -1;
    let colonAt = bytes.indexOf(colon, start);
    while (colonAt >= 0 && colonAt < end) {
      const next = colonAt + 1 < end ? bytes[colonAt + 1] : space;
      if (next === space || next === tab) {
        timeAt = timeStart(bytes, colonAt, start);
        if (timeAt >= 0) break;
      }
      colonAt = bytes.indexOf(colon, colonAt + 1);
    }
    if (timeAt < 0 || colonAt >= end) return false;
    const time = parseSeconds(bytes, timeAt, colonAt);
    // Left of the time: [cpu], then pid/tid or one id, then comm (which may contain spaces).
    let cursor = timeAt - 1;
    while (cursor > start && bytes[cursor] === space) cursor--;
    if (bytes[cursor] === 93 /* ']' */) {
      while (cursor > start && bytes[cursor] !== 91 /* '[' */) cursor--;
      cursor--;
      while (cursor > start && bytes[cursor] === space) cursor--;
    }
    let tid = 0;
    let multiplier = 1;
    while (cursor > start && isDigit(bytes[cursor]!)) {
      tid += (bytes[cursor]! - zero) * multiplier;
      multiplier *= 10;
      cursor--;
    }
    if (multiplier === 1) return false;
    if (bytes[cursor] === slash) {
      cursor--;
      while (cursor > start && isDigit(bytes[cursor]!)) cursor--;
    }
    const comm = this.text.slice(start, cursor).trimEnd();
    // Right of the time: an optional period, the event name, and for recordings without call
    // graphs the one frame on the same line.
    let index = colonAt + 1;
    while (index < end && bytes[index] === space) index++;
    let period = -1;
    if (isDigit(bytes[index]!)) {
      let value = 0;
      let digitEnd = index;
      while (digitEnd < end && isDigit(bytes[digitEnd]!)) value = value * 10 + bytes[digitEnd++]! - zero;
      if (digitEnd === end || bytes[digitEnd] === space) {
        period = value;
        index = digitEnd;
        while (index < end && bytes[index] === space) index++;
      }
    }
    let eventEnd = index;
    while (eventEnd < end && bytes[eventEnd] !== space && bytes[eventEnd] !== tab) eventEnd++;
    const clockEvent = this.text.startsWith('cpu-clock', index) || this.text.startsWith('task-clock', index);
    this.beginSample(comm, tid, time, clockEvent && period > 0 ? period / 1e6 : -1);
    let rest = eventEnd;
    while (rest < end && (bytes[rest] === space || bytes[rest] === tab)) rest++;
    if (rest < end) this.frameLine(rest, end);
    return true;
  }

  private beginSample(comm: string, tid: number, seconds: number, weight: number): void {
    if (this.builder === null) {
      this.firstSeconds = seconds;
      this.createBuilder(this.options.epochOf?.(seconds) ?? this.options.fallbackStartTime);
    }
    // Samples before the first one's time (perf sorts by time, but concatenated files exist)
    // keep their order relative to each other; the builder sorts them.
    const time = (seconds - this.firstSeconds) * 1000;
    let thread = this.threadOf.get(tid);
    if (thread === undefined || thread.comm !== comm) {
      thread = { comm, index: this.builder!.thread(comm, tid), lastTime: thread?.lastTime ?? -1 };
      this.threadOf.set(tid, thread);
    }
    if (weight < 0) {
      // Not a clock event: charge the time since this thread's previous sample, capped at twice
      // the smallest gap seen so a thread that slept between samples is not charged its sleep.
      const gap = thread.lastTime >= 0 ? time - thread.lastTime : Infinity;
      if (gap > 0 && gap < this.smallestGap) this.smallestGap = gap;
      const interval = Number.isFinite(this.smallestGap) ? this.smallestGap : 1;
      weight = Number.isFinite(gap) ? Math.min(Math.max(gap, 0), 2 * interval) : interval;
    }
    thread.lastTime = time;
    this.sampleTime = time;
    this.sampleWeight = weight;
    this.sampleThread = thread.index;
    this.depth = 0;
    this.inSample = true;
  }

  private endSample(): void {
    if (!this.inSample) return;
    this.inSample = false;
    const builder = this.builder!;
    let stack = -1;
    for (let index = this.depth - 1; index >= 0; index--) stack = builder.stack(stack, this.stackFrames[index]!);
    if (stack >= 0 && this.sampleWeight > 0) {
      builder.sample(stack, this.sampleTime, this.sampleWeight, this.sampleThread);
      this.samples++;
    }
    this.depth = 0;
  }
}

/** Parses `secs.fraction` without allocating a substring. */
function parseSeconds(bytes: Buffer, start: number, end: number): number {
  let whole = 0;
  let fraction = 0;
  let scale = 1;
  let index = start;
  for (; index < end && bytes[index] !== dot; index++) whole = whole * 10 + bytes[index]! - zero;
  for (index++; index < end; index++) {
    fraction = fraction * 10 + bytes[index]! - zero;
    scale *= 10;
  }
  return whole + fraction / scale;
}

/** Parses a whole perf script stream; throws 'invalid-profile' when it holds no sample. */
export async function parsePerfScript(
  chunks: AsyncIterable<Buffer>,
  options: PerfScriptOptions,
  name = 'perf script output',
): Promise<PerfScriptResult> {
  const parser = new PerfScriptParser(options);
  for await (const chunk of chunks) parser.push(chunk);
  const result = parser.finish();
  if (result.samples === 0) {
    throw new ThermographError(
      'invalid-profile',
      `${name} holds no perf sample with a call stack${result.skippedLines ? ` (${result.skippedLines} unreadable lines)` : ''}. ` +
        'Make it with `perf script` (default fields, or at least comm,tid,time,ip,sym,dso) from a perf.data that has samples.',
    );
  }
  return result;
}

const headerPattern = /^\S.*? \d+(?:\/\d+)? +(?:\[\d+\] +)?\d+\.\d+: /;

/** perf script text: sample headers with a timestamp, frames indented below them. */
export const perfScriptImporter: ProfileImporter = {
  format: 'perf-script',
  description: 'Linux perf script text',
  detect(head: Buffer): boolean {
    const lines = head.toString('latin1').split('\n', 200);
    const firstSample = lines.findIndex((line) => line !== '' && !line.startsWith('#'));
    return firstSample >= 0 && headerPattern.test(lines[firstSample]!);
  },
  async import(input: ImportInput, options: ImportOptions): Promise<Profile[]> {
    const result = await parsePerfScript(
      input.chunks(),
      { epochOf: null, fallbackStartTime: options.fallbackStartTime, requestedIntervalMs: null, tool: 'perf-script' },
      input.name,
    );
    return [result.profile];
  },
};
