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
import { describeHost } from './host';
import { launchCommand, terminate } from './launch';
import { Recording, type RecordingContext } from './recording';

/** Owns every recording in progress. */
export class RecordingManager {
  private readonly recordings = new Map<SessionId, Recording>();
  private readonly context: RecordingContext;
  private readonly defaultCwd: string;

  constructor(context: RecordingContext, defaultCwd: string) {
    this.context = context;
    this.defaultCwd = defaultCwd;
  }

  /** Starts recording a PID or a launched command; resolves once the session exists. */
  async start(params: StartRecordingParams): Promise<SessionSummary> {
    const { target } = params;
    let child: ChildProcess | null = null;
    let sampler: ResourceSampler | null;
    let description: TargetDescription;
    if (target.kind === 'pid') {
      const identity = readProcessIdentity(target.pid);
      sampler = createResourceSampler({ pid: target.pid, includeChildren: params.includeChildren });
      description = { kind: 'pid', pid: target.pid, ...identity };
    } else {
      const cwd = target.cwd ?? this.defaultCwd;
      child = await launchCommand({ argv: target.argv, cwd, env: target.env ?? {} });
      sampler = this.trySampler(child.pid!, params.includeChildren);
      const runtime = detectRuntime(child.spawnfile, target.argv);
      description = { kind: 'command', argv: target.argv, cwd, env: target.env ?? {}, pid: child.pid ?? null, runtime };
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
        },
        startedAt: this.context.now?.() ?? Date.now(),
      });
    } catch (error) {
      sampler?.close();
      if (child) await terminate(child);
      throw error;
    }
    const recording = new Recording({ session, sampler, child }, this.context);
    this.recordings.set(session.id, recording);
    recording.begin(() => this.recordings.delete(session.id));
    const started = this.context.store.getSession(session.id) ?? session;
    this.context.emit('sessionDidChange', started);
    return started;
  }

  /** Stops a recording in progress. */
  async stop(sessionId: SessionId, reason: EndReason = 'user-stopped'): Promise<SessionSummary> {
    const recording = this.recordings.get(sessionId);
    if (!recording) {
      const session = this.context.store.getSession(sessionId);
      if (!session)
        throw new ThermographError('not-found', `Session ${sessionId} does not exist; it may have been deleted.`);
      return session;
    }
    return recording.end(reason);
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
  const words = [basename(target.argv[0]!), ...target.argv.slice(1)].join(' ');
  return words.length > 80 ? `${words.slice(0, 79)}…` : words;
}
