// Where the profile benchmarks keep what is slow to make: generated inputs (hundreds of MB) in the
// temp folder, installed peers in the user's cache. Both are made on first run and reused, never
// committed. THERMOGRAPH_BENCH_QUICK=1 shrinks every input for a smoke run; quick inputs have their
// own names, so switching modes never reuses the wrong size.

import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** True for a smoke run: small inputs, fewer repetitions. Numbers are then not comparable to goals. */
export const quickMode = process.env.THERMOGRAPH_BENCH_QUICK === '1';

/** The folder for generated inputs (os.tmpdir()/thermograph-bench), created on demand. */
export function inputFolder(): string {
  const folder = process.env.THERMOGRAPH_BENCH_INPUTS ?? join(tmpdir(), 'thermograph-bench');
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** The folder peers are installed into (~/.cache/thermograph-bench/peers), created on demand. */
export function peerFolder(): string {
  const folder = process.env.THERMOGRAPH_BENCH_PEERS ?? join(homedir(), '.cache', 'thermograph-bench', 'peers');
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** The size a number of bytes should be, shrunk tenfold in quick mode. */
export function scaled(full: number): number {
  return quickMode ? Math.round(full / 10) : full;
}

/**
 * The path of a generated input, made by `generate(temporaryPath)` when it is not there yet. The
 * generator writes beside the final name and the file is renamed only when complete, so an
 * interrupted run never leaves a truncated input that a later run would trust. `sameInQuickMode`
 * shares one file between both modes (for inputs whose size does not depend on the mode).
 */
export async function cachedInput(
  name: string,
  generate: (path: string) => Promise<void>,
  sameInQuickMode = false,
): Promise<string> {
  const path = join(inputFolder(), quickMode && !sameInQuickMode ? `quick-${name}` : name);
  if (existsSync(path) && statSync(path).size > 0) return path;
  const partial = `${path}.partial-${process.pid}`;
  process.stderr.write(`bench: generating ${path} (first run only)…\n`);
  try {
    await generate(partial);
    renameSync(partial, path);
  } finally {
    rmSync(partial, { force: true });
  }
  return path;
}
