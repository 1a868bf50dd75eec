// Native CPU profiles of any process with `perf record` (software cpu-clock where the machine has
// no hardware counters). Node.js targets Thermograph launches get --perf-basic-prof, so their
// JIT-compiled JavaScript appears by name (V8 writes /tmp/perf-PID.map, which perf script reads).

import path from 'node:path';
import type { LaunchPlan, Profiler, ProfilerOptions, ProfilerProblem, ProfilerTarget } from '../profiler';
import { perfProblem } from './perf-access';
import { type CallGraph, startPerfRecording } from './perf-recording';
import { processIdentity } from './perf-leftover';

/** How the perf profiler is set up. */
export interface PerfProfilerSettings {
  /** Frame pointers (default: cheap, but code built without them loses callers) or DWARF unwinding. */
  callGraph?: CallGraph;
}

/** True when argv launches Node.js, whose JIT frames perf names only with --perf-basic-prof. */
function launchesNode(argv: readonly string[]): boolean {
  return argv.length > 0 && /^node(js)?(\d+)?$/.test(path.basename(argv[0]!));
}

/** A perf profiler with the given call-graph mode. */
export function createPerfProfiler(settings: PerfProfilerSettings = {}): Profiler {
  const callGraph = settings.callGraph ?? 'fp';
  return {
    id: 'perf',
    async check(target: ProfilerTarget): Promise<ProfilerProblem | null> {
      const problem = await perfProblem();
      if (problem) return problem;
      if (processIdentity(target.pid) === null) {
        return { message: `Process ${target.pid} is not running.`, fix: 'Start the program again, then record it.' };
      }
      return null;
    },
    prepareLaunch(plan: LaunchPlan, _options: ProfilerOptions): LaunchPlan {
      if (!launchesNode(plan.argv) || plan.argv.includes('--perf-basic-prof')) return plan;
      return { ...plan, argv: [plan.argv[0]!, '--perf-basic-prof', ...plan.argv.slice(1)] };
    },
    start(target, options, events, journal) {
      return startPerfRecording(target, options, events, journal, { callGraph, tool: 'perf' });
    },
  };
}

/** The perf profiler with frame-pointer call graphs. */
export const perfProfiler: Profiler = createPerfProfiler();
