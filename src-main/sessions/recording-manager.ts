// Starts and stops recordings. Target checks (the PID exists, the command resolves, the folder
// exists) all run before a session is created, so a bad request leaves nothing behind.

import type { ChildProcess } from 'node:child_process';
import { basename } from 'node:path';
import { ThermographError } from '../../src-shared/api/errors';
import type { StartRecordingParams } from '../../src-shared/api/params';
import type { EndReason, SessionSummary, TargetDescription } from '../../src-shared/model/session';
import type { SessionId } from '../../src-shared/units';
import { createResourceSampler, type ResourceSampler } from '../collectors/resource-sampler';
import { readProcessIdentity } from '../collectors/process-list';
import { detectRuntime } from '../collectors/runtime-detection';
import { isRecorderRunning } from '../store/recorder-identity';
import { describeHost } from './host';
import { launchCommand, terminate } from './launch';
import { presetLaunch } from '../recommend/actions/launch-preset';
import { samplingLimits, type ProfilerChoice } from '../../src-shared/profile/formats';
import type { ProfilerTarget } from '../profilers/profiler';
import type { ProfilerChoiceResult } from '../profilers/choose';
import { SessionProfiling } from './profiling';
import { Recording, type RecordingContext } from './recording';
import { parseAlertRules } from '../analysis/watch/alert-rule-parser';
import { baselineTargetKey } from '../../src-shared/model/baseline-target';
import type { AlertRule, DetectorStatus } from '../../src-shared/model/watch';

/** Picks the profiler for a target (profilers/choose.ts); injected so tests can pick directly. */
export type ProfilerChooser = (choice: ProfilerChoice, target: ProfilerTarget) => Promise<ProfilerChoiceResult>;

/** A recording just started, and its end: resolves once it has ended (saved, or said why not). */
export interface StartedRecording {
  session: SessionSummary;
  ended: Promise<SessionSummary>;
}

/** Owns every recording in progress. */
export class RecordingManager {
  private readonly recordings = new Map<SessionId, Recording>();
  private readonly context: RecordingContext;
  private readonly defaultCwd: string;

  constructor(
    context: RecordingContext,
    defaultCwd: string,
    private readonly chooseProfiler: ProfilerChooser,
  ) {
    this.context = {
      ...context,
      sharedProcess: () => this.recordings.size > 1 || (context.sharedProcess?.() ?? false),
    };
    this.defaultCwd = defaultCwd;
  }

  /** Starts recording a PID or a launched command; resolves once the session exists. */
  async start(params: StartRecordingParams): Promise<SessionSummary> {
    return (await this.startRun(params)).session;
  }

  /** Starts a recording like start(), and also hands over its end, for a caller that waits for it (a series). */
  async startRun(params: StartRecordingParams): Promise<StartedRecording> {
    const { target } = params;
    // Checked before anything starts, so a bad rule leaves nothing behind.
    const alertRules = params.alertRules && parseAlertRules(params.alertRules, params.alertCooldownMs);
    let child: ChildProcess | null = null;
    let sampler: ResourceSampler | null;
    let description: TargetDescription;
    let profiling: SessionProfiling | null;
    let presetNote: string | null = null;
    const profilerTarget = (pid: number, launched: boolean, runtime: ProfilerTarget['runtime'], argv: string[]) => ({
      pid,
      launched,
      runtime,
      argv,
      attachSignal: params.nodeAttachSignal,
    });
    if (target.kind === 'pid') {
      const identity = readProcessIdentity(target.pid);
      sampler = createResourceSampler({ pid: target.pid, includeChildren: params.includeChildren });
      description = { kind: 'pid', pid: target.pid, ...identity };
      const argv = identity.commandLine.split(' ').filter(Boolean);
      profiling = await this.profilingFor(params, profilerTarget(target.pid, false, identity.runtime, argv));
    } else {
      const cwd = target.cwd ?? this.defaultCwd;
      const runtime = detectRuntime('', target.argv);
      profiling = await this.profilingFor(params, profilerTarget(0, true, runtime, target.argv));
      // Before the profiler's flag, so NODE_OPTIONS holds the preset's options and then the inspector's.
      const preset = presetLaunch(this.context.store, target.argv, cwd, target.env ?? {});
      const plan = profiling?.prepareLaunch({ argv: target.argv, env: preset.env }) ?? {
        argv: target.argv,
        env: preset.env,
      };
      child = await launchCommand({ argv: plan.argv, cwd, env: plan.env });
      const problem = preset.afterSpawn(child.pid!);
      presetNote = preset.note && (problem ? `${preset.note} ${problem}` : preset.note);
      sampler = this.trySampler(child.pid!, params.includeChildren);
      description = {
        kind: 'command',
        argv: target.argv,
        cwd,
        env: target.env ?? {},
        pid: child.pid ?? null,
        runtime: detectRuntime(child.spawnfile, target.argv),
      };
    }
    let session: SessionSummary;
    try {
      session = this.context.store.createSession({
        name: params.name ?? defaultName(description),
        target: description,
        host: describeHost(),
        settings: {
          intervalMs: params.intervalMs,
          includeChildren: params.includeChildren,
          durationMs: params.durationSeconds === null ? null : params.durationSeconds * 1000,
          profiler: params.profiler,
          samplingHz: params.samplingHz,
          allocations: params.allocations,
          alertRules: alertRules ?? this.context.store.targetAlertDefaults(baselineTargetKey(description)),
          anomalyDetection: params.anomalyDetection,
        },
        startedAt: this.context.now?.() ?? Date.now(),
      });
      if (params.tags.length > 0) session = this.context.store.setTags(session.id, [...new Set(params.tags)]);
      if (profiling) session = profiling.attach(session.id, this.context.store);
      if (presetNote)
        this.context.store.addMarker(session.id, { time: session.startedAt, kind: 'note', message: presetNote });
    } catch (error) {
      sampler?.close();
      if (child) await terminate(child);
      throw error;
    }
    const recording = new Recording({ session, sampler, child, profiling }, this.context);
    this.recordings.set(session.id, recording);
    const ended = new Promise<SessionSummary>((resolveEnded) =>
      recording.begin((summary) => {
        this.recordings.delete(session.id);
        resolveEnded(summary);
      }),
    );
    if (profiling && (description.kind === 'pid' || description.pid !== null)) {
      const argv = description.kind === 'command' ? description.argv : [];
      profiling.start({
        pid: description.pid!,
        launched: description.kind === 'command',
        runtime: description.runtime,
        argv,
        attachSignal: params.nodeAttachSignal,
      });
    }
    const started = this.context.store.getSession(session.id) ?? session;
    this.context.emit('sessionDidChange', started);
    return { session: started, ended };
  }

  /**
   * Stops a recording in progress. A session another live Thermograph records is refused with
   * `busy`: this engine has nothing of it to stop, and answering "stopped" would be a lie.
   */
  async stop(sessionId: SessionId, reason: EndReason = 'user-stopped'): Promise<SessionSummary> {
    const recording = this.recordings.get(sessionId);
    if (!recording) {
      this.refuseIfRecordedElsewhere(sessionId, 'its end then shows here within a few seconds');
      const session = this.context.store.getSession(sessionId);
      if (!session)
        throw new ThermographError('not-found', `Session ${sessionId} does not exist; it may have been deleted.`);
      return session;
    }
    return recording.end(reason);
  }

  /**
   * Throws `busy` when another Thermograph process that still runs records the session; `then` says
   * what the user can do once it stopped there. A session whose recorder died is recovered (ended at
   * its last sample) first, so it is never refused.
   */
  refuseIfRecordedElsewhere(sessionId: SessionId, then: string): void {
    const { store } = this.context;
    if (this.isRecording(sessionId) || store.getSession(sessionId)?.status !== 'recording') return;
    store.recoverInterruptedSessions();
    if (store.getSession(sessionId)?.status !== 'recording') return;
    const pid = store.recorderOf(sessionId)?.pid;
    const recorder = pid === undefined ? 'another Thermograph process' : `another Thermograph process (PID ${pid})`;
    throw new ThermographError(
      'busy',
      `Session ${sessionId} is being recorded by ${recorder}, not by this one. Stop the recording there (Ctrl-C in the terminal running it, or Stop in its window); ${then}.`,
    );
  }

  /** The summary as this engine sees it: marked when another Thermograph process that still runs records it. */
  withRecorder(session: SessionSummary): SessionSummary {
    if (session.status !== 'recording' || this.isRecording(session.id)) return session;
    const recorder = this.context.store.recorderOf(session.id);
    // A recorder that died (SIGKILL, a crash) stops nobody: Stop here recovers its session instead.
    if (recorder === null || !isRecorderRunning(recorder)) return session;
    return { ...session, recordedElsewhere: { pid: recorder.pid } };
  }

  /** Replaces a recording's alert rules and anomaly switch (stored by the caller); false when not recording here. */
  updateWatch(sessionId: SessionId, rules: readonly AlertRule[], anomalyDetection: boolean): boolean {
    const recording = this.recordings.get(sessionId);
    recording?.updateWatch(rules, anomalyDetection);
    return recording !== undefined;
  }

  /** A recording's anomaly detectors' states; none when it is not recorded by this engine. */
  detectorStatuses(sessionId: SessionId): DetectorStatus[] {
    return this.recordings.get(sessionId)?.detectorStatuses() ?? [];
  }

  /** Writes a recording's buffered samples and output, if it is in progress. */
  flush(sessionId: SessionId): void {
    this.recordings.get(sessionId)?.flushNow();
  }

  /** True while the session is being recorded. */
  isRecording(sessionId: SessionId): boolean {
    return this.recordings.has(sessionId);
  }

  /** Stops every recording (engine shutdown). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.recordings.values()].map((recording) => recording.end('user-stopped')));
  }

  /** The profiling of a new recording, or null when the user asked for none. */
  private async profilingFor(params: StartRecordingParams, target: ProfilerTarget): Promise<SessionProfiling | null> {
    if (params.profiler === 'none') return null;
    const choice = await this.chooseProfiler(params.profiler, target);
    const defaultHz = choice.name === 'node' ? samplingLimits.defaultNodeHz : samplingLimits.defaultPerfHz;
    return new SessionProfiling(
      choice,
      { samplingHz: params.samplingHz ?? defaultHz, allocations: params.allocations },
      this.context.emit,
    );
  }

  private trySampler(pid: number, includeChildren: boolean): ResourceSampler | null {
    try {
      return createResourceSampler({ pid, includeChildren });
    } catch (error) {
      // A command that exits within milliseconds is a valid target: its session keeps its output.
      if (error instanceof ThermographError && error.code === 'process-not-found') return null;
      throw error;
    }
  }
}

function defaultName(target: TargetDescription): string {
  if (target.kind === 'pid') return `${target.name} (PID ${target.pid})`;
  if (target.kind === 'file') return basename(target.path);
  return commandName(target.argv);
}

/** The name a launched command's session gets when none is given: the program's file name and its arguments. */
export function commandName(argv: readonly string[]): string {
  const words = [basename(argv[0]!), ...argv.slice(1)].join(' ');
  return words.length > 80 ? `${words.slice(0, 79)}…` : words;
}
