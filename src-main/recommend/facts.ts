// What the recommendation rules know about a session besides its diagnoses: what was recorded (a
// launched command can be re-run with a change, a running process can have its priority, I/O priority
// or CPU affinity changed in place), its environment, and what a running process is like now.

import { inPlaceActionKinds, type Action } from '../../src-shared/diagnosis/recommendation';
import type { TargetDescription } from '../../src-shared/model/session';

/** The session facts rules read. */
export interface RecommendationFacts {
  target: TargetDescription;
  /** The most threads the target had at once; null when unknown. */
  threadsPeak: number | null;
  /** CPU other programs used meanwhile, 100 = one core (the machine's CPU less the target's); null when unknown. */
  otherCpu: number | null;
  /** The JavaScript heap's peak use (bytes), for Node.js; null when not measured. */
  heapUsedPeak: number | null;
  /** For a session recorded by PID whose process still runs, what it is like now; null otherwise. */
  live?: LiveProcessFacts | null;
}

/** What a running process is like when its session is diagnosed (read from /proc and /sys). */
export interface LiveProcessFacts {
  /** The active I/O scheduler of the disk its files are on ("mq-deadline", "bfq", "none", "kyber"); null when unknown. */
  ioScheduler: string | null;
  /** The share (0–1) of the bytes it has read from and written to storage that were reads; null before any. */
  diskReadShare: number | null;
  /** The CPUs its main thread may run on; null when unknown. */
  allowedCpus: number[] | null;
  /** The machine's online CPUs; null when unknown. */
  onlineCpus: number[] | null;
}

/**
 * Why an action of this kind cannot be tried on this session, or null when it can. A running process
 * can have its priority, I/O priority or CPU affinity changed in place; an environment variable or a
 * runtime option takes a launch, and an I/O priority or a CPU affinity a running process.
 */
export function actionUnavailable(facts: RecommendationFacts, kind?: Action['kind']): string | null {
  const inPlaceOnly = kind === 'io-priority' || kind === 'cpu-affinity';
  if (facts.target.kind === 'command' && !inPlaceOnly) return null;
  if (facts.target.kind === 'command')
    return 'The change is tried on a running process, and this session launched a command: record the program by PID while it runs (New recording → Running process, or thermograph record --pid PID) to try it with one click.';
  if (facts.target.kind === 'pid' && kind !== undefined && inPlaceActionKinds.includes(kind)) return null;
  if (facts.target.kind === 'pid')
    return 'The change applies to a launched command, and this session recorded a running process: launch the command from Thermograph (New recording → Launch, or thermograph record -- COMMAND) to try it with one click.';
  return 'This session was imported from a file: there is no command to run again.';
}

/** The value of an environment variable the launched command was given, or null. */
export function environmentValue(facts: RecommendationFacts, name: string): string | null {
  return facts.target.kind === 'command' ? (facts.target.env[name] ?? null) : null;
}

/**
 * The old-space limit (MiB) a launched Node.js command was given in its environment's NODE_OPTIONS,
 * or null. A limit set on the command line (a node flag, or `env NODE_OPTIONS=…`) is left out: the
 * NODE_OPTIONS an experiment changes cannot override it.
 */
export function oldSpaceLimit(facts: RecommendationFacts): number | null {
  if (facts.target.kind !== 'command') return null;
  let limit: number | null = null;
  // The last one given wins, as in Node.js.
  for (const match of (facts.target.env.NODE_OPTIONS ?? '').matchAll(/--max-old-space-size[= ](\d+)/g))
    limit = Number(match[1]);
  return limit;
}
