// The Node.js profiler's public face: the profiler the engine registers and the start-up clean-up
// of inspectors a crashed Thermograph left open.

export { cleanUpNodeLeftover } from './inspector-lifetime';
export { createNodeProfiler, nodeProfiler } from './node-profiler';
export { withoutInspectorMessages } from './inspector-output';
