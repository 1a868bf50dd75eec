// Which Python profiler fits a target: py-spy when it is installed and reads the interpreter (it
// attaches to launched and running processes alike, 2.7 and 3.3–3.13), else austin for CPython
// ≤ 3.10 (Debian's austin 1.0.1), else the perf trampoline for ≥ 3.12 (launched by Thermograph, or
// started with it on). The first that can run is chosen; when none can, the problem shown is the one
// of the profiler that fits the version best, so its fix is the useful one.

import type { Profiler, ProfilerProblem, ProfilerTarget } from '../profiler';
import { austinProfiler } from './austin-profiler';
import { atLeast, targetPythonVersion, type PythonVersion } from './interpreter-version';
import { launchesPython } from './launched-interpreter';
import { readPySpy } from './py-spy-access';
import { pySpyProfiler } from './py-spy-profiler';
import { pythonPerfProfiler } from './python-perf-profiler';

/** The Python profilers in order of preference for a version (null: not known before launch). */
export function pythonProfilersFor(version: PythonVersion | null): Profiler[] {
  if (version === null) return [pySpyProfiler];
  const fallbacks: Profiler[] = [];
  if (!atLeast(version, 3, 11)) fallbacks.push(austinProfiler);
  if (atLeast(version, 3, 12)) fallbacks.push(pythonPerfProfiler);
  return [pySpyProfiler, ...fallbacks];
}

/** Picks py-spy, austin or the perf trampoline for the target, or says why none can run. */
export async function choosePythonProfiler(
  target: ProfilerTarget,
): Promise<{ profiler: Profiler | null; problem: ProfilerProblem | null }> {
  const version = await targetPythonVersion(target);
  // A launched command whose Python is not known until it runs (a `#!` script, a wrapper): only
  // py-spy waits for the exec.
  const waitable = target.launched && launchesPython(target.argv) && (await readPySpy()) !== null;
  if (version === null && !waitable) {
    return {
      profiler: null,
      problem: {
        message: `Could not read the Python version of ${target.argv[0] ?? `process ${target.pid}`}.`,
        fix: 'Check that it is a CPython interpreter, or record with --profile perf for native frames only.',
      },
    };
  }
  const candidates = pythonProfilersFor(version);
  const problems: { profiler: Profiler; problem: ProfilerProblem }[] = [];
  for (const profiler of candidates) {
    const problem = await profiler.check(target);
    if (problem === null) return { profiler, problem: null };
    problems.push({ profiler, problem });
  }
  // py-spy missing is the least specific problem: a fallback's (e.g. "not started with perf
  // support") says more, and py-spy's install hint goes into its fix.
  if (problems.length === 1 && version !== null) {
    const { problem } = problems[0]!;
    return {
      profiler: pySpyProfiler,
      problem: {
        message: `${problem.message} Python ${version.text} has no other profiler here: austin reads 3.10 and older, and the perf trampoline came in 3.12.`,
        fix: problem.fix,
      },
    };
  }
  const shown = problems.find((entry) => entry.profiler !== pySpyProfiler) ?? problems[0]!;
  const pySpyMissing = problems[0]!.problem.message.startsWith('py-spy is not installed');
  const fix =
    pySpyMissing && shown.profiler !== pySpyProfiler
      ? `${shown.problem.fix} Or install py-spy (pip install py-spy), which profiles this Python as it runs.`
      : shown.problem.fix;
  return { profiler: shown.profiler, problem: { message: shown.problem.message, fix } };
}
