// Line costs for perf recordings of native programs: after the profile is read, a second
// `perf script` with the srcline field (perf asks the binaries' debug information for each
// address's file and line) is read into per-sample line nodes, as austin's lines are. It is
// bounded, because srcline cost grows with the recording and with JIT code (more than 600 s on a
// Node.js recording, 4.7 s on Python 3.12, 0.15 s on a 2,848-sample C program): skipped for
// Node.js and Python (their JIT and interpreter frames have no lines perf can give), for more than
// `lineSampleCap` samples, and stopped after `lineBudgetMs`. It never fails the recording: when it
// is skipped or fails, the profile without lines is kept and `source.linesNote` says why (the
// source view shows it).

import { spawn, type ChildProcess } from 'node:child_process';
import { frameKinds, type Profile } from '../../../src-shared/profile/profile';
import { guardChild, type Guard } from '../../guardian/guardian';
import { PerfScriptParser, type PerfScriptOptions, type PerfScriptResult } from '../../import/perf-script';
import { perfCommand } from './perf-access';

/** Recordings with more samples than this get no line costs. */
export const lineSampleCap = 250_000;
/** The longest the srcline pass may take before it is stopped. */
export const lineBudgetMs = 5_000;

// Interpreters and runtimes whose own binary runs the program's code: their lines are the runtime's.
const runtimeModule = /^(?:node(?:js)?\d*|libnode\.so[\d.]*|python[\d.]*d?|libpython[\d.]+d?\.so[\d.]*)$/;

/** Why this recording gets no line costs, or null when they should be collected. */
export function lineSkipReason(result: PerfScriptResult): string | null {
  const { profile } = result;
  const runtime = runtimeOf(profile);
  if (runtime !== null)
    return `perf line costs are collected for native programs only: this recording runs ${runtime}, whose JIT-compiled or interpreted code has no source lines perf can give.`;
  if (result.samples > lineSampleCap)
    return `This recording has ${result.samples.toLocaleString('en-US')} samples; Thermograph asks perf for source lines of at most ${lineSampleCap.toLocaleString('en-US')} (perf script srcline is slow on large recordings). Record a shorter span or at a lower frequency for line costs.`;
  return null;
}

const javascript = frameKinds.indexOf('js');
const python = frameKinds.indexOf('python');

function runtimeOf(profile: Profile): string | null {
  const { frames, strings } = profile;
  for (let frame = 0; frame < frames.length; frame++) {
    const kind = frames.kind[frame]!;
    if (kind === javascript) return 'JavaScript';
    if (kind === python) return 'Python';
    const module = frames.module[frame]!;
    const path = module >= 0 ? strings[module]! : '';
    if (runtimeModule.test(path.slice(path.lastIndexOf('/') + 1))) return /python/.test(path) ? 'Python' : 'Node.js';
  }
  return null;
}

/**
 * The profile of `output` with line costs, read by a `perf script -F fields,srcline` stopped after
 * the budget; or the reason there is none. Never throws.
 */
export async function profileWithLines(
  output: string,
  fields: string,
  options: PerfScriptOptions,
  withoutLines: PerfScriptResult,
  budgetMs = lineBudgetMs,
): Promise<{ profile: Profile } | { reason: string }> {
  const parser = new PerfScriptParser({ ...options, srclines: true });
  let script: ChildProcess | null = null;
  let guarded: Guard | null = null;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    script?.kill('SIGKILL');
  }, budgetMs);
  try {
    script = spawn(perfCommand, ['script', '-F', `${fields},srcline`, '--full-source-path', '-i', output], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Killed with the engine, however the engine ends (perf script runs addr2line for each binary).
    guarded = guardChild(script);
    let stderr = '';
    script.stderr!.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-4096)));
    const exited = new Promise<number | null>((resolve) => {
      script!.once('error', () => resolve(null));
      script!.once('close', (code) => resolve(code));
    });
    for await (const chunk of script.stdout!) parser.push(chunk as Buffer);
    const code = await exited;
    if (timedOut)
      return {
        reason: `perf took longer than ${budgetMs / 1000} s to find the source lines of this recording and was stopped. Record a shorter span for line costs.`,
      };
    if (code !== 0)
      return {
        reason: `perf script could not give source lines (${stderr.trim().replace(/[.?!]$/, '') || `exit code ${code ?? 'unknown'}`}); the profile is complete without them.`,
      };
    const result = parser.finish();
    if (result.samples !== withoutLines.samples)
      return {
        reason: `perf script printed ${result.samples} samples with source lines, not the ${withoutLines.samples} of the recording; the lines were left out.`,
      };
    if (!result.profile.lines)
      return {
        reason:
          'perf found no source line in this recording: its binaries carry no debug information. Build the program with -g for line costs.',
      };
    return { profile: result.profile };
  } catch (error) {
    return {
      reason: `Reading perf's source lines failed (${(error as Error).message}); the profile is complete without them.`,
    };
  } finally {
    clearTimeout(timer);
    // A parser error leaves perf script running: it is not needed any more.
    if (script && script.exitCode === null && script.signalCode === null) script.kill('SIGKILL');
    guarded?.release();
  }
}
