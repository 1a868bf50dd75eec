// `perf script` text (format: perf-script(1), "FIELDS"; the layout is builtin-script.c's): a header
// line per sample, `comm pid/tid [cpu] secs.micros: [period] event:`, then one indented
// `ip sym[+off] (dso)` line per frame, leaf first, and a blank line between samples. Any field may
// be left out with `perf script -F` (perf-header.ts reads what is there).
//
// Weights: a clock event (cpu-clock, task-clock) with its period weighs the period's nanoseconds.
// Any other event, or a clock without a period, weighs one sample each ("samples"), as FlameGraph
// and speedscope count: a cycles or page-faults period counts events, not time, and time gaps
// between samples mostly measure how long a thread slept. Each event is its own profile, because
// adding instructions to cycles means nothing; the profile kept is a time-weighted one, else the
// event with most samples, and the others are named (`otherEvents`).
//
// Built for speed: bytes are never decoded except for new frames and threads. A sample's block
// (header, leaf line, caller lines, blank line) is split by three native indexOf calls; the leaf
// and the whole caller chain are each looked up by their bytes (ByteRangeIndex), so a sample whose
// callers were seen before costs two lookups whatever its depth. Anything unusual (no blank line
// between samples, CR line ends, very deep stacks) is read line by line instead. Lines that cannot
// be read are skipped and counted (`skippedLines`), not fatal: one torn line in a 1 GB file should
// not lose the profile. No sample at all is fatal ('invalid-profile').
//
// Line costs (the perf profiler, for native programs): `addresses` hears each distinct frame line's
// DSO and address (perf-addresses.ts), which the profiler looks up with addr2line; a second read
// with `locate` is line by line, and each sample keeps the line each frame ran (per-sample line
// nodes, as austin's). A function's file is the one its first located address names; an address
// located in another file keeps its frame but not its line, which would be a line of another file.

import { ThermographError } from '../../src-shared/api/errors';
import { ProfileBuilder } from '../../src-shared/profile/builder';
import { shortenedName } from '../../src-shared/profile/frame-name';
import type { Profile, WeightUnit } from '../../src-shared/profile/profile';
import type { EpochMilliseconds, Milliseconds } from '../../src-shared/units';
import type { ImportInput, ImportOptions, ProfileImporter } from './importer';
import { ByteRangeIndex } from './byte-range-index';
import { perfFrame } from './perf-frame';
import { PerfHeader } from './perf-header';
import { frameAddress, frameDso, type Locate, type SourceLocation } from './perf-addresses';

export { perfFrame } from './perf-frame';

/** How to read one perf script stream. */
export interface PerfScriptOptions {
  /** Wall-clock time of a perf timestamp (seconds), or null to start at `fallbackStartTime`. */
  epochOf: ((perfSeconds: number) => EpochMilliseconds) | null;
  fallbackStartTime: EpochMilliseconds;
  /**
   * The interval asked of perf, when known (a recording): stored in the profile's source, and the
   * weight of a sample of a non-clock event (perf -F aims at one sample per interval of CPU time).
   */
  requestedIntervalMs: Milliseconds | null;
  /** The profile's source tool: 'perf' when recorded, 'perf-script' when imported. */
  tool: string;
  /** Hears the DSO and address of each distinct frame line (with the ip and dso fields). */
  addresses?: (dso: string, address: string) => void;
  /** The source location of a frame line's address: samples keep each frame's line (see the file's comment). */
  locate?: Locate;
}

/** A parsed perf script stream. */
export interface PerfScriptResult {
  /** The profile of the event kept (see the file's comment). */
  profile: Profile;
  samples: number;
  /** The event kept, as perf names it ("cpu-clock", "cycles:u"), or null when headers name none. */
  event: string | null;
  /** Events in the stream that were left out, with their sample counts. */
  otherEvents: { event: string; samples: number }[];
  /** Lines that were neither a sample header nor a frame (garbage, a torn last line). */
  skippedLines: number;
}

const newline = 10;
const carriageReturn = 13;
const tab = 9;
const space = 32;
const hash = 35;
const separator = Buffer.from('\n\n');
/** A sample block longer than this (a very deep stack) is read line by line. */
const longestBlock = 16 * 1024;
/** Caller chains are remembered until their bytes fill this much; later new ones are not kept. */
const chainMemory = 64 * 1024 * 1024;

function isBlank(code: number | undefined): boolean {
  return code === space || code === tab;
}

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/**
 * True when a line at `start` is a frame line: indented, or (Android simpleperf's report_sample.py,
 * which prints addresses with '%16x') a 16-digit address flush left. No comm is 16 hex digits:
 * the kernel keeps 15 characters of it.
 */
function isFrameLine(bytes: Buffer, start: number): boolean {
  if (isBlank(bytes[start])) return true;
  for (let index = start; index < start + 16; index++) if (!isHexDigit(bytes[index] ?? 0)) return false;
  return isBlank(bytes[start + 16]);
}

/** One event's profile and the lookups that make its samples cheap. */
class EventProfile {
  samples = 0;
  lastPeriod = -1;
  readonly lines = new ByteRangeIndex();
  /** The frame of each distinct line (-1: a line with no frame text). */
  readonly lineFrames: number[] = [];
  /** Frames by their text without offset: lines at other addresses in one function share one. */
  readonly symbolFrames = new Map<string, number>();
  /** With locate: the line of each distinct line (0: unknown). */
  readonly lineLines: number[] = [];
  /** With locate: the file of each frame (null: none), the one its lines must name. */
  readonly frameFiles = new Map<number, string | null>();
  readonly chains = new ByteRangeIndex();
  readonly chainStacks: number[] = [];
  /** Lines of each chain that held no frame, counted again at each repeat. */
  readonly chainSkipped: number[] = [];
  chainBytes = 0;
  private readonly threads = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly builder: ProfileBuilder,
    readonly unit: WeightUnit,
    readonly clock: boolean,
  ) {}

  thread(key: string, comm: string, tid: number): number {
    let index = this.threads.get(key);
    if (index === undefined) {
      index = this.builder.thread(comm, tid >= 0 ? tid : null);
      this.threads.set(key, index);
    }
    return index;
  }
}

/** Streams perf script text into profiles: push() chunks, then finish(). */
export class PerfScriptParser {
  private bytes: Buffer = Buffer.alloc(0);
  private pending: Buffer | null = null;
  private readonly header = new PerfHeader();
  private readonly events = new Map<string, EventProfile>();
  private event: EventProfile | null = null;
  private lastEventName = Buffer.alloc(0);
  // Distinct thread fields (comm and ids, as bytes) and the key and comm of each.
  private readonly threadFields = new ByteRangeIndex();
  private readonly threads: { key: string; comm: string }[] = [];
  private origin = Number.NaN;
  private startTime: EpochMilliseconds | null = null;
  private inSample = false;
  private afterBlank = true;
  private stackFrames = new Int32Array(256);
  /** With locate: the line each frame of stackFrames runs (0: unknown). */
  private stackLines = new Int32Array(256);
  private depth = 0;
  /** The line of the frame line lineFrame() read last (0 without locate). */
  private lastLine = 0;
  private sampleLineNode = -1;
  private sampleTime = 0;
  private sampleWeight = 0;
  private sampleThread = 0;
  // The next "\n\n" in the current bytes at or after a position, found once per block.
  private separatorAt = -1;
  private noSeparatorFrom = Number.POSITIVE_INFINITY;
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
    const bytes = this.bytes;
    let end: number;
    while ((end = bytes.indexOf(newline, start)) >= 0) start = this.line(start, end);
    if (start < chunk.length) this.pending = Buffer.from(chunk.subarray(start));
  }

  /** Ends the stream and builds the profile of the event kept. */
  finish(): PerfScriptResult {
    if (this.pending !== null) {
      // A last line without its newline: a frame completes its sample; anything else is torn.
      const last = this.pending;
      this.pending = null;
      this.use(last);
      if (this.inSample && isFrameLine(last, 0)) this.frameLine(0, last.length);
      else this.skippedLines++;
    }
    this.endSample();
    const sampled = [...this.events.values()].filter((event) => event.samples > 0);
    // Time-weighted first, then the most samples; ties keep the first event seen.
    sampled.sort(
      (left, right) =>
        Number(right.unit === 'milliseconds') - Number(left.unit === 'milliseconds') || right.samples - left.samples,
    );
    const kept = sampled[0];
    const builder = kept?.builder ?? this.createBuilder('samples');
    return {
      profile: builder.build(),
      samples: kept?.samples ?? 0,
      event: kept?.name || null,
      otherEvents: sampled.slice(1).map((event) => ({ event: event.name, samples: event.samples })),
      skippedLines: this.skippedLines,
    };
  }

  private use(bytes: Buffer): void {
    this.bytes = bytes;
    this.separatorAt = -1;
    this.noSeparatorFrom = Number.POSITIVE_INFINITY;
  }

  private createBuilder(weightUnit: WeightUnit): ProfileBuilder {
    return new ProfileBuilder({
      kind: 'cpu',
      weightUnit,
      startTime: this.startTime ?? this.options.fallbackStartTime,
      source: { tool: this.options.tool, requestedIntervalMs: this.options.requestedIntervalMs },
    });
  }

  // One line [start, end) (bytes[end] is its newline); returns where the next line starts.
  private line(start: number, end: number): number {
    const bytes = this.bytes;
    let lineEnd = end;
    if (lineEnd > start && bytes[lineEnd - 1] === carriageReturn) lineEnd--;
    let first = start;
    while (first < lineEnd && isBlank(bytes[first])) first++;
    if (first === lineEnd) {
      this.endSample();
      this.afterBlank = true;
      return end + 1;
    }
    const indented = first > start;
    if (this.inSample && (indented || isFrameLine(bytes, start))) {
      this.frameLine(start, lineEnd);
      return end + 1;
    }
    if (bytes[start] === hash && !this.inSample) return end + 1; // perf script --header comments
    this.endSample();
    // An indented line is a header only right after a blank line, and only with a time or an
    // event (perf -F without comm); otherwise it is a stray frame.
    const header = this.afterBlank || !indented ? this.header.read(bytes, start, lineEnd) : false;
    this.afterBlank = false;
    if (!header || (indented && Number.isNaN(this.header.seconds) && this.header.eventEnd === 0)) {
      this.skippedLines++;
      return end + 1;
    }
    this.beginSample();
    if (this.header.frameStart >= 0) {
      this.frameLine(this.header.frameStart, lineEnd);
      return end + 1;
    }
    // Line nodes are made line by line.
    return this.options.locate ? end + 1 : this.block(end);
  }

  // The fast path for a sample whose header ends at headerEnd: its whole block at once, or
  // headerEnd + 1 to read it line by line.
  private block(headerEnd: number): number {
    const bytes = this.bytes;
    if (!isFrameLine(bytes, headerEnd + 1)) return headerEnd + 1;
    const leafEnd = bytes.indexOf(newline, headerEnd + 1);
    // The search for the blank line starts after the leaf: one line less to scan.
    const blockEnd = leafEnd < 0 ? -1 : this.separatorAfter(leafEnd);
    if (blockEnd < 0 || blockEnd - headerEnd > longestBlock || bytes[leafEnd - 1] === carriageReturn) {
      return headerEnd + 1;
    }
    const leaf = this.lineFrame(headerEnd + 1, leafEnd);
    const callers = leafEnd < blockEnd ? this.chainStack(leafEnd + 1, blockEnd) : -1;
    if (callers === -2) return headerEnd + 1;
    if (leaf < 0) this.skippedLines++;
    const stack = leaf >= 0 ? this.event!.builder.stack(callers, leaf) : callers;
    this.inSample = false;
    this.afterBlank = true;
    this.addSample(stack);
    return blockEnd + 2;
  }

  private separatorAfter(from: number): number {
    if (this.separatorAt >= from) return this.separatorAt;
    if (from >= this.noSeparatorFrom) return -1;
    this.separatorAt = this.bytes.indexOf(separator, from);
    if (this.separatorAt < 0) this.noSeparatorFrom = from;
    return this.separatorAt;
  }

  // The stack of a caller chain (frame lines, leaf's caller first, up to blockEnd), or -2 when a
  // line in it is not a frame line. A chain seen before costs one lookup.
  private chainStack(start: number, end: number): number {
    const event = this.event!;
    const bytes = this.bytes;
    const known = event.chains.find(bytes, start, end);
    if (known >= 0) {
      this.skippedLines += event.chainSkipped[known]!;
      return event.chainStacks[known]!;
    }
    this.depth = 0;
    let skipped = 0;
    for (let lineStart = start; lineStart < end;) {
      let lineEnd = bytes.indexOf(newline, lineStart);
      if (lineEnd < 0 || lineEnd > end) lineEnd = end;
      if (!isFrameLine(bytes, lineStart) || bytes[lineEnd - 1] === carriageReturn) return -2;
      const frame = this.lineFrame(lineStart, lineEnd);
      if (frame >= 0) this.pushFrame(frame);
      else skipped++;
      lineStart = lineEnd + 1;
    }
    const stack = this.stackOfFrames();
    this.skippedLines += skipped;
    if (event.chainBytes < chainMemory) {
      event.chainBytes += end - start;
      event.chains.add(bytes, start, end);
      event.chainStacks.push(stack);
      event.chainSkipped.push(skipped);
    }
    return stack;
  }

  private frameLine(start: number, end: number): void {
    const frame = this.lineFrame(start, end);
    if (frame >= 0) this.pushFrame(frame, this.lastLine);
    else this.skippedLines++;
  }

  // The frame of a frame line (with its indent and address), classified once per distinct line.
  private lineFrame(start: number, end: number): number {
    const event = this.event!;
    const bytes = this.bytes;
    const known = event.lines.find(bytes, start, end);
    if (known >= 0) {
      // Without locate there are no lines (and reading past an empty array is slow in V8).
      this.lastLine = this.options.locate ? event.lineLines[known]! : 0;
      return event.lineFrames[known]!;
    }
    const text = frameText(bytes, start, end);
    const location = this.locationOf(bytes, start, end, text);
    // Keyed as the builder shortens names: a Map hashes a longer string by its length alone.
    const symbol = shortenedName(withoutOffset(text));
    let frame = event.symbolFrames.get(symbol);
    if (frame === undefined) {
      const input = perfFrame(text);
      const file = input.file ?? location?.file ?? null;
      frame = text === '' ? -1 : event.builder.frame(this.options.locate ? { ...input, file } : input);
      event.symbolFrames.set(symbol, frame);
      if (this.options.locate) event.frameFiles.set(frame, file);
    }
    this.lastLine = location !== null && location.file === event.frameFiles.get(frame) ? location.line : 0;
    event.lineFrames.push(frame);
    if (this.options.locate) event.lineLines.push(this.lastLine);
    event.lines.add(bytes, start, end);
    return frame;
  }

  // The source location of a new frame line (null without locate), telling `addresses` about it.
  private locationOf(bytes: Buffer, start: number, end: number, text: string): SourceLocation | null {
    const { addresses, locate } = this.options;
    if (!addresses && !locate) return null;
    const dso = frameDso(text);
    const address = frameAddress(bytes, start, end);
    if (dso === null || address === null) return null;
    addresses?.(dso, address);
    return locate?.(dso, address) ?? null;
  }

  private pushFrame(frame: number, line = 0): void {
    if (this.depth === this.stackFrames.length) {
      const larger = new Int32Array(this.depth * 2);
      larger.set(this.stackFrames);
      this.stackFrames = larger;
      const largerLines = new Int32Array(this.depth * 2);
      largerLines.set(this.stackLines);
      this.stackLines = largerLines;
    }
    this.stackLines[this.depth] = line;
    this.stackFrames[this.depth++] = frame;
  }

  // The stack of the frames pushed so far (leaf first), root first into the builder; with
  // locate, their line node too (sampleLineNode, -1 when no frame's line is known).
  private stackOfFrames(): number {
    const builder = this.event!.builder;
    const withLines = this.options.locate !== undefined;
    let stack = -1;
    let node = -1;
    let located = false;
    for (let index = this.depth - 1; index >= 0; index--) {
      stack = builder.stack(stack, this.stackFrames[index]!);
      if (!withLines) continue;
      const line = this.stackLines[index]!;
      node = builder.lineNode(node, stack, line);
      located ||= line > 0;
    }
    this.sampleLineNode = located ? node : -1;
    this.depth = 0;
    return stack;
  }

  private beginSample(): void {
    const header = this.header;
    const bytes = this.bytes;
    const event = this.eventOf(bytes, header.eventStart, header.eventEnd, header.period);
    let fields = this.threadFields.find(bytes, header.threadStart, header.threadEnd);
    if (fields < 0) {
      const key = bytes.toString('latin1', header.threadStart, header.threadEnd);
      this.threads.push({ key, comm: bytes.toString('utf8', header.threadStart, header.commEnd).trim() });
      fields = this.threadFields.add(bytes, header.threadStart, header.threadEnd);
    }
    const thread = this.threads[fields]!;
    this.sampleThread = event.thread(thread.key, thread.comm, header.tid);
    const seconds = header.seconds;
    // Samples before the first one's time (perf sorts by time, but concatenated files exist) keep
    // their order relative to each other; the builder sorts them.
    this.sampleTime = Number.isNaN(seconds) || Number.isNaN(this.origin) ? 0 : (seconds - this.origin) * 1000;
    this.sampleWeight = this.weightOf(event, header.period);
    this.event = event;
    this.depth = 0;
    this.sampleLineNode = -1;
    this.inSample = true;
  }

  private weightOf(event: EventProfile, period: number): number {
    if (event.unit === 'samples') return 1;
    if (!event.clock) return this.options.requestedIntervalMs!;
    if (period > 0) event.lastPeriod = period;
    return event.lastPeriod / 1e6;
  }

  // The profile of the event named by bytes[start, end), made at its first sample.
  private eventOf(bytes: Buffer, start: number, end: number, period: number): EventProfile {
    if (this.event && sameBytes(this.lastEventName, bytes, start, end)) return this.event;
    this.lastEventName = Buffer.from(bytes.subarray(start, end));
    const name = this.lastEventName.toString('latin1');
    let event = this.events.get(name);
    if (!event) {
      if (this.startTime === null) {
        this.origin = this.header.seconds;
        this.startTime = Number.isNaN(this.origin)
          ? this.options.fallbackStartTime
          : (this.options.epochOf?.(this.origin) ?? this.options.fallbackStartTime);
      }
      const clock = /^(?:cpu|task)-clock\b/.test(name);
      const timed = (clock && period > 0) || (!clock && this.options.requestedIntervalMs !== null);
      const unit = timed ? 'milliseconds' : 'samples';
      event = new EventProfile(name, this.createBuilder(unit), unit, clock);
      this.events.set(name, event);
    }
    return event;
  }

  private endSample(): void {
    if (!this.inSample) return;
    this.inSample = false;
    this.addSample(this.stackOfFrames());
  }

  private addSample(stack: number): void {
    if (stack < 0 || !(this.sampleWeight > 0)) return;
    const event = this.event!;
    event.builder.sample(stack, this.sampleTime, this.sampleWeight, this.sampleThread, this.sampleLineNode);
    event.samples++;
  }
}

function sameBytes(known: Buffer, bytes: Buffer, start: number, end: number): boolean {
  if (known.length !== end - start) return false;
  for (let index = 0; index < known.length; index++) if (known[index] !== bytes[start + index]) return false;
  return true;
}

// The `sym[+off] (dso)` text of a frame line: blanks and the hex address (absent when perf was not
// asked for ip) skipped, UTF-8 decoded.
function frameText(bytes: Buffer, start: number, end: number): string {
  let index = start;
  while (index < end && isBlank(bytes[index])) index++;
  let cursor = index;
  while (cursor < end && isHexDigit(bytes[cursor]!)) cursor++;
  if (cursor > index && cursor < end && isBlank(bytes[cursor])) index = cursor + 1;
  while (index < end && isBlank(bytes[index])) index++;
  return bytes.toString('utf8', index, end);
}

// A frame text without its `+0x…` offset, which perfFrame drops anyway: the key of a function.
function withoutOffset(text: string): string {
  const open = text.lastIndexOf(' (');
  const symbolEnd = open >= 0 && text.endsWith(')') ? open : text.length;
  const plus = text.lastIndexOf('+0x', symbolEnd);
  if (plus <= 0) return text;
  for (let index = plus + 3; index < symbolEnd; index++) {
    const code = text.charCodeAt(index);
    if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 102))) return text;
  }
  return text.slice(0, plus) + text.slice(symbolEnd);
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
        'Make it with `perf script` (default fields, or at least comm,tid,ip,sym,dso) from a perf.data that has samples.',
    );
  }
  return result;
}

/** True when the first sample of the head reads as a perf script sample. */
export function isPerfScript(head: Buffer): boolean {
  const lines = head.toString('latin1').split('\n', 200);
  const first = lines.findIndex((line) => line.trim() !== '' && !line.startsWith('#'));
  if (first < 0) return false;
  const line = Buffer.from(lines[first]!.replace(/\r$/, ''), 'latin1');
  const header = new PerfHeader();
  if (!header.read(line, 0, line.length)) return false;
  const timed = !Number.isNaN(header.seconds);
  const named = header.eventEnd > header.eventStart;
  // Without a time, an id alone is too loose (folded stacks end in a number too): the next line must
  // be a frame with its address, or the event and a frame must be on this line.
  const nextIsFrame = /^[ \t]+[0-9a-fA-F]+[ \t]+\S/.test(lines[first + 1] ?? '');
  return (
    (timed && (header.tid >= 0 || named)) || (header.tid >= 0 && (nextIsFrame || (named && header.frameStart >= 0)))
  );
}

/** perf script text: sample headers, frames indented below them. */
export const perfScriptImporter: ProfileImporter = {
  format: 'perf-script',
  description: 'Linux perf script text',
  detect: isPerfScript,
  async import(input: ImportInput, options: ImportOptions): Promise<Profile[]> {
    // The parser copies what it keeps (a torn line, new keys): reused buffers are safe.
    const result = await parsePerfScript(
      input.transientChunks?.() ?? input.chunks(),
      { epochOf: null, fallbackStartTime: options.fallbackStartTime, requestedIntervalMs: null, tool: 'perf-script' },
      input.name,
    );
    if (result.otherEvents.length > 0) options.note?.(otherEventsNote(result));
    if (result.skippedLines > 0) {
      options.note?.(`${result.skippedLines} lines that are neither a sample header nor a frame were skipped.`);
    }
    return [result.profile];
  },
};

function otherEventsNote(result: PerfScriptResult): string {
  const count = (samples: number) => `${samples} sample${samples === 1 ? '' : 's'}`;
  const others = result.otherEvents
    .map(({ event, samples }) => `${event || 'samples naming no event'} (${count(samples)})`)
    .join(', ');
  return (
    `Only the ${result.event ?? 'unnamed'} event is shown (${count(result.samples)}); ${others} left out, because ` +
    'samples of different events do not add up. `perf script --per-event-dump` writes one file per event to import each.'
  );
}
