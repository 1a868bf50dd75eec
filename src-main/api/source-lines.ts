// getSourceLines: one function's source file around its lines, with each line's cost. The file is
// the one the profile's frame names (the caller gives a frame id, never a path), read only when it
// is a regular file of at most maximumSourceBytes: opened without blocking (a FIFO named by a
// profile cannot hang the engine) and checked through the open descriptor, so what is checked is
// what is read. Runtime modules (`node:fs`), URLs and relative paths answer "no source on disk".

import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ThermographError } from '../../src-shared/api/errors';
import type { Profile } from '../../src-shared/profile/profile';
import {
  maximumSourceBytes,
  maximumSourceLines,
  type FunctionLineCosts,
  type LineCost,
  type SourceLinesView,
  type SourceText,
  type SourceTextStatus,
} from '../../src-shared/profile/source-lines';
import type { ProfileSelection } from '../../src-shared/profile/views';
import { formatBytes } from '../../src-shared/format/units';
import { hottestLineOf, lineCostsOf } from '../analysis/line-costs';
import { viewFrameOf } from '../analysis/view-frames';

/** Lines of context shown around the function's lines. */
const contextLines = 12;

/** The source view of `frame` in a selection of `profile` (the stored profile, before transforms). */
export async function sourceLinesOf(
  profile: Profile,
  selection: ProfileSelection,
  frame: number,
  transformed: boolean,
): Promise<SourceLinesView> {
  if (frame >= profile.frames.length) {
    throw new ThermographError(
      'not-found',
      `Function ${frame} is not in the recorded profile (a transform may have made it); pick a function of the profile itself.`,
    );
  }
  const view = viewFrameOf(profile, frame);
  const costs = heaviestLines(lineCostsOf(profile, selection, frame));
  const hottestLine = hottestLineOf(costs.lines);
  const wanted = [...costs.lines.map((cost) => cost.line), ...(view.line ? [view.line] : [])];
  const source = await sourceText(view.file, wanted, hottestLine);
  return {
    frame: view,
    weightUnit: profile.weightUnit,
    costs,
    hottestLine,
    source,
    notes: notesOf(profile, costs, selection, transformed),
  };
}

// At most maximumSourceLines lines with a cost cross to the renderer (the heaviest, in line order):
// a damaged or hostile profile may name millions of lines of one function.
function heaviestLines(costs: FunctionLineCosts): FunctionLineCosts {
  if (costs.lines.length <= maximumSourceLines) return costs;
  const weight = (cost: LineCost) => Math.max(cost.self, cost.total ?? 0);
  const kept = [...costs.lines].sort((left, right) => weight(right) - weight(left)).slice(0, maximumSourceLines);
  return { ...costs, lines: kept.sort((left, right) => left.line - right.line) };
}

function notesOf(
  profile: Profile,
  costs: SourceLinesView['costs'],
  selection: ProfileSelection,
  transformed: boolean,
): string[] {
  const notes: string[] = [];
  if (costs.source === 'none') {
    notes.push(
      profile.kind === 'allocation'
        ? "Allocation profiles carry no line costs (V8's sampling heap profiler records functions, not lines); the function starts at the line marked."
        : profile.source.linesNote
          ? profile.source.linesNote
          : profile.source.tool === 'perf'
            ? 'This perf recording carries no line costs (recorded before Thermograph collected them); record it again for them.'
            : `This profile (${profile.source.tool}) records no line costs; the function starts at the line marked.`,
    );
  } else if (
    costs.source === 'samples' &&
    costs.lines.length === 0 &&
    profile.source.tool === 'perf' &&
    !selection.range
  ) {
    notes.push(
      "perf found no source line for this function: its binary carries no debug information (build it with -g; a system library's comes with its -dbgsym or -debuginfo package).",
    );
  } else if (costs.source === 'ticks') {
    notes.push('Self cost only: V8 counts ticks per line without the line each call was made from.');
    if (!costs.selectionHonoured)
      notes.push('Line costs cover the whole recording and every thread, not the selection.');
  }
  if (costs.source !== 'none' && costs.lines.length === 0 && selection.range)
    notes.push('No sample in the selected range ran this function; widen the range.');
  if (transformed) notes.push('Line costs are those of the recorded profile, before the transforms.');
  return notes;
}

// The file a frame names as a path on this machine, or why it is not one.
function pathOf(file: string | null): { path: string } | { status: SourceTextStatus; message: string } {
  if (!file) return { status: 'no-file', message: 'The profiler gave no file for this function.' };
  let path = file;
  if (file.startsWith('file://')) {
    try {
      path = fileURLToPath(file);
    } catch {
      return {
        status: 'not-on-disk',
        message: `${file} is not a file URL of this machine, so there is no source on disk.`,
      };
    }
  }
  if (!isAbsolute(path) || path.includes('\0')) {
    return {
      status: 'not-on-disk',
      message: `${file} is not a file on disk (a runtime module, a URL or a relative path), so there is no source to show.`,
    };
  }
  return { path };
}

async function sourceText(file: string | null, wanted: readonly number[], hottest: number | null): Promise<SourceText> {
  const none = (status: SourceTextStatus, message: string, lineCount = 0): SourceText => ({
    status,
    message,
    path: file,
    firstLine: 1,
    text: [],
    lineCount,
  });
  const where = pathOf(file);
  if ('status' in where) return none(where.status, where.message);
  const { path } = where;
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return none(
        'missing',
        `${path} is not on this machine (the profile may come from another machine or a removed build).`,
      );
    return none('unreadable', `${path} cannot be read (${code ?? String(error)}); check its permissions.`);
  }
  try {
    const status = await handle.stat();
    if (!status.isFile()) return none('not-regular', `${path} is not a regular file, so it is not read.`);
    if (status.size > maximumSourceBytes) {
      return none(
        'too-large',
        `${path} is ${formatBytes(status.size)}; the source view reads files of at most ${formatBytes(maximumSourceBytes)}. Open it in an editor.`,
      );
    }
    const buffer = Buffer.alloc(Math.min(status.size + 1, maximumSourceBytes + 1));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maximumSourceBytes)
      return none(
        'too-large',
        `${path} grew past ${formatBytes(maximumSourceBytes)} while being read. Open it in an editor.`,
      );
    const bytes = buffer.subarray(0, bytesRead);
    if (bytes.includes(0)) return none('binary', `${path} is a binary file, not source text.`);
    const lines = bytes.toString('utf8').split(/\r?\n/);
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    const { first, last } = windowOf(lines.length, wanted, hottest);
    return {
      status: 'ok',
      message: null,
      path: file,
      firstLine: first,
      text: lines.slice(first - 1, last),
      lineCount: lines.length,
    };
  } catch (error) {
    return none('unreadable', `${path} could not be read (${(error as Error).message}).`);
  } finally {
    await handle.close();
  }
}

// The lines to send: the function's lines with context, at most maximumSourceLines, centred on
// the hottest line when they do not fit.
function windowOf(
  lineCount: number,
  wanted: readonly number[],
  hottest: number | null,
): { first: number; last: number } {
  const inFile = wanted.filter((line) => line >= 1 && line <= lineCount);
  if (inFile.length === 0) return { first: 1, last: Math.min(lineCount, 200) };
  const lowest = inFile.reduce((low, line) => Math.min(low, line));
  const highest = inFile.reduce((high, line) => Math.max(high, line));
  let first = Math.max(1, lowest - contextLines);
  let last = Math.min(lineCount, highest + contextLines);
  if (last - first + 1 > maximumSourceLines) {
    const centre = hottest !== null && hottest <= lineCount ? hottest : lowest;
    first = Math.max(1, centre - Math.floor(maximumSourceLines / 2));
    last = Math.min(lineCount, first + maximumSourceLines - 1);
  }
  return { first, last };
}
