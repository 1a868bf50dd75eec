// Python ≥ 3.12 CPU profiles with perf and CPython's perf trampoline (docs.python.org/3/howto/
// perf_profiling.html): with PYTHONPERFSUPPORT=1 each Python function runs through a small JIT
// trampoline that CPython names `py::function:file.py` in /tmp/perf-PID.map, so perf stacks show
// Python functions among the native ones. CPython is built without frame pointers here, so perf
// must unwind with DWARF to get past the interpreter loop to those trampolines.

import { readFileSync } from 'node:fs';
import { ThermographError } from '../../../src-shared/api/errors';
import { perfProblem } from '../perf/perf-access';
import { startPerfRecording } from '../perf/perf-recording';
import type { Profiler, ProfilerProblem, ProfilerTarget } from '../profiler';
import { atLeast, targetPythonVersion } from './interpreter-version';

/** True when the process was started with the perf trampoline on (environment or -X perf). */
export function trampolineEnabled(pid: number): boolean {
  try {
    const environment = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
    if (environment.some((entry) => /^PYTHONPERFSUPPORT=[1-9]/.test(entry))) return true;
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0');
    return argv.some((argument, index) => argument === '-Xperf' || (argument === '-X' && argv[index + 1] === 'perf'));
  } catch {
    return false;
  }
}

async function pythonPerfProblem(target: ProfilerTarget): Promise<ProfilerProblem | null> {
  const perf = await perfProblem();
  if (perf) return perf;
  const python = await targetPythonVersion(target);
  if (python === null) {
    return {
      message: `Process ${target.pid} is not a Python interpreter Thermograph can identify.`,
      fix: 'Record it with --profile perf for native frames.',
    };
  }
  if (!atLeast(python, 3, 12)) {
    return {
      message: `Python ${python.text} has no perf trampoline (it came in 3.12).`,
      fix: 'Install py-spy (pip install py-spy), use austin for Python ≤ 3.10, or --profile perf for native frames only.',
    };
  }
  // Before launch there is no process to read: prepareLaunch turns the trampoline on.
  const beforeLaunch = target.launched && target.pid <= 0;
  if (!beforeLaunch && !trampolineEnabled(target.pid)) {
    return {
      message: `Python ${python.text} process ${target.pid} was not started with perf support, so perf would show only the interpreter's C functions.`,
      fix: 'Install py-spy (pip install py-spy), which attaches without a restart; or launch it from Thermograph (which sets PYTHONPERFSUPPORT=1), or restart it with PYTHONPERFSUPPORT=1 or `python -X perf`; or record with --profile perf for native frames only.',
    };
  }
  return null;
}

/** The perf-trampoline Python profiler (Python ≥ 3.12). */
export const pythonPerfProfiler: Profiler = {
  id: 'python-perf',
  check: pythonPerfProblem,
  prepareLaunch: (plan) => ({ ...plan, env: { ...plan.env, PYTHONPERFSUPPORT: '1' } }),
  async start(target, options, events, journal) {
    const problem = await pythonPerfProblem(target);
    if (problem) throw new ThermographError('profiler-unavailable', `${problem.message} ${problem.fix}`);
    return startPerfRecording(target, options, events, journal, { callGraph: 'dwarf', tool: 'python-perf' });
  },
};
