// Whether Thermograph may open the inspector of a running Node.js process with SIGUSR1. It never
// sends a signal whose effect it cannot know, and from outside the process that effect can only be
// ruled out, never confirmed:
// - the SigCgt bit says the signal is caught, not by whom. Node's own handler opens the inspector,
//   but `process.on('SIGUSR1', …)` (log rotation, reload) makes libuv install its handler in Node's
//   place, and then the signal runs the program's code and the inspector never opens. Both leave the
//   same SigCgt, threads and descriptors in /proc (checked on Node 20 and 24), and the handler's
//   address is in the kernel, out of reach without ptrace.
// - no SigCgt bit means the default action: SIGUSR1 would kill the process.
// - `--disable-sigusr1` means Node installed no handler, so a caught SIGUSR1 is the program's.
// - an inspector host beyond loopback (`--inspect-port=0.0.0.0`) would let the network run code.
// So an inspector that is already listening is used (nothing is signalled), and otherwise SIGUSR1 is
// sent only when the user explicitly allows it (`--node-attach-signal`) and none of the above rules
// it out. All of this is read from /proc without touching the target.

import { readFileSync, readlinkSync } from 'node:fs';
import { parseCommandLine } from '../../collectors/proc/parse-cmdline';
import { parseProcessStatus } from '../../collectors/proc/parse-process-status';
import { detectRuntime } from '../../collectors/runtime-detection';
import { currentUserName, userName } from '../../collectors/user-names';
import type { Pid } from '../../../src-shared/units';
import type { ProfilerProblem } from '../profiler';
import { isLoopback } from './inspector-discovery';

const sigusr1 = 10;

/** What /proc says about a process, for the checks. Null fields could not be read. */
export interface NodeTargetFacts {
  exists: boolean;
  isNode: boolean;
  argv: string[];
  /** From the SigCgt mask in /proc/PID/status. */
  catchesSigusr1: boolean | null;
  ownerUid: number | null;
  /** NODE_OPTIONS from the environment the process started with; null when unreadable. */
  nodeOptions: string | null;
}

/** Reads the facts the checks need; never throws. */
export function readNodeTargetFacts(pid: Pid): NodeTargetFacts {
  const read = (file: string): string | null => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'latin1');
    } catch {
      return null;
    }
  };
  const status = read('status');
  const argv = parseCommandLine(read('cmdline') ?? '');
  let executable = '';
  try {
    executable = readlinkSync(`/proc/${pid}/exe`);
  } catch {
    // another user's process: fall back to argv[0]
  }
  const environ = read('environ');
  const nodeOptions =
    environ === null
      ? null
      : (environ.split('\0').find((entry) => entry.startsWith('NODE_OPTIONS=')) ?? 'NODE_OPTIONS=').slice(13);
  return {
    exists: status !== null,
    isNode: status !== null && detectRuntime(executable, argv) === 'node',
    argv,
    catchesSigusr1: status === null ? null : catchesSignal(status, sigusr1),
    ownerUid: status === null ? null : parseProcessStatus(status).uid,
    nodeOptions,
  };
}

/** True when the SigCgt mask in a /proc/PID/status text has `signal` set; null when absent. */
export function catchesSignal(statusText: string, signal: number): boolean | null {
  const match = /^SigCgt:\s*([0-9a-f]+)$/im.exec(statusText);
  if (!match) return null;
  return ((BigInt(`0x${match[1]}`) >> BigInt(signal - 1)) & 1n) === 1n;
}

/**
 * The hosts other than loopback that inspector options in `args` ask for (`--inspect=host:port`,
 * `--inspect-port host:port`, …). Every argument is scanned, the script's own too: a false alarm
 * only refuses an attach, a miss would expose the process.
 */
export function nonLoopbackInspectorHosts(args: string[]): string[] {
  const hosts: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const match = /^--(inspect|inspect-brk|inspect-wait|inspect-port|debug-port)(?:=(.*))?$/.exec(args[index]!);
    if (!match) continue;
    const separateValue = match[1] === 'inspect-port' || match[1] === 'debug-port';
    const value = match[2] ?? (separateValue ? args[index + 1] : undefined);
    const host = value === undefined ? null : hostOf(value);
    if (host !== null && !isLoopback(host)) hosts.push(host);
  }
  return hosts;
}

/** Splits NODE_OPTIONS as Node does: on spaces, with double quotes grouping. */
export function splitNodeOptions(text: string): string[] {
  return [...text.matchAll(/"((?:\\.|[^"])*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

/** Why SIGUSR1 must not be sent to this process, or null when it may (`allowed`: the user opted in). */
export function attachProblem(pid: Pid, facts: NodeTargetFacts, allowed: boolean): ProfilerProblem | null {
  return targetProblem(pid, facts) ?? signalProblem(pid, facts, allowed);
}

/** Why no inspector of this process can be profiled at all: gone, not Node, or another user's. */
export function targetProblem(pid: Pid, facts: NodeTargetFacts): ProfilerProblem | null {
  if (!facts.exists) {
    return { message: `No process with PID ${pid} exists; it may have exited.`, fix: 'Pick a running process.' };
  }
  if (!facts.isNode) {
    return {
      message: `PID ${pid} (${facts.argv[0] ?? 'unknown'}) is not a Node.js process, so it has no V8 inspector to profile.`,
      fix: 'Choose the perf profiler for native programs, or pick the node process itself rather than a wrapper.',
    };
  }
  return signalPermissionProblem(pid, facts.ownerUid);
}

/**
 * Why opening this Node process's inspector with SIGUSR1 is unsafe or of unknown effect; moot when
 * one is already open. Problems that hold whatever the user allows come first.
 */
export function signalProblem(pid: Pid, facts: NodeTargetFacts, allowed: boolean): ProfilerProblem | null {
  if (facts.catchesSigusr1 !== true) {
    return {
      message: `Node.js process ${pid} does not handle SIGUSR1 (it may run with --disable-sigusr1 or without the inspector), so the signal that opens its inspector would kill it.`,
      fix: restartFix,
    };
  }
  const options = [...facts.argv.slice(1), ...splitNodeOptions(facts.nodeOptions ?? '')];
  if (options.includes('--disable-sigusr1')) {
    return {
      message: `Node.js process ${pid} runs with --disable-sigusr1, so SIGUSR1 would not open its inspector; what catches it is the program's own listener, which Thermograph will not trigger.`,
      fix: restartFix,
    };
  }
  const hosts = nonLoopbackInspectorHosts(options);
  if (hosts.length > 0) {
    return {
      message: `Node.js process ${pid} is configured to open its inspector on ${hosts[0]}, which other machines can reach; Thermograph will not open it there.`,
      fix: 'Restart it with --inspect-port=127.0.0.1:0 (or without an inspector host), or launch it from Thermograph.',
    };
  }
  if (facts.nodeOptions === null) {
    return {
      message: `Thermograph cannot read the environment of process ${pid}, so it cannot tell where its inspector would listen.`,
      fix: 'Run Thermograph as the user who owns the process, or as root.',
    };
  }
  if (!allowed) {
    return {
      message:
        `Node.js process ${pid} has no inspector open, and Thermograph cannot tell what SIGUSR1 would do to it: ` +
        "Node opens its inspector on SIGUSR1 only if the program has no SIGUSR1 listener of its own (process.on('SIGUSR1'), " +
        'common for log rotation or reload), which would run instead, and /proc shows only that the signal is caught, not by whom.',
      fix: `${restartFix} If you know the program has no SIGUSR1 listener, allow the signal: thermograph record --pid ${pid} --node-attach-signal.`,
    };
  }
  return null;
}

const restartFix =
  'Restart it with --inspect=127.0.0.1:0 (or NODE_OPTIONS=--inspect=127.0.0.1:0 when a script or npm starts it) and record it again: Thermograph uses an inspector it finds open, on any port. Or launch it from Thermograph.';

// A problem when this process may not signal `pid` (EPERM: another user's process).
function signalPermissionProblem(pid: Pid, ownerUid: number | null): ProfilerProblem | null {
  try {
    process.kill(pid, 0);
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  const owner = ownerUid === null ? 'another user' : `user ${userName(ownerUid)}`;
  return {
    message: `Process ${pid} belongs to ${owner}; Thermograph (running as ${currentUserName()}) is not allowed to signal it or open its inspector.`,
    fix: 'Run Thermograph as the user who owns the process, or as root.',
  };
}

// "[host:]port" or a bare host; IPv6 hosts come in brackets.
function hostOf(value: string): string | null {
  if (/^\d+$/.test(value)) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1]!;
  const colon = value.lastIndexOf(':');
  return colon < 0 ? value : value.slice(0, colon);
}
