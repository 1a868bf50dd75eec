// Folded stacks, as written by Brendan Gregg's stackcollapse-*.pl scripts and read by
// flamegraph.pl: https://github.com/brendangregg/FlameGraph#2-fold-stacks
// One line per distinct stack: frames root first, separated by ";", then whitespace and a count.
// stackcollapse-perf.pl --all marks kernel frames "name_[k]" and JIT frames "name_[j]".

import { StringDecoder } from 'node:string_decoder';
import { ThermographError } from '../../src-shared/api/errors';
import { ProfileBuilder } from '../../src-shared/profile/builder';
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

/** Guesses a frame's kind from its name or file: JavaScript and Python sources, else native. */
export function guessFrameKind(name: string, file?: string | null): FrameKind {
  const text = file ?? name;
  if (jsFile.test(text)) return 'js';
  if (pythonFile.test(text)) return 'python';
  return 'native';
}

/** True when the first complete lines all look like `a;b;c 42`. */
export function isFolded(head: Buffer): boolean {
  const text = head.toString('utf8');
  const complete = head.length < 64 * 1024;
  const end = complete ? text.length : text.lastIndexOf('\n');
  // One very deep stack can fill the whole head before its first newline: accept a first frame and
  // a ";" when the head has no binary bytes (names may hold control characters, so lines do not check).
  if (end < 0) return /^[^\s{[#][^;]*;/.test(text) && !/^P\d+;T/.test(text) && !hasBinaryBytes(head);
  const lines = text.slice(0, end).split('\n');
  let seen = 0;
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line === '') continue;
    // Austin writes the same shape with P<pid>;T<thread> prefixes and "# key: value" headers.
    if (line.startsWith('#') || /^P\d+;T/.test(line)) return false;
    if (!linePattern.test(line)) return false;
    if (++seen >= detectLines) break;
  }
  return seen > 0;
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
  // Raw frame text → frame index, so repeated frames cost one Map lookup and no allocation.
  const frames = new Map<string, IndexIntoFrameTable>();
  const frameOf = (text: string): IndexIntoFrameTable => {
    let frame = frames.get(text);
    if (frame === undefined) {
      frame = builder.frame(frameInput(text));
      frames.set(text, frame);
    }
    return frame;
  };
  let lineNumber = 0;
  const readLine = (line: string): void => {
    lineNumber++;
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (trimmed.trim() === '') return;
    const match = linePattern.exec(trimmed);
    const weight = match ? Number(match[2]) : Number.NaN;
    if (!match || !Number.isFinite(weight)) throw badLine(input.name, lineNumber, trimmed);
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
    builder.sample(stack, 0, weight);
  };
  const decoder = new StringDecoder('utf8');
  let carry = '';
  for await (const chunk of input.chunks()) {
    const text = carry + decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      readLine(text.slice(start, end));
      start = end + 1;
    }
    carry = text.slice(start);
  }
  readLine(carry + decoder.end());
  if (builder.sampleCount === 0) {
    throw new ThermographError(
      'invalid-profile',
      `${input.name} has no stacks with a positive count. Folded stacks need lines like "main;work 42".`,
    );
  }
  return [builder.build()];
}

function frameInput(text: string): { name: string; kind: FrameKind } {
  if (kernelSuffix.test(text)) return { name: text.replace(kernelSuffix, ''), kind: 'kernel' };
  if (jitSuffix.test(text)) return { name: text.replace(jitSuffix, ''), kind: 'js' };
  return { name: text, kind: guessFrameKind(text) };
}

function badLine(name: string, lineNumber: number, line: string): ThermographError {
  const preview = line.length > 80 ? `${line.slice(0, 80)}…` : line;
  return new ThermographError(
    'invalid-profile',
    `${name}, line ${lineNumber}: expected folded stacks ("frame;frame;frame count") but found ` +
      `${JSON.stringify(preview)}. Check that the file is complete and was written by stackcollapse or a folded export.`,
  );
}

/** The folded-stacks importer for the registry. */
export const foldedImporter: ProfileImporter = {
  format: 'folded',
  description: 'folded stacks (flamegraph.pl)',
  detect: isFolded,
  import: importFolded,
};
