// The perf profiler's public face: the profilers the engine registers and the start-up clean-up
// of perf processes a crashed Thermograph left running.

export { cleanUpPerfLeftover } from './perf-leftover';
export { createPerfProfiler, perfProfiler, type PerfProfilerSettings } from './perf-profiler';
export type { CallGraph } from './perf-recording';
