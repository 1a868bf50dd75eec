// Shared by the perf and Python profiler tests: build and start the native and Python target
// programs, an in-memory LeftoverJournal, and readable summaries of a profile's self time.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LeftoverEntry, LeftoverJournal } from '../../../src-main/profilers/profiler';
import { frameKinds, type FrameKind, type Profile } from '../../../src-shared/profile/profile';

const targets = path.resolve(__dirname, '../../fixtures/targets');

/** A program a test started. */
export interface StartedProgram {
  pid: number;
  child: ChildProcess;
  /** Sends SIGKILL unless it has exited, and waits for the exit. */
  stop(): Promise<void>;
}

/** Compiles native-hot.c into a temporary folder; returns the binary and a clean-up function. */
export function buildNativeHot(): { binary: string; remove(): void } {
  const folder = mkdtempSync(path.join(tmpdir(), 'thermograph-native-hot-'));
  const binary = path.join(folder, 'native-hot');
  execFileSync('gcc', ['-O1', '-fno-omit-frame-pointer', '-g', path.join(targets, 'native-hot.c'), '-o', binary]);
  return { binary, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** The path of python-hot.py. */
export const pythonHot = path.join(targets, 'python-hot.py');

/** Spawns argv and resolves once it printed "ready <pid>" (rejects after 10 s or an early exit). */
export function startProgram(argv: string[], env: Record<string, string> = {}): Promise<StartedProgram> {
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  let stderr = '';
  child.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => void stop().then(() => reject(new Error(`${argv.join(' ')} was not ready in 10 s`))),
      10_000,
    );
    child.stdout!.on('data', (data: Buffer) => {
      stdout += data.toString();
      const ready = /^ready (\d+)$/m.exec(stdout);
      if (ready) {
        clearTimeout(timer);
        resolve({ pid: Number(ready[1]), child, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${argv.join(' ')} exited with ${code} before it was ready: ${stderr}`));
    });
  });
}

/** A LeftoverJournal in memory, so a test can see what a profiler recorded. */
export function memoryJournal(): LeftoverJournal & {
  entries: Map<number, LeftoverEntry>;
  remembered: LeftoverEntry[];
} {
  const entries = new Map<number, LeftoverEntry>();
  const remembered: LeftoverEntry[] = [];
  let next = 1;
  return {
    entries,
    remembered,
    remember(entry) {
      entries.set(next, entry);
      remembered.push(entry);
      return next++;
    },
    forget(id) {
      entries.delete(id);
    },
  };
}

/**
 * Self weight per function name, of each sample's innermost frame of the given kinds (all kinds
 * when none are given), largest first.
 */
export function selfWeights(profile: Profile, kinds: FrameKind[] = []): [string, number][] {
  const wanted = new Set(kinds.map((kind) => frameKinds.indexOf(kind)));
  const weights = new Map<string, number>();
  for (let sample = 0; sample < profile.samples.length; sample++) {
    for (let stack = profile.samples.stack[sample]!; stack >= 0; stack = profile.stacks.parent[stack]!) {
      const frame = profile.stacks.frame[stack]!;
      if (wanted.size > 0 && !wanted.has(profile.frames.kind[frame]!)) continue;
      const name = profile.strings[profile.frames.name[frame]!]!;
      weights.set(name, (weights.get(name) ?? 0) + profile.samples.weight[sample]!);
      break;
    }
  }
  return [...weights].sort((left, right) => right[1] - left[1]);
}

/** The share (0–1) of the total that `name` has in a selfWeights list. */
export function shareOf(weights: [string, number][], name: string): number {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  return (weights.find(([candidate]) => candidate === name)?.[1] ?? 0) / total;
}

/** True while a process with this pid runs and is not a zombie. */
export function isRunning(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return false;
  }
}

/** The names of the frames from root to leaf for each sample, as "a;b;c" lines (for readable assertions). */
export function stackLines(profile: Profile): string[] {
  const lines: string[] = [];
  for (let sample = 0; sample < profile.samples.length; sample++) {
    const names: string[] = [];
    for (let stack = profile.samples.stack[sample]!; stack >= 0; stack = profile.stacks.parent[stack]!) {
      names.push(profile.strings[profile.frames.name[profile.stacks.frame[stack]!]!]!);
    }
    lines.push(names.reverse().join(';'));
  }
  return lines;
}
