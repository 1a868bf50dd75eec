// The generated profile files the import, screen and flame-draw benchmarks share, with their sizes
// in one place. Each is made on first use into the bench cache (see bench-cache.ts) and reused.

import { cachedInput, quickMode, scaled } from './bench-cache';
import { makeCallTree } from './call-tree';
import { writeCpuProfile } from './cpuprofile-file';
import { writeFolded } from './folded-file';
import { perfScriptFile } from './perf-script-file';

// Part of every generated file's name: bump it when a generator changes, so stale inputs in the
// cache are not reused.
const version = 'v1';

/** Nodes of the .cpuprofile (≈ 160 MB of realistic JSON at full size). */
export const cpuProfileNodes = scaled(700_000);
/** Nodes of the folded file opened on screen (≈ 50 MB). */
export const foldedScreenNodes = scaled(190_000);
/** Nodes of the flame graph the draw benchmark draws. */
export const flameDrawNodes = scaled(500_000);
/** Bytes of the perf script file. */
export const perfScriptBytes = scaled(380_000_000);

/** A Node.js .cpuprofile of cpuProfileNodes nodes, stacks ≈ 25 deep on average. */
export function cpuProfileInput(): Promise<string> {
  return cachedInput(`service-${cpuProfileNodes}-${version}.cpuprofile`, async (path) => {
    const tree = makeCallTree({ nodes: cpuProfileNodes, seed: 1, deepening: 0.55, maximumDepth: 400 });
    writeCpuProfile(tree, path, 2);
  });
}

/** Folded stacks of foldedScreenNodes nodes (≈ 50 MB at full size). */
export function foldedScreenInput(): Promise<string> {
  return cachedInput(`service-${foldedScreenNodes}-${version}.folded`, async (path) => {
    writeFolded(makeCallTree({ nodes: foldedScreenNodes, seed: 3, deepening: 0.5, maximumDepth: 400 }), path);
  });
}

/**
 * Folded stacks whose flame graph has flameDrawNodes nodes (one per line prefix; ≈ 120 MB). A
 * shallower tree than the others, so the file stays small enough to import quickly.
 */
export function flameDrawInput(): Promise<string> {
  return cachedInput(`flame-${flameDrawNodes}-${version}.folded`, async (path) => {
    writeFolded(makeCallTree({ nodes: flameDrawNodes, seed: 5, deepening: 0.45, maximumDepth: 400 }), path);
  });
}

/** A perf script file of about perfScriptBytes bytes, replaying a real recording. */
export function perfScriptInput(): Promise<string> {
  return perfScriptFile(perfScriptBytes);
}

/** A note for row labels when inputs are shrunk. */
export const quickNote = quickMode ? ' [QUICK: inputs ÷10]' : '';
