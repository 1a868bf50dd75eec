// Which profiler records a target: by runtime for `auto`, or the one the user asked for. A choice
// that cannot run still returns the profiler's name and the problem, so the session can say what
// was wanted, why it did not run, and how to fix it.

import type { ProfilerChoice } from '../../src-shared/profile/formats';
import { cleanUpNodeLeftover, nodeProfiler } from './node';
import { cleanUpPerfLeftover, perfProfiler } from './perf';
import type { LeftoverEntry, Profiler, ProfilerProblem, ProfilerTarget } from './profiler';
import { choosePythonProfiler, cleanUpPySpyLeftover, isPySpyLeftover } from './python';
import { launchesPython } from './python/launched-interpreter';

/** The profiler picked for a target, or the problem that rules every profiler out. */
export interface ProfilerChoiceResult {
  /** The profiler's name for the status ('node', 'perf', …), also when it cannot run. */
  name: string;
  profiler: Profiler | null;
  problem: ProfilerProblem | null;
}

/** Picks the profiler for a target (the user's choice, or by runtime for `auto`). */
export async function chooseProfiler(choice: ProfilerChoice, target: ProfilerTarget): Promise<ProfilerChoiceResult> {
  const wanted = choice === 'auto' ? autoChoice(target) : choice;
  if (wanted === 'node') return { name: 'node', profiler: nodeProfiler, problem: null };
  if (wanted === 'perf') return { name: 'perf', profiler: perfProfiler, problem: null };
  const python = await choosePythonProfiler(target);
  return { name: python.profiler?.id ?? 'python', profiler: python.profiler, problem: python.problem };
}

function autoChoice(target: ProfilerTarget): Exclude<ProfilerChoice, 'auto' | 'none'> {
  if (target.runtime === 'node') return 'node';
  if (target.runtime === 'python') return 'python';
  // A command that reaches Python through `env python3 …`, `sh -c 'exec python3 …'` or a `#!` line.
  if (target.launched && launchesPython(target.argv)) return 'python';
  return 'perf';
}

/** Undoes what a crashed Thermograph left open in a target (an inspector, a perf, austin or py-spy process). */
export async function cleanUpLeftover(entry: LeftoverEntry): Promise<void> {
  if (entry.kind === 'inspector') await cleanUpNodeLeftover(entry);
  else if (isPySpyLeftover(entry)) await cleanUpPySpyLeftover(entry);
  else await cleanUpPerfLeftover(entry);
}
