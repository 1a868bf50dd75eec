// The Node.js profiler: V8's CPU and sampling heap profilers over the inspector protocol. Launched
// commands get `--inspect=127.0.0.1:0`; running processes get SIGUSR1 after the checks in
// attach-checks.ts. See README.md in this folder for the whole life of a session.

import type { Profiler, ProfilerProblem, ProfilerTarget } from '../profiler';
import { readNodeTargetFacts, signalProblem, targetProblem } from './attach-checks';
import { findInspector, formatHostPort, isLoopback } from './inspector-discovery';
import { connectToInspector, type InspectorConnection } from './inspector-lifetime';
import { prepareNodeLaunch } from './launch-plan';
import { NodeSession, type SessionTiming } from './node-session';

const defaultTiming: SessionTiming = { chunkMs: 10_000, heapUsageMs: 500 };

/** Makes a Node.js profiler; tests shorten the chunk length to see several chunks in a short run. */
export function createNodeProfiler(timing: Partial<SessionTiming> = {}): Profiler {
  const sessionTiming = { ...defaultTiming, ...timing };
  return {
    id: 'node',
    check,
    prepareLaunch: (plan) => prepareNodeLaunch(plan),
    async start(target, options, events, journal) {
      const connection = await connectToInspector(target, journal);
      if (!isLoopback(connection.address)) events.warning(exposedInspectorWarning(target.pid, connection));
      const session = new NodeSession(connection, target, options, events, journal, sessionTiming);
      await session.begin();
      return session;
    },
  };
}

/** The Node.js profiler the engine registers. */
export const nodeProfiler: Profiler = createNodeProfiler();

// A launched target started with our flag, so only "is it Node at all" matters; a running one must
// pass the SIGUSR1 checks too unless its inspector is already open (then nothing is signalled).
async function check(target: ProfilerTarget): Promise<ProfilerProblem | null> {
  const facts = readNodeTargetFacts(target.pid);
  const problem = targetProblem(target.pid, facts);
  if (problem || target.launched) return problem;
  const signal = signalProblem(target.pid, facts, target.attachSignal === true);
  return signal && !(await findInspector(target.pid)) ? signal : null;
}

// An inspector that other machines can reach lets them run code in the process. Thermograph never
// opens one there, but uses one it finds (refusing would not close it) and says how to fix it.
function exposedInspectorWarning(pid: number, connection: InspectorConnection): string {
  return (
    `The inspector of Node.js process ${pid} listens on ${formatHostPort(connection.address, connection.port)}, ` +
    'where other machines can reach it and run any code in that process. Restart it with ' +
    `--inspect=127.0.0.1:${connection.port} (or --inspect=127.0.0.1:0 for any free port) so that only this machine can.`
  );
}
