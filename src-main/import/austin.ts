// austin's collapsed stacks (format: https://github.com/P403n1x87/austin#sample-format), one
// sample per line, root first, the metric last. Two generations are read:
//   austin 1.x (Debian's 1.0.1): `Thread 7f3a…;func (file);L12;func (file);L3 1066`
//     (with -a: `func (file:12)`; with -f: three metrics `time mem+ mem-`)
//   austin 3.x: `P42;T0:42;file:func:12;file:func:3 1066`, after `# key: value` metadata.
// The metric is the microseconds since the thread's previous sample. `L12` elements and 3.x line
// numbers are the line being run, not where the function starts, so they are left out of frames
// (a function's samples stay in one frame, its identity file + name) and go to the profile's line
// costs instead (a line node per frame, profile.ts); -a's `file:line` is the function's first line
// and kept. Each thread's clock is the running sum of its metrics (austin has no timestamps). Unreadable lines are skipped and counted; a file with no sample is 'invalid-profile'.

import { ThermographError } from '../../src-shared/api/errors';
import { ProfileBuilder } from '../../src-shared/profile/builder';
import { shortenedName } from '../../src-shared/profile/frame-name';
import type { FrameInput, Profile } from '../../src-shared/profile/profile';
import type { EpochMilliseconds, Milliseconds } from '../../src-shared/units';
import type { ImportInput, ImportOptions, ProfileImporter } from './importer';

/** How to read one austin stream. */
export interface AustinOptions {
  startTime: EpochMilliseconds;
  requestedIntervalMs: Milliseconds | null;
  /** The profile's source tool: 'austin'. */
  tool: string;
  /**
   * Whether the stream's line numbers are the lines being run (default true). austin 1.x reading
   * Python ≥ 3.10 gives each function's first line instead: those are no line costs.
   */
  runningLines?: boolean;
}

/** A parsed austin stream. */
export interface AustinResult {
  profile: Profile;
  samples: number;
  skippedLines: number;
}

/** One austin frame text as a frame; null for a line-number element (`L12`). Pure, exported for tests. */
export function austinFrame(text: string): FrameInput | null {
  if (/^L\d+$/.test(text)) return null;
  const open = text.lastIndexOf(' (');
  if (open > 0 && text.endsWith(')')) {
    // 1.x: "func (file)" or, with -a, "func (file:line)" where line is where the function starts.
    const location = /^(.*?)(?::(\d+))?$/.exec(text.slice(open + 2, -1))!;
    return {
      name: text.slice(0, open),
      kind: 'python',
      file: location[1]!,
      line: location[2] ? Number(location[2]) : null,
    };
  }
  // 3.x: "file:func:line"; the file may itself contain ':' (Windows drives), so split from the right.
  const match = /^(.*):([^:]+):\d+$/.exec(text);
  if (match) return { name: match[2]!, kind: 'python', file: match[1]! };
  return { name: text, kind: 'python' };
}

/**
 * The line an austin frame element says is running: `L12` (1.x) or the last field of a 3.x
 * `file:func:12`; null for none (1.x frames, whose line comes in the next element). Pure.
 */
export function austinRunningLine(text: string): number | null {
  const match = /^L(\d+)$/.exec(text) ?? (text.endsWith(')') ? null : /^.*:[^:]+:(\d+)$/.exec(text));
  return match ? Number(match[1]) : null;
}

// Whole stack texts longer than this are not cached: V8 hashes a long string by its length alone.
const maximumCachedStackText = 8_192;
// The cache's keys in all, in characters (about 32 MB): a file of distinct stacks stops filling it.
const maximumCachedCharacters = 16 * 1024 * 1024;

/** Streams austin output into one Profile: push() chunks, then finish(). */
export class AustinParser {
  private pending = '';
  private readonly builder: ProfileBuilder;
  private readonly frameOf = new Map<string, number | null>();
  private readonly threadOf = new Map<string, { index: number; clock: Milliseconds }>();
  private readonly frames: number[] = [];
  private readonly lines: number[] = [];
  // Stack and line node by the stack's text: sampling repeats the same stacks over and over.
  private readonly stackOfText = new Map<string, { stack: number; node: number }>();
  private cachedCharacters = 0;
  samples = 0;
  skippedLines = 0;
  /** The `# mode:` metadata of austin 3 files, when present. */
  mode: string | null = null;

  private readonly runningLines: boolean;

  constructor(options: AustinOptions) {
    this.runningLines = options.runningLines ?? true;
    this.builder = new ProfileBuilder({
      kind: 'cpu',
      weightUnit: 'milliseconds',
      startTime: options.startTime,
      source: { tool: options.tool, requestedIntervalMs: options.requestedIntervalMs },
    });
  }

  /** Parses every complete line of `chunk`. */
  push(chunk: Buffer): void {
    const lines = (this.pending + chunk.toString('utf8')).split('\n');
    this.pending = lines.pop()!;
    for (const line of lines) this.line(line);
  }

  /** Ends the stream; a last line without its newline is still read (austin ends without one when stopped). */
  finish(): AustinResult {
    if (this.pending.trim() !== '') this.line(this.pending);
    this.pending = '';
    return { profile: this.builder.build(), samples: this.samples, skippedLines: this.skippedLines };
  }

  private line(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') return;
    if (line.startsWith('#')) {
      const mode = /^# mode: (\w+)/.exec(line);
      if (mode) this.mode = mode[1]!;
      return;
    }
    // The metrics: one, or three with -f (time, memory allocated, memory released). Count the
    // numeric tokens at the end: a pthread id of digits only may look like one more.
    const tokens = line.split(' ');
    let numeric = 0;
    while (numeric < 4 && numeric < tokens.length - 1 && /^-?\d+$/.test(tokens[tokens.length - 1 - numeric]!))
      numeric++;
    const metrics = numeric >= 3 ? 3 : numeric;
    const metric = metrics > 0 ? Number(tokens[tokens.length - metrics]) : NaN;
    const end = tokens.slice(0, tokens.length - metrics).join(' ').length;
    const parts = line.slice(0, end).split(';');
    const head = parts[0]!;
    const threadName = head.startsWith('Thread ') ? head : /^P\d+$/.test(head) ? parts[1] : undefined;
    if (
      Number.isNaN(metric) ||
      threadName === undefined ||
      (!head.startsWith('Thread ') && !/^T[\d:x]+$/.test(threadName))
    ) {
      this.skippedLines++;
      return;
    }
    const thread = this.thread(threadName, head);
    const first = head.startsWith('Thread ') ? 1 : 2;
    const { stack, node } = this.stackOf(parts, first, end - head.length);
    const weight = Math.max(0, metric) / 1000;
    if (stack >= 0 && weight > 0) {
      this.builder.sample(stack, thread.clock, weight, thread.index, node);
      this.samples++;
    }
    thread.clock += weight;
  }

  // The stack of parts[first…] and its line node (-1 when no frame has a running line).
  private stackOf(parts: string[], first: number, textLength: number): { stack: number; node: number } {
    const key = textLength <= maximumCachedStackText ? parts.slice(first).join(';') : null;
    const known = key === null ? undefined : this.stackOfText.get(key);
    if (known) return known;
    this.frames.length = 0;
    this.lines.length = 0;
    let anyLine = false;
    for (let index = first; index < parts.length; index++) {
      const part = parts[index]!;
      const line = austinRunningLine(part);
      if (line !== null && this.runningLines) anyLine = true;
      if (/^L\d+$/.test(part)) {
        if (this.lines.length > 0) this.lines[this.lines.length - 1] = line!;
        continue;
      }
      const frame = this.frame(part);
      if (frame === null) continue;
      this.frames.push(frame);
      this.lines.push(line ?? 0);
    }
    const found = anyLine
      ? this.builder.lineStackOf(this.frames, this.lines)
      : { stack: this.builder.stackOf(this.frames), node: -1 };
    if (key !== null && this.cachedCharacters + key.length <= maximumCachedCharacters) {
      this.stackOfText.set(key, found);
      this.cachedCharacters += key.length;
    }
    return found;
  }

  private frame(text: string): number | null {
    // Keyed as the builder shortens names: a Map hashes a longer string by its length alone.
    const key = shortenedName(text);
    let frame = this.frameOf.get(key);
    if (frame === undefined) {
      const input = austinFrame(text);
      frame = input ? this.builder.frame(input) : null;
      this.frameOf.set(key, frame);
    }
    return frame;
  }

  private thread(name: string, processPart: string): { index: number; clock: Milliseconds } {
    const key = `${processPart};${name}`;
    let thread = this.threadOf.get(key);
    if (thread === undefined) {
      // austin 3 names threads "T<interpreter>:<OS tid>"; 1.x gives only a pthread address.
      const tid = /^T\d+:(\d+)$/.exec(name)?.[1];
      const label = tid ? `Thread ${tid}` : name;
      thread = { index: this.builder.thread(label, tid ? Number(tid) : null), clock: 0 };
      this.threadOf.set(key, thread);
    }
    return thread;
  }
}

/** Parses a whole austin stream; throws 'invalid-profile' when it holds no sample. */
export async function parseAustin(
  chunks: AsyncIterable<Buffer>,
  options: AustinOptions,
  name = 'austin output',
): Promise<AustinResult> {
  const parser = new AustinParser(options);
  for await (const chunk of chunks) parser.push(chunk);
  if (parser.mode === 'memory') {
    throw new ThermographError(
      'invalid-profile',
      `${name} is an austin memory profile; Thermograph reads austin's time profiles. Record without -m.`,
    );
  }
  const result = parser.finish();
  if (result.samples === 0) {
    throw new ThermographError(
      'invalid-profile',
      `${name} holds no austin sample with a Python stack${result.skippedLines ? ` (${result.skippedLines} unreadable lines)` : ''}. ` +
        'Record it with austin (`austin -o file python script.py`) while Python code runs.',
    );
  }
  return result;
}

const austinLine = /^(?:Thread [0-9a-fx]+(?:;[^\n]*)? -?\d+|P\d+;T[\d:]+(?:;[^\n]*)? -?\d+)/;

/** austin collapsed stacks: `Thread <id>;…` (austin 1.x) or `P<pid>;T<tid>;…` (austin 3). */
export const austinImporter: ProfileImporter = {
  format: 'austin',
  description: 'austin Python samples',
  detect(head: Buffer): boolean {
    const text = head.toString('utf8');
    if (/^# austin: \d/m.test(text)) return true;
    const first = text.split('\n', 50).find((line) => line !== '' && !line.startsWith('#'));
    return first !== undefined && austinLine.test(first);
  },
  async import(input: ImportInput, options: ImportOptions): Promise<Profile[]> {
    const result = await parseAustin(
      input.chunks(),
      { startTime: options.fallbackStartTime, requestedIntervalMs: null, tool: 'austin' },
      input.name,
    );
    return [result.profile];
  },
};
