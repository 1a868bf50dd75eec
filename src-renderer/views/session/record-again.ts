// "Record again": a new session of the same target with the same settings. A launched command is
// launched again as it was (argv, folder, added variables); a running process is recorded again only
// while the same program still has that PID, since a PID is reused once its process is gone.

import type { StartRecordingInput } from '../../../src-shared/api/params';
import type { ProcessInfo } from '../../../src-shared/model/process';
import type { SessionSummary } from '../../../src-shared/model/session';

/** What recording again needs: the params to start it, or why it cannot start as it was. */
export type RecordAgain =
  | { kind: 'start'; params: StartRecordingInput }
  | { kind: 'pick'; message: string }
  | { kind: 'unavailable'; message: string };

/** How `session` was recorded, as start params without the target and name. */
export function recordedSettings(session: SessionSummary) {
  const settings = session.settings;
  return {
    intervalMs: settings.intervalMs,
    includeChildren: settings.includeChildren,
    durationSeconds: settings.durationMs === null ? null : settings.durationMs / 1000,
    profiler: settings.profiler,
    samplingHz: settings.samplingHz,
    allocations: settings.allocations,
    tags: session.tags,
  } satisfies Omit<StartRecordingInput, 'target' | 'name'>;
}

/** The same settings as `session`, for its target as now found in `processes` (only read for a PID). */
export function recordAgain(session: SessionSummary, processes: readonly ProcessInfo[]): RecordAgain {
  const { target } = session;
  // The same name: the runs of one target then read as one series in the list and in Compare.
  const common = { ...recordedSettings(session), name: session.name };
  if (target.kind === 'command') {
    return {
      kind: 'start',
      params: { ...common, target: { kind: 'command', argv: target.argv, cwd: target.cwd, env: target.env } },
    };
  }
  if (target.kind === 'file') {
    return { kind: 'unavailable', message: 'An imported profile has no program to record again: import a new file.' };
  }
  const same = processes.find((process) => process.pid === target.pid && process.commandLine === target.commandLine);
  if (!same) {
    return {
      kind: 'pick',
      message: `${target.name} (PID ${target.pid}) is no longer running: pick the process again, or launch it as a command.`,
    };
  }
  return { kind: 'start', params: { ...common, target: { kind: 'pid', pid: target.pid } } };
}
