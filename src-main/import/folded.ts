// Folded stacks, as written by Brendan Gregg's stackcollapse-*.pl scripts and read by
// flamegraph.pl: https://github.com/brendangregg/FlameGraph#2-fold-stacks
// One line per distinct stack: frames root first, separated by ";", then whitespace and a count.
// stackcollapse-perf.pl --all marks kernel frames "name_[k]" and JIT frames "name_[j]".

import { StringDecoder } from 'node:string_decoder';
import { ThermographError } from '../../src-shared/api/errors';
import { ProfileBuilder } from '../../src-shared/profile/builder';
import { shortenedName } from '../../src-shared/profile/frame-name';
import { GrowableColumn } from '../../src-shared/profile/growable';
import type { FrameKind, IndexIntoFrameTable, IndexIntoStackTable, Profile } from '../../src-shared/profile/profile';
import type { ImportInput, ImportOptions, ProfileImporter } from './importer';

// A stack, whitespace, then a count (integer, decimal or exponent form).
const linePattern = /^(\S.*?)\s+(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)\s*$/s;
const kernelSuffix = /_?\[k\]$/;
const jitSuffix = /_?\[j\]$/;
const jsFile = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)\b/;
const pythonFile = /\.py[wc]?\b/;
// Lines examined by detection: enough to be confident, few enough to stay cheap.
const detectLines = 50;
/**
 * The most samples whole counts are expanded into (one sample row each, as a recording has): about
 * 90 MB of rows. Counts past it (a folded file of nanoseconds, say) stay one weighted row per line.
 */
export const maximumExpandedSamples = 2 ** 22;

/** Guesses a frame's kind from its name or file: JavaScript and Python sources, else native. */
export function guessFrameKind(name: string, file?: string | null): FrameKind {
  const text = file ?? name;
  if (jsFile.test(text)) return 'js';
  if (pythonFile.test(text)) return 'python';
  return 'native';
}

/**
 * True when the first complete lines look like `a;b;c 42`. A few lines that do not (at most one
 * in ten, and never most of them) are allowed: flamegraph.pl and speedscope skip a malformed line,
 * and the import does too.
 */
export function isFolded(head: Buffer): boolean {
  const text = head.toString('utf8');
  const complete = head.length < 64 * 1024;
  const end = complete ? text.length : text.lastIndexOf('\n');
  // One very deep stack can fill the whole head before its first newline: accept a first frame and
  // a ";" when the head has no binary bytes (names may hold control characters, so lines do not check).
  if (end < 0) return /^[^\s{[#][^;]*;/.test(text) && !/^P\d+;T/.test(text) && !hasBinaryBytes(head);
  const lines = text.slice(0, end).split('\n');
  let good = 0;
  let bad = 0;
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line === '') continue;
    // Austin writes the same shape with P<pid>;T<thread> prefixes and "# key: value" headers.
    if (line.startsWith('#') || /^P\d+;T/.test(line)) return false;
    if (linePattern.test(line)) good++;
    else bad++;
    if (good + bad >= detectLines) break;
  }
  return good > 0 && bad <= Math.max(1, Math.floor((good + bad) / 10)) && bad < good;
}

function hasBinaryBytes(head: Buffer): boolean {
  for (let index = 0; index < head.length; index++) if (head[index]! < 0x09) return true;
  return false;
}

/** Reads folded stacks into one CPU profile weighted in samples. */
export async function importFolded(input: ImportInput, options: ImportOptions): Promise<Profile[]> {
  const builder = new ProfileBuilder({
    kind: 'cpu',
    weightUnit: 'samples',
    startTime: options.fallbackStartTime,
    source: { tool: 'folded', requestedIntervalMs: null },
  });
  // Raw frame text → frame index, so repeated frames cost one Map lookup and no allocation. Keys are
  // shortened as the builder shortens names: a Map hashes a longer string by its length alone.
  const frames = new Map<string, IndexIntoFrameTable>();
  const frameOf = (text: string): IndexIntoFrameTable => {
    const key = shortenedName(text);
    let frame = frames.get(key);
    if (frame === undefined) {
      frame = builder.frame(frameInput(text));
      frames.set(key, frame);
    }
    return frame;
  };
  let lineNumber = 0;
  // Malformed lines are skipped, as flamegraph.pl and speedscope skip them, and reported.
  let skipped = 0;
  let firstSkipped = '';
  // Lines are kept until the end, when the sum of their counts says whether they can become samples.
  const lineStacks = new GrowableColumn(Int32Array);
  const lineCounts = new GrowableColumn(Float64Array);
  let countSum = 0;
  let wholeCounts = true;
  const readLine = (line: string): void => {
    lineNumber++;
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (trimmed.trim() === '') return;
    const match = linePattern.exec(trimmed);
    const weight = match ? Number(match[2]) : Number.NaN;
    if (!match || !Number.isFinite(weight)) {
      if (skipped++ === 0) firstSkipped = lineAt(lineNumber, trimmed);
      return;
    }
    let stack: IndexIntoStackTable = -1;
    let start = 0;
    const path = match[1]!;
    // Walks the ";"-separated frames without split(), so a 100,000-deep line makes no array.
    while (start <= path.length) {
      let end = path.indexOf(';', start);
      if (end < 0) end = path.length;
      if (end > start) stack = builder.stack(stack, frameOf(path.slice(start, end)));
      start = end + 1;
    }
    if (stack === -1 || weight === 0) return;
    lineStacks.push(stack);
    lineCounts.push(weight);
    countSum += weight;
    if (!Number.isInteger(weight)) wholeCounts = false;
  };
  const decoder = new StringDecoder('utf8');
  let carry = '';
  // Each chunk is decoded into a string at once (the decoder copies a split character): reused
  // buffers are safe.
  for await (const chunk of input.transientChunks?.() ?? input.chunks()) {
    const text = carry + decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      readLine(text.slice(start, end));
      start = end + 1;
    }
    carry = text.slice(start);
  }
  readLine(carry + decoder.end());
  addSamples(builder, lineStacks.finish(), lineCounts.finish(), wholeCounts && countSum <= maximumExpandedSamples);
  if (builder.sampleCount === 0) {
    throw new ThermographError(
      'invalid-profile',
      `${input.name} has no stacks with a positive count${skipped > 0 ? ` (${skipped} malformed lines, the first ${firstSkipped})` : ''}. ` +
        'Folded stacks need lines like "main;work 42": check that the file is complete and was written by ' +
        'stackcollapse or a folded export.',
    );
  }
  if (!wholeCounts) {
    options.note?.(
      'Some counts are not whole numbers, so each stack is one sample weighing its count (the SAMPLES column counts lines).',
    );
  } else if (countSum > maximumExpandedSamples) {
    options.note?.(
      `The counts add up to ${countSum}, more than the ${maximumExpandedSamples} samples Thermograph expands them into, so each stack is one sample weighing its count (the SAMPLES column counts lines).`,
    );
  }
  if (skipped > 0) {
    options.note?.(
      `${skipped} malformed ${skipped === 1 ? 'line was' : 'lines were'} skipped (the first ${firstSkipped}), as flamegraph.pl skips them.`,
    );
  }
  return [builder.build()];
}

/**
 * A line's count is its number of samples (flamegraph.pl's meaning): `expand` makes that many
 * samples of weight 1, so sample counts, rates and the SAMPLES column agree with the weights;
 * otherwise each line is one sample weighing its count.
 */
function addSamples(builder: ProfileBuilder, stacks: Int32Array, counts: Float64Array, expand: boolean): void {
  for (let line = 0; line < stacks.length; line++) {
    if (!expand) {
      builder.sample(stacks[line]!, 0, counts[line]!);
      continue;
    }
    for (let sample = 0; sample < counts[line]!; sample++) builder.sample(stacks[line]!, 0, 1);
  }
}

function frameInput(text: string): { name: string; kind: FrameKind } {
  if (kernelSuffix.test(text)) return { name: text.replace(kernelSuffix, ''), kind: 'kernel' };
  if (jitSuffix.test(text)) return { name: text.replace(jitSuffix, ''), kind: 'js' };
  return { name: text, kind: guessFrameKind(text) };
}

// "line 3: "text"", shortened, for messages.
function lineAt(lineNumber: number, line: string): string {
  const preview = line.length > 80 ? `${line.slice(0, 80)}…` : line;
  return `line ${lineNumber}: ${JSON.stringify(preview)}`;
}

/** The folded-stacks importer for the registry. */
export const foldedImporter: ProfileImporter = {
  format: 'folded',
  description: 'folded stacks (flamegraph.pl)',
  detect: isFolded,
  import: importFolded,
};
