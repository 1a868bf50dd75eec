// One measured import in a fresh process, so its peak memory is its own and every run starts with
// a cold JIT, as `thermograph import` does. Usage (through tsx):
//   node --expose-gc --import tsx import-child.ts import|read FILE
// "import" runs the engine's importer registry on FILE; "read" only reads FILE into 1 MiB buffers
// (the floor). Prints one JSON line: ImportMeasurement.

import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { importProfileFile } from '../../../src-main/import/index';

/** What one child run measured. */
export interface ImportMeasurement {
  milliseconds: number;
  /** Resident memory before the import (after start-up and a full collection). */
  baselineBytes: number;
  /** The highest resident memory during the import. */
  peakBytes: number;
  format: string | null;
  /** Stack nodes of the first profile (the flame graph's node count before merging threads). */
  stacks: number;
  samples: number;
}

/** A field of /proc/self/status in bytes (the file gives kB). */
function statusBytes(field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'latin1'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

async function measure(mode: string, file: string): Promise<ImportMeasurement> {
  (globalThis as { gc?: () => void }).gc?.();
  // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0), so start-up and module
  // loading, which can peak higher than a small import, do not count.
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not allowed: the peak then includes start-up, which only overstates it.
  }
  const baselineBytes = statusBytes('VmRSS');
  const started = performance.now();
  if (mode === 'read') {
    let bytes = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) bytes += (chunk as Buffer).length;
    const milliseconds = performance.now() - started;
    return { milliseconds, baselineBytes, peakBytes: statusBytes('VmHWM'), format: null, stacks: 0, samples: bytes };
  }
  const result = await importProfileFile(file);
  const milliseconds = performance.now() - started;
  // Read the peak while the profiles are still referenced: they are what an import leaves behind.
  const peakBytes = statusBytes('VmHWM');
  const first = result.profiles[0];
  return {
    milliseconds,
    baselineBytes,
    peakBytes,
    format: result.format,
    stacks: first?.stacks.length ?? 0,
    samples: first?.samples.length ?? 0,
  };
}

measure(process.argv[2] ?? '', process.argv[3] ?? '').then(
  (measurement) => process.stdout.write(`${JSON.stringify(measurement)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
