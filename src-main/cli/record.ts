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

/**
 * Records until the duration elapses, the target exits, or Ctrl-C; returns the exit code. With
 * --repeat or --warmup, records the launched command that many times in a row, one session a run
 * under one name (a series `thermograph compare` takes by that name); warm-up runs are deleted.
 */
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
    return options.repeat > 1 || options.warmup > 0 ? await recordSeries() : await recordUntilEnd(null);
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }

  /** The runs one after another: a run starts only when the one before has ended. */
  async function recordSeries(): Promise<number> {
    const total = options.warmup + options.repeat;
    const kept: SessionSummary[] = [];
    for (let run = 1; run <= total && !interrupted; run++) {
      const warmUp = run <= options.warmup;
      const label = warmUp
        ? `Warm-up run ${run} of ${options.warmup}`
        : `Run ${run - options.warmup} of ${options.repeat}`;
      sessionId = null;
      const ended = await recordOne(label);
      if (!ended) return 1;
      if (warmUp) await api.deleteSession({ sessionId: ended.id });
      else kept.push(ended);
      if (ended.endReason === 'error') return 1;
      if (ended.endReason === 'user-stopped') break;
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ schemaVersion: 1, series: kept[0]?.name ?? null, sessions: kept })}\n`);
    } else if (kept.length > 0) {
      const name = kept[0]!.name;
      process.stdout.write(
        `Recorded ${formatCountOf(kept.length, 'run')} as "${name}" (sessions ${kept.map((session) => session.id).join(', ')}).\n` +
          `Compare them with another series: thermograph compare "${name}" OTHER\n`,
      );
    }
    return kept.length === options.repeat ? 0 : 1;
  }

  async function recordUntilEnd(label: string | null): Promise<number> {
    const ended = await recordOne(label);
    if (!ended) return 1;
    const statistics = await api.getStatistics({ sessionId: ended.id });
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ schemaVersion: 1, session: ended, statistics })}\n`);
    } else {
      process.stdout.write(`${sessionDetails(ended, statistics)}\n`);
    }
    return ended.endReason === 'error' ? 1 : 0;
  }

  /** One recording to its end; null when its end could not be saved (said on stderr). */
  async function recordOne(label: string | null): Promise<SessionSummary | null> {
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
      process.stderr.write(
        `${label ? `${label}: recording` : 'Recording'} session ${session.id} (${session.name}); press Ctrl-C to stop.\n`,
      );
    let unsubscribe = () => {};
    const finished = new Promise<SessionSummary>((resolveFinished) => {
      unsubscribe = engine.subscribe((event, payload) => {
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
    unsubscribe();
    progress?.clear();
    const stored = await api.getSession({ sessionId: ended.id });
    if (stored.status !== 'ended') {
      process.stderr.write(
        'thermograph: the end of this session could not be saved (the database refuses writes). The samples written before are kept; the session will be closed as recovered-after-crash the next time Thermograph opens this database.\n',
      );
      return null;
    }
    return ended;
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
