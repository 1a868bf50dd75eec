// How a launched command gets an inspector: on loopback only, on a port the kernel picks (port 0),
// so two recordings never race for 9229 and nothing on the network can reach it. The port is found
// afterwards from /proc (inspector-discovery.ts), since the recording owns the command's stderr.

import type { LaunchPlan } from '../profiler';

/** The flag every launched Node.js command gets. */
export const inspectFlag = '--inspect=127.0.0.1:0';

// node, nodejs and versioned names such as node20 (the same rule as runtime detection).
const nodeExecutable = /(^|\/)node(js)?[-_]?\d*(\.\d+)*$/;

/** True when argv[0] starts Node.js itself, so the flag can go straight after it. */
export function isNodeCommand(command: string): boolean {
  return nodeExecutable.test(command) || command === process.execPath;
}

/**
 * The plan with the inspector flag: after argv[0] when that is node, otherwise in NODE_OPTIONS
 * (appended to the value the command would inherit), so `npm run x` or a `#!/usr/bin/env node`
 * script still starts with it.
 */
export function prepareNodeLaunch(plan: LaunchPlan): LaunchPlan {
  const [command, ...rest] = plan.argv;
  if (command !== undefined && isNodeCommand(command)) {
    return { argv: [command, inspectFlag, ...rest], env: { ...plan.env } };
  }
  const inherited = plan.env.NODE_OPTIONS ?? process.env.NODE_OPTIONS ?? '';
  const nodeOptions = inherited.trim() === '' ? inspectFlag : `${inherited} ${inspectFlag}`;
  return { argv: [...plan.argv], env: { ...plan.env, NODE_OPTIONS: nodeOptions } };
}
