// Which Python profiler fits an interpreter: austin reads CPython ≤ 3.10 (Debian's austin 1.0.1),
// the perf trampoline needs ≥ 3.12 started with it on, and 3.11 falls between the two.

import type { Profiler, ProfilerProblem, ProfilerTarget } from '../profiler';
import { austinProfiler } from './austin-profiler';
import { atLeast, targetPythonVersion } from './interpreter-version';
import { pythonPerfProfiler } from './python-perf-profiler';

/** Picks austin or the perf trampoline by the target's Python version, or says why neither fits. */
export async function choosePythonProfiler(
  target: ProfilerTarget,
): Promise<{ profiler: Profiler | null; problem: ProfilerProblem | null }> {
  const version = await targetPythonVersion(target);
  if (version === null) {
    return {
      profiler: null,
      problem: {
        message: `Could not read the Python version of ${target.argv[0] ?? `process ${target.pid}`}.`,
        fix: 'Check that it is a CPython interpreter, or record with --profile perf for native frames only.',
      },
    };
  }
  let profiler: Profiler;
  if (!atLeast(version, 3, 11)) profiler = austinProfiler;
  else if (atLeast(version, 3, 12)) profiler = pythonPerfProfiler;
  else {
    return {
      profiler: null,
      problem: {
        message: `Python ${version.text} cannot be profiled: austin 1.0.1 cannot read 3.11, and the perf trampoline needs 3.12+.`,
        fix: 'Use Python ≤ 3.10 or ≥ 3.12, or --profile perf for native frames only.',
      },
    };
  }
  return { profiler, problem: await profiler.check(target) };
}
