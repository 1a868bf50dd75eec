// One `perf record -p PID` run and its `perf script` afterwards, shared by the perf profiler and
// the Python perf-trampoline profiler. perf writes a valid perf.data only when it ends on its own
// (the target exited) or on SIGINT, so stop() sends SIGINT and waits; SIGKILL only after a grace
// period, when the data is lost anyway. The perf process is kept in the LeftoverJournal while it
// runs, so an engine that crashes mid-recording ends it on its next start.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ThermographError } from '../../../src-shared/api/errors';
import type { Profile } from '../../../src-shared/profile/profile';
import { processExists } from '../../collectors/process-exists';
import { findDescendants } from '../../collectors/descendants';
import { guardChild } from '../../guardian/guardian';
import { PerfScriptParser, type PerfScriptOptions } from '../../import/perf-script';
import type { LeftoverJournal, ProfilerEvents, ProfilerOptions, ProfilerTarget, RunningProfiler } from '../profiler';
import { hardwareEventsWork, perfCommand, perfPrivileged, perfProblem, readPerfEventParanoid } from './perf-access';
import { perfLeftoverEntry, temporaryPrefix } from './perf-leftover';
import { LineAddresses, lineSkipReason, profileWithLines } from './perf-lines';

/** How perf unwinds stacks: frame pointers (cheap, needs -fno-omit-frame-pointer) or DWARF (copies 8 KiB of stack per sample). */
export type CallGraph = 'fp' | 'dwarf';

/** What differs between the perf-based profilers. */
export interface PerfRecordingSettings {
  callGraph: CallGraph;
  /** The profile's source tool ('perf', 'python-perf'). */
  tool: string;
}

// perf needs a moment to write its buffers after SIGINT; DWARF recordings are large.
const stopGraceMs = 20_000;
const startTimeoutMs = 5_000;
const scriptFields = 'comm,pid,tid,time,event,period,ip,sym,dso';

/** The `perf record` arguments for target processes (exported for tests and the doctor). */
export function perfRecordArguments(
  pids: readonly number[],
  hz: number,
  callGraph: CallGraph,
  event: string,
  output: string,
): string[] {
  return [
    'record',
    '-F',
    String(Math.max(1, Math.round(hz))),
    '-e',
    event,
    '--call-graph',
    callGraph,
    // CLOCK_MONOTONIC timestamps are the clock process.hrtime reads, so samples get wall-clock times.
    '-k',
    'CLOCK_MONOTONIC',
    // perf follows the children these processes fork from now on (inherited events).
    '-p',
    pids.join(','),
    '-o',
    output,
  ];
}

/**
 * The processes perf attaches to: the target and its descendants at this moment. perf follows the
 * children they fork from now on (inherited events), so the profile covers the target's process
 * tree whenever a child was forked: a shell wrapper or `npm run` has usually forked its worker
 * before perf (which takes up to a second to start) attaches.
 */
function profiledProcesses(target: ProfilerTarget): number[] {
  return [target.pid, ...findDescendants(target.pid)];
}

async function chooseEvent(): Promise<string> {
  const event = (await hardwareEventsWork()) ? 'cycles' : 'cpu-clock';
  // At paranoid 2 an unprivileged user may count user space only; asking for more fails.
  const paranoid = readPerfEventParanoid();
  return paranoid !== null && paranoid >= 2 && !perfPrivileged() ? `${event}:u` : event;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Starts `perf record` on the target; rejects with a ThermographError when perf cannot start. */
export async function startPerfRecording(
  target: ProfilerTarget,
  options: ProfilerOptions,
  events: ProfilerEvents,
  journal: LeftoverJournal,
  settings: PerfRecordingSettings,
): Promise<RunningProfiler> {
  const problem = await perfProblem();
  if (problem) throw new ThermographError('profiler-unavailable', `${problem.message} ${problem.fix}`);
  if (!processExists(target.pid)) {
    throw new ThermographError(
      'process-not-found',
      `Process ${target.pid} is not running, so perf cannot attach to it. Start it again and record.`,
    );
  }
  const directory = mkdtempSync(path.join(tmpdir(), temporaryPrefix));
  const output = path.join(directory, 'perf.data');
  const event = await chooseEvent();
  const perf = spawn(
    perfCommand,
    perfRecordArguments(profiledProcesses(target), options.samplingHz, settings.callGraph, event, output),
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  perf.stderr!.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-8192)));
  const exited = exitOf(perf);
  const spawnFailed = new Promise<Error>((resolve) => perf.once('error', resolve));
  // Killed with the engine, however the engine ends.
  const guarded = guardChild(perf);
  const cleanUp = (): void => {
    guarded.release();
    rmSync(directory, { recursive: true, force: true });
    // A launched Node.js or Python target leaves its JIT symbol map in /tmp; once it has exited
    // (and perf script has read the map) nobody needs it.
    if (target.launched && !processExists(target.pid))
      rmSync(path.join('/tmp', `perf-${target.pid}.map`), { force: true });
  };

  // perf writes its file header once it has opened the events; an exit before that is a failure.
  const started = Date.now();
  while (!(existsSync(output) && statSync(output).size > 0)) {
    const failure = await Promise.race([exited.then(() => 'exited' as const), spawnFailed, delay(20).then(() => null)]);
    if (failure !== null || Date.now() - started > startTimeoutMs) {
      perf.kill('SIGKILL');
      await exited;
      cleanUp();
      if (failure instanceof Error)
        throw new ThermographError(
          'profiler-unavailable',
          `perf could not be started (${failure.message}). Install it: sudo apt-get install linux-perf.`,
        );
      if (!processExists(target.pid))
        throw new ThermographError('process-not-found', `Process ${target.pid} exited before perf could attach to it.`);
      throw new ThermographError(
        'profiler-unavailable',
        `perf record could not attach to process ${target.pid}: ${stderr.trim() || 'it did not start within 5 s'}. Check \`thermograph doctor\`.`,
      );
    }
  }
  const entry = perfLeftoverEntry(perf.pid!, directory);
  const journalId = entry ? journal.remember(entry) : null;
  const epochOffset = Date.now() - Number(process.hrtime.bigint()) / 1e6;

  let stopping: Promise<Profile[]> | null = null;
  const stop = async (): Promise<Profile[]> => {
    try {
      if (perf.exitCode === null && perf.signalCode === null) {
        perf.kill('SIGINT');
        const timedOut = await Promise.race([exited.then(() => false), delay(stopGraceMs, true, { ref: false })]);
        if (timedOut) {
          perf.kill('SIGKILL');
          await exited;
          throw new ThermographError(
            'profiler-unavailable',
            `perf did not finish writing its data within ${stopGraceMs / 1000} s and was ended; the profile is lost. Record a shorter span or use a lower sampling frequency.`,
          );
        }
      }
      if (/lost \d+ chunks|Check IO\/CPU overload/i.test(stderr)) {
        events.warning(
          'perf lost some samples (it could not keep up): use a lower sampling frequency for a complete profile.',
        );
      }
      return [await readPerfData(output, epochOffset, options, settings, events)];
    } finally {
      if (journalId !== null) journal.forget(journalId);
      cleanUp();
    }
  };
  return {
    stop(): Promise<Profile[]> {
      stopping ??= stop();
      return stopping;
    },
  };
}

/** Runs `perf script` on a perf.data and streams its text into the parser. */
async function readPerfData(
  output: string,
  epochOffset: number,
  options: ProfilerOptions,
  settings: PerfRecordingSettings,
  events: ProfilerEvents,
): Promise<Profile> {
  if (!existsSync(output))
    throw new ThermographError(
      'profiler-unavailable',
      'perf wrote no data file. Check `thermograph doctor` and record again.',
    );
  const parserOptions: PerfScriptOptions = {
    epochOf: (seconds) => epochOffset + seconds * 1000,
    fallbackStartTime: Date.now(),
    requestedIntervalMs: 1000 / options.samplingHz,
    tool: settings.tool,
  };
  // The Python trampoline profiler's frames are the interpreter's: only native programs get lines.
  const addresses = settings.tool === 'perf' ? new LineAddresses() : null;
  const parser = new PerfScriptParser({ ...parserOptions, addresses: addresses?.add });
  const script = spawn(perfCommand, ['script', '-F', scriptFields, '-i', output], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  script.stderr!.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-4096)));
  const exited = exitOf(script);
  for await (const chunk of script.stdout!) {
    parser.push(chunk as Buffer);
    addresses?.keep(chunk as Buffer);
  }
  const code = await exited;
  const result = parser.finish();
  // Stopped while it was still starting (about a second here): perf left a header and no data.
  const stoppedStarting = /data size field is 0/i.test(stderr);
  if (code !== 0 && result.samples === 0 && stoppedStarting) {
    events.warning(
      'perf was stopped before it wrote any samples (it takes about a second to start): record for longer to get a profile.',
    );
    return result.profile;
  }
  if (code !== 0 && result.samples === 0 && !/no samples|zero-sized/i.test(stderr)) {
    throw new ThermographError(
      'profiler-unavailable',
      `perf script failed: ${stderr.trim().replace(/[.?!]$/, '')}. Check \`thermograph doctor\`.`,
    );
  }
  if (result.samples === 0) events.warning('perf recorded no samples: the target was idle or exited at once.');
  if (result.skippedLines > 0)
    events.warning(`perf script printed ${result.skippedLines} lines Thermograph could not read; they were skipped.`);
  if (addresses === null || result.samples === 0) return result.profile;
  const skipped = lineSkipReason(result);
  const lined =
    skipped === null ? await profileWithLines(output, scriptFields, parserOptions, result, addresses) : null;
  if (lined && 'profile' in lined) return lined.profile;
  const linesNote = skipped ?? (lined as { reason: string }).reason;
  return { ...result.profile, source: { ...result.profile.source, linesNote } };
}
