// `thermograph record`: one recording from the command line, with a live progress line on a
// terminal and a summary (or JSON) at the end. Ctrl-C stops and keeps what was recorded.

import {
  formatBytesRate,
  formatBytes,
  formatCountOf,
  formatDuration,
  formatPercent,
} from '../../src-shared/format/units';
import type { ResourceSample } from '../../src-shared/model/resource';
import type { SessionSummary } from '../../src-shared/model/session';
import type { Engine } from '../api/engine-types';
import type { RecordOptions } from './arguments';
import { sessionDetails } from './text';

/** Records until the duration elapses, the target exits, or Ctrl-C; returns the exit code. */
export async function runRecord(engine: Engine, options: RecordOptions & { json: boolean }): Promise<number> {
  const { api } = engine;
  // Ctrl-C is handled from before the recording starts: until a handler exists SIGINT kills the
  // process outright, and a launched command (in its own process group) would be left running.
  let sessionId: number | null = null;
  let interrupted = false;
  let interrupts = 0;
  const onInterrupt = () => {
    if (++interrupts > 1) process.exit(1);
    process.stderr.write('\nStopping…\n');
    if (sessionId === null) interrupted = true;
    else void api.stopRecording({ sessionId });
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  try {
    return await recordUntilEnd();
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }

  async function recordUntilEnd(): Promise<number> {
    const session = await api.startRecording({
      target: options.target.kind === 'pid' ? options.target : { kind: 'command', argv: options.target.argv },
      intervalMs: options.intervalMs,
      includeChildren: options.includeChildren,
      durationSeconds: options.durationSeconds,
      profiler: options.profiler,
      samplingHz: options.samplingHz,
      allocations: options.allocations,
      nodeAttachSignal: options.nodeAttachSignal,
      ...(options.sessionName ? { name: options.sessionName } : {}),
    });
    sessionId = session.id;
    const progress = process.stderr.isTTY && !options.json ? new ProgressLine(session) : null;
    if (!options.json)
      process.stderr.write(`Recording session ${session.id} (${session.name}); press Ctrl-C to stop.\n`);
    const finished = new Promise<SessionSummary>((resolveFinished) => {
      engine.subscribe((event, payload) => {
        if (event === 'samplesAvailable' && (payload as { sessionId: number }).sessionId === session.id) {
          progress?.update((payload as { samples: ResourceSample[] }).samples);
        } else if (event === 'recordingDidWarn' && (payload as { sessionId: number }).sessionId === session.id) {
          process.stderr.write(`\nwarning: ${(payload as { message: string }).message}\n`);
        } else if (event === 'sessionDidChange') {
          const changed = payload as SessionSummary;
          if (changed.id === session.id && changed.status === 'ended') resolveFinished(changed);
        }
      });
    });
    // A Ctrl-C that came while the recording was starting stops it now that its end is awaited.
    if (interrupted) void api.stopRecording({ sessionId: session.id });
    const ended = await finished;
    progress?.clear();
    const statistics = await api.getStatistics({ sessionId: ended.id });
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ schemaVersion: 1, session: ended, statistics })}\n`);
    } else {
      process.stdout.write(`${sessionDetails(ended, statistics)}\n`);
    }
    const stored = await api.getSession({ sessionId: ended.id });
    if (stored.status !== 'ended') {
      process.stderr.write(
        'thermograph: the end of this session could not be saved (the database refuses writes). The samples written before are kept; the session will be closed as recovered-after-crash the next time Thermograph opens this database.\n',
      );
      return 1;
    }
    return ended.endReason === 'error' ? 1 : 0;
  }
}

class ProgressLine {
  private readonly startedAt: number;
  private count = 0;

  constructor(session: SessionSummary) {
    this.startedAt = session.startedAt;
  }

  update(samples: ResourceSample[]): void {
    this.count += samples.length;
    const last = samples[samples.length - 1];
    if (!last) return;
    const cpu = (last.cpuUser ?? 0) + (last.cpuSystem ?? 0);
    const text = `  ${formatDuration(last.time - this.startedAt)} · ${formatCountOf(this.count, 'sample')} · CPU ${formatPercent(cpu)} · RSS ${formatBytes(last.rss)} · read ${formatBytesRate(last.readBytesRate)} · write ${formatBytesRate(last.writeBytesRate)}`;
    process.stderr.write(`\r\x1b[2K${text.slice(0, (process.stderr.columns || 120) - 1)}`);
  }

  clear(): void {
    process.stderr.write('\r\x1b[2K');
  }
}
