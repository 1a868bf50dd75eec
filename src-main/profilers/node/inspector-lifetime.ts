// Opening and closing a target's inspector. What Thermograph opens it closes (on stop, on detach,
// and after a crash through the leftover journal); an inspector that was already open is only
// connected to and left as it was found.

import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { ThermographError } from '../../../src-shared/api/errors';
import type { Pid } from '../../../src-shared/units';
import { parseProcessStat } from '../../collectors/proc/parse-process-stat';
import { processExists } from '../../collectors/process-exists';
import type { LeftoverEntry, LeftoverJournal, ProfilerTarget } from '../profiler';
import { attachProblem, readNodeTargetFacts } from './attach-checks';
import { CdpClient } from './cdp-client';
import {
  findInspector,
  listeningSockets,
  waitForInspector,
  waitUntilClosed,
  type FoundInspector,
} from './inspector-discovery';

/** A connected inspector and whether Thermograph must close it. */
export interface InspectorConnection {
  client: CdpClient;
  port: number;
  /** The address it listens on, as /proc reports it ("127.0.0.1", "0.0.0.0", "::"). */
  address: string;
  /** True when Thermograph opened it (launch flag or SIGUSR1), so it must close it again. */
  openedByUs: boolean;
  /** The journal entry to forget once closed; null when nothing was recorded. */
  journalId: number | null;
}

// A launched Node opens its inspector before running any user code; SIGUSR1 is served within
// milliseconds unless the main thread is blocked, when the signal waits for the next interrupt.
const launchTimeoutMs = 10_000;
const signalTimeoutMs = 5_000;
const defaultInspectorPort = 9229;

/** Connects to the target's inspector, opening it first when needed (see attach-checks.ts). */
export async function connectToInspector(
  target: ProfilerTarget,
  journal: LeftoverJournal,
): Promise<InspectorConnection> {
  const { pid } = target;
  if (!processExists(pid))
    throw new ThermographError('process-not-found', `Process ${pid} has exited; there is nothing to profile.`);
  if (target.launched) {
    const found = await waitForInspector(pid, launchTimeoutMs, () => !processExists(pid));
    if (!found) throw notFound(pid, processExists(pid));
    const journalId = journal.remember(leftoverEntry(pid, found.port));
    return { ...(await connect(found, pid)), openedByUs: true, journalId };
  }
  const existing = await findInspector(pid);
  if (existing) return { ...(await connect(existing, pid)), openedByUs: false, journalId: null };
  const problem = attachProblem(pid, readNodeTargetFacts(pid), target.attachSignal === true);
  if (problem) throw new ThermographError('profiler-unavailable', `${problem.message} ${problem.fix}`);
  // Journalled before the signal, so a crash between the two still leaves a note to clean up.
  let journalId = journal.remember(leftoverEntry(pid, 0));
  process.kill(pid, 'SIGUSR1');
  const found = await waitForInspector(pid, signalTimeoutMs, () => !processExists(pid));
  if (!found) {
    journal.forget(journalId);
    throw notFoundAfterSignal(pid, processExists(pid));
  }
  const withPort = journal.remember(leftoverEntry(pid, found.port));
  journal.forget(journalId);
  journalId = withPort;
  return { ...(await connect(found, pid)), openedByUs: true, journalId };
}

/**
 * Closes an inspector Thermograph opened and disconnects; true when its port stopped listening
 * (or the process is gone). A target waiting for the debugger to disconnect at exit is only
 * disconnected, which lets it exit.
 */
export async function closeInspector(
  client: CdpClient,
  pid: Pid,
  port: number,
  targetExiting: boolean,
): Promise<boolean> {
  if (client.open && !targetExiting) {
    // process._debugEnd() stops the inspector's server at once, even while JavaScript is busy, and
    // drops this connection before it can answer. inspector.close() (public, but it waits for the
    // event loop and for every session to end) is the fallback should _debugEnd ever disappear.
    client.sendWithoutReply('Runtime.evaluate', {
      expression:
        "typeof process._debugEnd === 'function' ? process._debugEnd() : (r => void setTimeout(() => r('inspector').close(), 0))(require)",
      includeCommandLineAPI: true,
    });
    await Promise.race([client.closed, delay(1_000)]);
  }
  await client.close();
  if (!processExists(pid)) return true;
  return targetExiting || waitUntilClosed(pid, port, 3_000);
}

/** Closes an inspector a crashed Thermograph left open, if that process still runs; for engine start-up. */
export async function cleanUpNodeLeftover(entry: LeftoverEntry): Promise<void> {
  if (entry.kind !== 'inspector' || startTicksOf(entry.pid) !== entry.startTicks) return;
  const found = await findInspector(entry.pid);
  if (!found) return;
  const client = await CdpClient.connect(found.webSocketUrl);
  if (!(await closeInspector(client, entry.pid, found.port, false))) {
    throw new ThermographError(
      'profiler-unavailable',
      `The inspector Thermograph opened in process ${entry.pid} (port ${found.port}) is still open. End or restart that process to close it.`,
    );
  }
}

async function connect(found: FoundInspector, pid: Pid): Promise<{ client: CdpClient; port: number; address: string }> {
  try {
    return { client: await CdpClient.connect(found.webSocketUrl), port: found.port, address: found.address };
  } catch (error) {
    throw new ThermographError(
      'profiler-unavailable',
      `Could not connect to the inspector of process ${pid} on port ${found.port}: ${(error as Error).message} Check that no firewall blocks loopback connections, then try again.`,
    );
  }
}

function leftoverEntry(pid: Pid, port: number): LeftoverEntry {
  return { kind: 'inspector', pid, startTicks: startTicksOf(pid) ?? -1, detail: { port } };
}

function startTicksOf(pid: Pid): number | null {
  try {
    return parseProcessStat(readFileSync(`/proc/${pid}/stat`, 'latin1'))?.startTicks ?? null;
  } catch {
    return null;
  }
}

function notFound(pid: Pid, alive: boolean): ThermographError {
  if (!alive)
    return new ThermographError('process-not-found', `Process ${pid} exited before its inspector could be reached.`);
  if (!canReadDescriptors(pid)) {
    return new ThermographError(
      'profiler-unavailable',
      `Thermograph may not read /proc/${pid}/fd, so it cannot find the inspector port of process ${pid}. Run Thermograph as the user who owns the process, or as root.`,
    );
  }
  const portTaken = listeningSockets(pid).length === 0 && isPortInUse(defaultInspectorPort);
  const reason = portTaken
    ? `port ${defaultInspectorPort}, where SIGUSR1 opens it, is already in use by another program`
    : 'it did not open one in time (its main thread may be blocked, or the inspector is disabled)';
  return new ThermographError(
    'profiler-unavailable',
    `Thermograph could not find the inspector of Node.js process ${pid}: ${reason}. Restart it with --inspect=127.0.0.1:0, or launch it from Thermograph.`,
  );
}

// The user allowed SIGUSR1 and no inspector came: most likely the program's own listener ran.
function notFoundAfterSignal(pid: Pid, alive: boolean): ThermographError {
  const listener = "the program's own SIGUSR1 listener (process.on('SIGUSR1')) ran instead of Node's inspector";
  const fix =
    'Start it with --inspect=127.0.0.1:0 (or NODE_OPTIONS=--inspect=127.0.0.1:0) to profile it without a signal.';
  if (!alive) {
    return new ThermographError(
      'process-not-found',
      `Process ${pid} exited after the SIGUSR1 that --node-attach-signal allowed: ${listener} and ended it, most likely. ${fix}`,
    );
  }
  if (canReadDescriptors(pid) && !(listeningSockets(pid).length === 0 && isPortInUse(defaultInspectorPort))) {
    return new ThermographError(
      'profiler-unavailable',
      `Node.js process ${pid} opened no inspector within ${signalTimeoutMs / 1000} s of the SIGUSR1 that --node-attach-signal allowed: ${listener}, or its main thread is blocked. ${fix}`,
    );
  }
  return notFound(pid, true);
}

function canReadDescriptors(pid: Pid): boolean {
  try {
    readdirSync(`/proc/${pid}/fd`);
    return true;
  } catch {
    return false;
  }
}

function isPortInUse(port: number): boolean {
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'latin1');
    } catch {
      continue; // no IPv6
    }
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (columns[3] === '0A' && Number.parseInt(columns[1]?.split(':')[1] ?? '', 16) === port) return true;
    }
  }
  return false;
}
