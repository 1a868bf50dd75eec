// Line costs for perf recordings of native programs, per sample as austin's. The first read of
// `perf script` hears each distinct frame line's DSO and address (LineAddresses); one
// `addr2line -a -i` per DSO then finds their files and lines, and the text (kept up to 64 MiB,
// else from `perf script` run again) is read again with them: 70 ms on a 3,000-sample recording of
// native-hot.c, 84 ms on 10,000. perf's own srcline field asks addr2line once per frame of every
// sample instead: 0.85 s on 1,500 samples of native-hot.c, more than 600 s on a Node.js recording.
// Bounded all the same: skipped for Node.js and Python (their JIT and interpreter frames have no
// lines addr2line can give), for more than `lineSampleCap` samples, and stopped after
// `lineBudgetMs`. It never fails the recording: when skipped or failing, the profile without lines
// is kept and `source.linesNote` says why (the source view shows it). A caller's address is its
// return address, so its line may be the one after the call when the call ends a line.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { frameKinds, type Profile } from '../../../src-shared/profile/profile';
import { guardChild } from '../../guardian/guardian';
import { addr2lineLocations, type SourceLocation } from '../../import/perf-addresses';
import { PerfScriptParser, type PerfScriptOptions, type PerfScriptResult } from '../../import/perf-script';
import { perfCommand } from './perf-access';

/** Recordings with more samples than this get no line costs. */
export const lineSampleCap = 250_000;
/** The longest finding line costs (addr2line and the second read) may take before it is stopped. */
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
    return `This recording has ${result.samples.toLocaleString('en-US')} samples; Thermograph finds source lines for at most ${lineSampleCap.toLocaleString('en-US')} (finding them reads the recording a second time). Record a shorter span or at a lower frequency for line costs.`;
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

/** The first read's text is kept up to this size, so that the second need not run perf script again. */
const keptTextLimit = 64 * 1024 * 1024;

/** The DSOs and addresses of a recording's frame lines, heard during its first read, and its text. */
export class LineAddresses {
  readonly byDso = new Map<string, Set<string>>();
  /** The first read's perf script text, when keep() had all of it within keptTextLimit. */
  text: Buffer[] | null = null;
  private textBytes = 0;
  private textDropped = false;

  /** Keeps a chunk of the first read (the parser does not change it). */
  keep(chunk: Buffer): void {
    if (this.textDropped) return;
    this.textBytes += chunk.length;
    if (this.textBytes > keptTextLimit) {
      this.text = null;
      this.textDropped = true;
    } else (this.text ??= []).push(chunk);
  }

  /** For PerfScriptOptions.addresses. */
  readonly add = (dso: string, address: string): void => {
    let addresses = this.byDso.get(dso);
    if (!addresses) this.byDso.set(dso, (addresses = new Set()));
    addresses.add(address);
  };
}

/**
 * The profile of `output` with line costs: `addr2line` on each DSO's addresses, then `perf script
 * -F fields` read again with their locations, all within the budget; or the reason there is none.
 * Never throws.
 */
export async function profileWithLines(
  output: string,
  fields: string,
  options: PerfScriptOptions,
  withoutLines: PerfScriptResult,
  addresses: LineAddresses,
  budgetMs = lineBudgetMs,
): Promise<{ profile: Profile } | { reason: string }> {
  const deadline = Date.now() + budgetMs;
  const stopped = {
    reason: `Finding the source lines of this recording took longer than ${budgetMs / 1000} s and was stopped. Record a shorter span for line costs.`,
  };
  try {
    const locations = new Map<string, SourceLocation | null>();
    let located = false;
    for (const [dso, dsoAddresses] of addresses.byDso) {
      // [kernel.kallsyms], [vdso], [unknown] and binaries no longer on disk have nothing to read.
      if (!path.isAbsolute(dso) || !existsSync(dso)) continue;
      let text = '';
      const run = await boundedRun(
        'addr2line',
        ['-e', dso, '-a', '-i'],
        [...dsoAddresses].join('\n') + '\n',
        deadline,
        (chunk) => (text += chunk.toString('utf8')),
      );
      if (run.timedOut) return stopped;
      if (run.missing)
        return { reason: 'addr2line is not installed, so perf line costs cannot be found. Install binutils for them.' };
      // A DSO addr2line cannot read (a JIT map, a stripped file) only has no lines.
      if (run.code !== 0) continue;
      for (const [address, location] of addr2lineLocations(text)) {
        locations.set(`${dso}\n${address}`, location);
        located ||= location !== null;
      }
    }
    if (!located)
      return {
        reason:
          'perf found no source line in this recording: its binaries carry no debug information. Build the program with -g for line costs.',
      };
    const parser = new PerfScriptParser({
      ...options,
      addresses: undefined,
      locate: (dso, address) => locations.get(`${dso}\n${address}`) ?? null,
    });
    if (addresses.text !== null) {
      for (const chunk of addresses.text) {
        if (Date.now() > deadline) return stopped;
        parser.push(chunk);
      }
    } else {
      const run = await boundedRun(perfCommand, ['script', '-F', fields, '-i', output], null, deadline, (chunk) =>
        parser.push(chunk),
      );
      if (run.timedOut) return stopped;
      if (run.code !== 0)
        return {
          reason: `perf script could not be read again for source lines (${run.stderr.trim().replace(/[.?!]$/, '') || `exit code ${run.code ?? 'unknown'}`}); the profile is complete without them.`,
        };
    }
    const result = parser.finish();
    if (result.samples !== withoutLines.samples)
      return {
        reason: `perf script printed ${result.samples} samples the second time, not the ${withoutLines.samples} of the first; the lines were left out.`,
      };
    return { profile: result.profile };
  } catch (error) {
    return {
      reason: `Reading perf's source lines failed (${(error as Error).message}); the profile is complete without them.`,
    };
  }
}

interface Run {
  code: number | null;
  stderr: string;
  timedOut: boolean;
  /** The command is not installed. */
  missing: boolean;
}

// Runs a command with `input` on stdin (or none), its stdout to onChunk, killed at the deadline or
// when onChunk throws (the error is rethrown).
async function boundedRun(
  command: string,
  args: string[],
  input: string | null,
  deadline: number,
  onChunk: (chunk: Buffer) => void,
): Promise<Run> {
  const child = spawn(command, args, { stdio: [input === null ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  // Killed with the engine, however the engine ends.
  const guarded = guardChild(child);
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      child.kill('SIGKILL');
    },
    Math.max(0, deadline - Date.now()),
  );
  let stderr = '';
  let missing = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      missing = error.code === 'ENOENT';
      resolve(null);
    });
    child.once('close', (code) => resolve(code));
  });
  try {
    child.stderr!.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-4096)));
    // A child that exits before reading all of its input must not crash the engine with EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
    for await (const chunk of child.stdout!) onChunk(chunk as Buffer);
    const code = await exited;
    return { code, stderr, timedOut, missing };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    guarded.release();
  }
}
