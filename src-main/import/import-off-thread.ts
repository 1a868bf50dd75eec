// Runs an import in a worker thread (import-worker.ts, built beside the engine's entry points). The
// bundler puts this module in out/main/ or in out/main/chunks/, so both are looked in. From sources
// (unit tests under vitest) there is no built worker beside it, and the import runs in this thread.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ThermographError } from '../../src-shared/api/errors';
import { importProfileFile, type ImportFileOptions, type ImportResult } from './index';
import type { ImportAnswer, ImportJob } from './import-worker';

/** Imports a profile file without blocking the event loop. Rejects with ThermographError. */
export function importProfileFileOffThread(path: string, options: ImportFileOptions = {}): Promise<ImportResult> {
  const script = [join(__dirname, 'import-worker.js'), join(__dirname, '..', 'import-worker.js')].find((candidate) =>
    existsSync(candidate),
  );
  if (script === undefined) return importProfileFile(path, options);
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { path, options } satisfies ImportJob });
    let answered = false;
    worker.once('message', (answer: ImportAnswer) => {
      answered = true;
      if (answer.ok) resolve(answer.result);
      else reject(new ThermographError(answer.code, answer.message));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      answered = true;
      // Most often the heap limit: a profile too large for this machine's memory.
      reject(
        new ThermographError(
          'invalid-profile',
          `Importing ${path} failed: ${error.message}. If the file is very large, free some memory or import a shorter profile.`,
        ),
      );
    });
    worker.once('exit', (code) => {
      if (!answered)
        reject(new ThermographError('internal', `The import of ${path} stopped unexpectedly (code ${code}).`));
    });
  });
}
