// The Python profilers' public face: py-spy (preferred: CPython 2.7 and 3.3–3.13, launched or
// attached), austin (CPython ≤ 3.10), the perf trampoline (≥ 3.12), and the choice between them.

export { austinProfiler } from './austin-profiler';
export { choosePythonProfiler, pythonProfilersFor } from './choose-python';
export { cleanUpPySpyLeftover, isPySpyLeftover } from './py-spy-leftover';
export { pySpyProfiler } from './py-spy-profiler';
export { pythonPerfProfiler, trampolineEnabled } from './python-perf-profiler';
