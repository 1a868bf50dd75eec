// What an action does to a launch. The environment is computed purely (the caller hands in the
// NODE_OPTIONS the command would inherit); the priority needs the spawned pid and is set after spawn.

import { readFileSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { ThermographError } from '../../../src-shared/api/errors';
import type { Action } from '../../../src-shared/diagnosis/recommendation';

/** A launch with actions applied: its environment additions and the nice value to set, if any. */
export interface ChangedLaunch {
  env: Record<string, string>;
  /** The nice value to give the spawned process; null to leave it as inherited. */
  nice: number | null;
}

/**
 * Applies actions in order to a launch's own environment additions. A Node.js option is appended to
 * the NODE_OPTIONS the command would get (its own, else `inheritedNodeOptions`), so the target's own
 * options stay and, where the same option appears twice, the appended one wins (Node reads them in order).
 */
export function applyActions(
  env: Readonly<Record<string, string>>,
  actions: readonly Action[],
  inheritedNodeOptions: string | undefined,
): ChangedLaunch {
  const changed: Record<string, string> = { ...env };
  let nice: number | null = null;
  for (const action of actions) {
    if (action.kind === 'environment') changed[action.name] = action.value;
    else if (action.kind === 'priority') nice = action.nice;
    else if (action.kind === 'node-option') {
      const current = (changed.NODE_OPTIONS ?? inheritedNodeOptions ?? '').trim();
      changed.NODE_OPTIONS = current === '' ? action.option : `${current} ${action.option}`;
    }
    // An I/O priority or a CPU affinity is tried on a running process only (startExperiment refuses it
    // for a launch), so no preset holds one and a launch has nothing of it to apply.
  }
  return { env: changed, nice };
}

/**
 * Sets a spawned process's nice value, or throws permission-denied saying what to do. A launched
 * command leads a session of its own, and where the kernel groups scheduling by session (autogroup,
 * on by default on desktop Linux) a thread's nice only orders it against its own session's threads:
 * the session's autogroup nice is what weighs it against other programs, so both are set.
 */
export function setLaunchPriority(pid: number, nice: number): void {
  try {
    setPriority(pid, nice);
    if (autogroupEnabled()) writeFileSync(`/proc/${pid}/autogroup`, String(nice));
  } catch (error) {
    throw new ThermographError(
      'permission-denied',
      `Could not set the priority of PID ${pid} to nice ${nice}: ${(error as Error).message}. A nice value below the current one needs root (or CAP_SYS_NICE); choose a value of 0 or more, or run Thermograph with that capability.`,
    );
  }
}

function autogroupEnabled(): boolean {
  try {
    return readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1';
  } catch {
    return false;
  }
}
