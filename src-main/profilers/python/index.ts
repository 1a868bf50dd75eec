// The Python profilers' public face: austin (CPython ≤ 3.10), the perf trampoline (≥ 3.12), and
// the choice between them by the target's interpreter version.

export { austinProfiler } from './austin-profiler';
export { choosePythonProfiler } from './choose-python';
export { pythonPerfProfiler, trampolineEnabled } from './python-perf-profiler';
