// A worker thread that imports one profile file, so parsing hundreds of megabytes never stalls the
// engine's event loop (recording ticks, API calls). The profile's typed arrays are transferred back,
// not copied.

import { parentPort, workerData } from 'node:worker_threads';
import { ThermographError } from '../../src-shared/api/errors';
import type { Profile } from '../../src-shared/profile/profile';
import { importProfileFile, type ImportFileOptions } from './index';

/** What the worker is given. */
export interface ImportJob {
  path: string;
  options: ImportFileOptions;
}

/** What the worker answers. */
export type ImportAnswer =
  | { ok: true; result: Awaited<ReturnType<typeof importProfileFile>> }
  | { ok: false; code: ThermographError['code']; message: string };

function buffersOf(profile: Profile): ArrayBuffer[] {
  const { frames, stacks, samples } = profile;
  const columns: ArrayBufferView[] = [frames.name, frames.file, frames.line, frames.column, frames.module];
  columns.push(frames.kind, stacks.parent, stacks.frame, samples.stack, samples.time, samples.weight, samples.thread);
  if (samples.count) columns.push(samples.count);
  const lines = profile.lines;
  if (lines) {
    if (lines.sampleNode) columns.push(lines.sampleNode);
    columns.push(lines.nodes.parent, lines.nodes.stack, lines.nodes.line);
    columns.push(lines.ticks.stack, lines.ticks.line, lines.ticks.ticks);
  }
  // Each column owns its buffer (the builder copies them out right-sized), so each can be moved.
  return [...new Set(columns.map((column) => column.buffer as ArrayBuffer))];
}

const job = workerData as ImportJob;
importProfileFile(job.path, job.options).then(
  (result) => parentPort!.postMessage({ ok: true, result } satisfies ImportAnswer, result.profiles.flatMap(buffersOf)),
  (error: unknown) => {
    const known = error instanceof ThermographError;
    const message = error instanceof Error ? error.message : String(error);
    parentPort!.postMessage({ ok: false, code: known ? error.code : 'internal', message } satisfies ImportAnswer);
  },
);
