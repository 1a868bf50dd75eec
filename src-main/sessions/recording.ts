// One recording in progress: samples a target on a steady clock, keeps samples and output in memory,
// writes them to the store in one batch every second (a crash loses at most the last second),
// pushes live events, and ends exactly once, for whichever reason comes first.
// Below one sample a second the clock is the reading pump (reading-pump.ts), which reads the files
// and hands a second of readings over at once; otherwise, or where the pump is not built, a
// Node.js interval timer. Samples are flushed when the last flush is a second old, and output arms
// a one-shot flush when it arrives, so an idle recording wakes only for its clock (a wakeup is a
// large part of the cost of a 10 Hz recording).
// Every thread of the target is read on a slower clock of its own (at most once a second, whatever
// the sample interval: see threadIntervalMs), piggybacking on the sample ticks, and written with the
// samples.

import type { ChildProcess } from 'node:child_process';
import { ThermographError } from '../../src-shared/api/errors';
import type { ResourceSample } from '../../src-shared/model/resource';
import type { EndReason, OutputChunk, SessionMarker, SessionSummary } from '../../src-shared/model/session';
import type { EpochMilliseconds, SessionId } from '../../src-shared/units';
import type { ApiEventListener as EngineListener } from '../../src-shared/api/contract';
import type { ResourceSampler } from '../collectors/resource-sampler';
import { createThreadSampler, type ThreadSampler } from '../collectors/thread-sampler';
import type { ThreadIdentity, ThreadSample } from '../../src-shared/diagnosis/threads';
import type { SessionStore } from '../store/session-store';
import { describeExit, OutputCollector } from './output';
import type { SessionProfiling } from './profiling';
import { terminate } from './launch';
import { runMetricColumns, runMetrics } from '../analysis/compare/run-metrics';
import { readingPumpExecutable } from '../app-root';
import { ReadingPump, type PumpTick } from './reading-pump';
import {
  describeStop,
  endMessage,
  isSessionGone,
  profilerStopLimitMs,
  recordingOverhead,
  withTimeout,
} from './recording-end';
import { alertHandOver } from './alert-hand-over';
import { decisionSlackMs, RecordingWatch } from './recording-watch';
import type { AlertRule, DetectorStatus } from '../../src-shared/model/watch';

/** How often buffered samples and output are written; the crash-loss bound. */
export const flushIntervalMs = 1_000;
/** How often the reading pump hands its readings over; recordings at this interval or slower use a timer. */
const pumpBatchMs = 1_000;
/** Samples kept in memory while the disk refuses writes, before the oldest are dropped. */
const maximumBufferedSamples = 1_000_000;
/**
 * How often every thread is read. Ticks are taken as due from 0.9 s on: a tick a hair under a second
 * after the last reading (timer jitter, a pump batch taken in early) would otherwise wait a whole
 * second more.
 */
const threadIntervalMs = 1_000;
const threadDueMs = threadIntervalMs * 0.9;
/** Thread readings kept in memory while the disk refuses writes, before the oldest are dropped. */
const maximumBufferedThreadSamples = 3_600;
/** How often a recording whose end could not be saved tries again, while the engine runs. */
const saveRetryMs = 5_000;

/** What a recording needs from the engine. */
export interface RecordingContext {
  store: SessionStore;
  emit: EngineListener;
  now?: () => EpochMilliseconds;
  /** True when the process does other work besides this recording (other recordings, a UI): its cost is shared. */
  sharedProcess?: () => boolean;
}

/** The parts of a recording chosen when it starts. */
export interface RecordingSetup {
  session: SessionSummary;
  /** Null when the target was gone before the first sample could be taken. */
  sampler: ResourceSampler | null;
  child: ChildProcess | null;
  /** The runtime profiler's side of the recording; null when none was asked for. */
  profiling: SessionProfiling | null;
}

/** A live recording; create it through RecordingManager. */
export class Recording {
  readonly sessionId: SessionId;
  private readonly context: RecordingContext;
  private readonly now: () => EpochMilliseconds;
  private readonly sampler: ResourceSampler | null;
  /** Null without /proc, when the target was gone at once, or with THERMOGRAPH_THREAD_SAMPLING=off (for the bench). */
  private readonly threadSampler: ThreadSampler | null;
  private threadSamples: ThreadSample[] = [];
  private threadIdentities: ThreadIdentity[] = [];
  private threadsReadAt = Number.NEGATIVE_INFINITY;
  private readonly child: ChildProcess | null;
  private readonly profiling: SessionProfiling | null;
  private readonly settings: SessionSummary['settings'];
  /** The session as created, for a summary when the store can no longer provide one. */
  private readonly started: SessionSummary;
  private readonly output: OutputCollector | null;
  /** Alert rules and anomaly detectors over the samples as they are announced. */
  private readonly watch: RecordingWatch;
  private samples: ResourceSample[] = [];
  private markers: SessionMarker[] = [];
  private saveRetry: NodeJS.Timeout | null = null;
  private tickTimer: NodeJS.Timeout | null = null;
  private pump: ReadingPump | null = null;
  /** Asks the pump for its readings when a held alert rule is due (see alert-hand-over.ts). */
  private decisionTimer: NodeJS.Timeout | null = null;
  private decisionAt: number | null = null;
  /** The process's CPU time and the monotonic clock when the recording started, for its overhead. */
  private readonly cpuAtStart = process.cpuUsage();
  private readonly startedAtMonotonic = performance.now();
  /** The reading pump's CPU time, read just before it is closed. */
  private pumpCpuMs = 0;
  /** Set while the pump's last readings are taken in, after the end began. */
  private draining = false;
  /** Set once a sample found the target gone: later readings are of nothing. */
  private targetGone = false;
  /**
   * When a sample found a PID target gone: its end. From the pump that reading can be up to a batch
   * older than the moment it was taken in.
   */
  private targetGoneAt: EpochMilliseconds | null = null;
  /** A one-shot flush armed by arriving output. */
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  /** When older samples were last folded into the downsampled tier (store/retention.ts): at most once a minute. */
  private downsampledAt = performance.now();
  private durationTimer: NodeJS.Timeout | null = null;
  private ending: Promise<SessionSummary> | null = null;
  private lastWarningAt = Number.NEGATIVE_INFINITY;
  private lostSamples = 0;
  /** The time of the last sample taken, so the one at the stop comes after it. */
  private lastSampleAt = Number.NEGATIVE_INFINITY;
  /** Set once a sample had a CPU rate. */
  private rated = false;
  /** Set when the session was deleted (by another process) while this recording ran. */
  private gone = false;
  private onEnd: (summary: SessionSummary) => void = () => undefined;

  constructor(setup: RecordingSetup, context: RecordingContext) {
    this.sessionId = setup.session.id;
    this.context = context;
    this.now = context.now ?? Date.now;
    this.sampler = setup.sampler;
    this.threadSampler =
      setup.sampler === null || process.env.THERMOGRAPH_THREAD_SAMPLING === 'off'
        ? null
        : createThreadSampler({ pid: setup.sampler.pid, includeChildren: setup.session.settings.includeChildren });
    this.child = setup.child;
    this.profiling = setup.profiling;
    this.settings = setup.session.settings;
    this.started = setup.session;
    this.output = setup.child
      ? new OutputCollector(setup.child, this.now, () => this.scheduleFlush(), this.profiling?.stderrFilter())
      : null;
    this.watch = new RecordingWatch(this.sessionId, setup.session.settings, context.emit);
  }

  /** Replaces the alert rules and the anomaly switch while recording (the caller has stored them). */
  updateWatch(rules: readonly AlertRule[], anomalyDetection: boolean): void {
    this.watch.update(rules, anomalyDetection);
    this.handOverFor(rules);
  }

  /** The anomaly detectors' states (none while anomaly detection is off). */
  detectorStatuses(): DetectorStatus[] {
    return this.watch.statuses();
  }

  /** Takes the first sample at once and starts the timers; `onEnd` runs once, when it has ended. */
  begin(onEnd: (summary: SessionSummary) => void): void {
    this.onEnd = onEnd;
    if (this.child) {
      this.child.once('exit', () => {
        this.markers.push({
          time: this.now(),
          kind: 'target-exited',
          message: `The command ${describeExit(this.child!)}.`,
        });
        void this.end('target-exited');
      });
    }
    const { durationMs } = this.settings;
    if (durationMs) this.durationTimer = setTimeout(() => void this.end('duration-elapsed'), durationMs);
    if (!this.sampler) {
      // The target exited before it could be sampled: a launched command still reports its exit.
      if (!this.child) void this.end('target-exited', 'The process exited before the first sample.');
      return;
    }
    this.tick();
    this.startClock();
  }

  /** The reading pump below a sample a second where it is built, else the timer. */
  private startClock(): void {
    const executable = this.settings.intervalMs < pumpBatchMs ? readingPumpExecutable() : null;
    if (executable === null || this.ending) {
      this.startTimer();
      return;
    }
    const { intervalMs, alertRules } = this.settings;
    this.pump = new ReadingPump(executable, intervalMs, pumpBatchMs, {
      batch: (ticks) => this.takeTicks(ticks),
      failed: (message) => {
        this.pump = null;
        if (this.ending) return;
        this.startTimer();
        this.context.emit('recordingDidWarn', {
          sessionId: this.sessionId,
          message: `Sampling goes on with Node.js's timer, at a higher CPU cost: ${message}.`,
        });
      },
    });
    this.handOverFor(alertRules);
    this.sampler!.useFeed(this.pump);
  }

  // Tells the pump when to hand readings over for these rules (alert-hand-over.ts).
  private handOverFor(rules: readonly AlertRule[]): void {
    if (!this.pump || !this.sampler) return;
    const plan = alertHandOver(rules, this.settings, this.sampler.pid, pumpBatchMs);
    this.pump.handOverChanges(plan.changeMs);
    this.pump.handOverTurns(plan.conditions);
  }

  /**
   * A held rule decided on a reading that may not change (RSS above its threshold for 10 s) would
   * wait for the pump's next batch: ask for the readings one interval after it is due instead.
   */
  private askForDecision(): void {
    if (this.pump === null || this.ending) return;
    const due = this.watch.nextDecision();
    if (due === this.decisionAt) return;
    if (this.decisionTimer) clearTimeout(this.decisionTimer);
    this.decisionTimer = null;
    this.decisionAt = due;
    if (due === null) return;
    const delay = Math.max(0, due + this.settings.intervalMs + decisionSlackMs - this.now());
    this.decisionTimer = setTimeout(() => {
      this.decisionTimer = null;
      this.decisionAt = null;
      if (!this.ending) void this.pump?.drain();
    }, delay);
  }

  private startTimer(): void {
    // One interval timer rather than a new timeout per tick: at 10 Hz the timer bookkeeping is a
    // measurable share of the recorder's cost. Node schedules it on the monotonic clock and never
    // bursts after a stall; each sample carries its own timestamp, so small drift changes nothing.
    this.tickTimer = setInterval(() => this.tick(), this.settings.intervalMs);
  }

  /** Writes what is buffered now, so a reader sees every sample taken so far. */
  flushNow(): void {
    if (!this.ending) this.flush();
  }

  /** Ends the recording (idempotent: later calls get the first call's result). */
  end(reason: EndReason, message?: string): Promise<SessionSummary> {
    // Never rejects: several callers start it without awaiting (a timer, the child's exit event).
    this.ending ??= this.finish(reason, message)
      .catch((error: unknown) => {
        console.error(`Thermograph: ending the recording of session ${this.sessionId} failed:`, error);
        return this.summaryInMemory(reason, message, this.now());
      })
      .then((summary) => {
        this.onEnd(summary);
        return summary;
      });
    return this.ending;
  }

  /** One sample on the timer's clock. */
  private tick(): void {
    if (this.ending) return;
    // Timestamps are wall-clock; scheduling is monotonic, so a clock stepped back (NTP, a user
    // changing the time) neither stalls sampling nor bursts it.
    const sample = this.takeSample(this.now(), performance.now());
    if (sample !== null) this.announce([sample]);
  }

  /** A batch of the pump's readings, one sample each, in order. */
  private takeTicks(ticks: PumpTick[]): void {
    const samples: ResourceSample[] = [];
    for (const tick of ticks) {
      if (this.ending && !this.draining) break;
      const sample = this.pump!.during(tick, () => this.takeSample(tick.time, tick.monotonicMs));
      if (sample === null) break;
      samples.push(sample);
    }
    if (samples.length > 0) this.announce(samples);
  }

  /** Pushes new samples to listeners and writes them when the last flush is a second old. */
  private announce(samples: ResourceSample[]): void {
    this.context.emit('samplesAvailable', { sessionId: this.sessionId, samples });
    this.watch.observe(samples);
    this.askForDecision();
    if (!this.ending && performance.now() - this.lastFlushAt >= flushIntervalMs) this.flush();
  }

  /**
   * Samples the target as of `time`; null when there is nothing to sample any more. The `final`
   * sample, at the stop, ends nothing when it fails: the recording is ending already.
   */
  private takeSample(time: EpochMilliseconds, monotonicMs: number, final = false): ResourceSample | null {
    if (this.targetGone) return null;
    try {
      const sample = this.sampler!.sample(time, monotonicMs, { final });
      // Too soon after the previous sample for rates (see the sampler): it would end the CPU line on a gap.
      if (final && sample.cpuUser === null && this.rated) {
        this.markExec(time);
        return null;
      }
      this.rated ||= sample.cpuUser !== null;
      const heap = this.profiling?.heap;
      if (heap) {
        sample.jsHeapUsed = heap.used;
        sample.jsHeapTotal = heap.total;
      }
      this.samples.push(sample);
      this.lastSampleAt = time;
      this.markExec(time);
      this.sampleThreads();
      return sample;
    } catch (error) {
      const vanished = error instanceof ThermographError && error.code === 'process-not-found';
      if (vanished) this.targetGone = true;
      // A launched command's own exit event carries its exit code; wait for it instead.
      if (final || (vanished && this.child)) return null;
      const reason: EndReason = vanished ? 'target-exited' : 'error';
      if (vanished) {
        this.targetGoneAt = time;
        this.markers.push({ time, kind: 'target-exited', message: `PID ${this.sampler!.pid} exited.` });
      }
      void this.end(reason, vanished ? `PID ${this.sampler!.pid} exited.` : (error as Error).message);
      return null;
    }
  }

  /** Reads every thread when a second has passed since the last reading; stamped now, not with the tick's time. */
  private sampleThreads(): void {
    const monotonicMs = performance.now();
    if (this.threadSampler === null || monotonicMs - this.threadsReadAt < threadDueMs) return;
    this.threadsReadAt = monotonicMs;
    this.threadSamples.push(this.threadSampler.sample(this.now(), monotonicMs));
    const identities = this.threadSampler.takeIdentities();
    if (identities.length > 0) this.threadIdentities.push(...identities);
  }

  /** Marks on the timeline that the target replaced its program; recording goes on through it. */
  private markExec(time: EpochMilliseconds): void {
    const exec = this.sampler!.takeExec();
    if (exec === null) return;
    const program = exec.commandLine || exec.command;
    this.markers.push({
      time,
      kind: 'target-exec',
      message: `PID ${this.sampler!.pid} replaced its program (exec): ${program}`,
    });
  }

  /** Arms a one-shot flush within a second, for output that arrives between ticks (or without any). */
  private scheduleFlush(): void {
    if (this.flushTimer || this.ending) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, flushIntervalMs);
  }

  /**
   * Writes buffered samples, markers and output; what the store refuses stays in memory for the next
   * flush, with a warning. Samples and output are written separately, so a burst of output the disk
   * cannot take does not hold back the samples. Returns true when everything was written.
   */
  private flush(): boolean {
    // Failed writes are retried by the next due flush, not by every tick.
    this.lastFlushAt = performance.now();
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    const failures = [this.writeSamples(), this.writeOutput()].filter((failure) => failure !== null);
    if (failures.length === 0) {
      if (performance.now() - this.downsampledAt >= 60_000) {
        this.downsampledAt = performance.now();
        try {
          this.context.store.downsampleSession(this.sessionId, this.now());
        } catch {
          // Nothing is lost (the samples stay whole); the next minute tries again.
        }
      }
      return true;
    }
    if (failures.some(isSessionGone)) {
      // Deleted by another Thermograph on the same database: there is nothing left to write into.
      this.gone = true;
      this.samples = [];
      this.threadSamples = [];
      this.threadIdentities = [];
      this.markers = [];
      this.watch.drop();
      this.output?.take();
      void this.end('error', 'The session was deleted while it was being recorded.');
      return false;
    }
    if (this.samples.length > maximumBufferedSamples) {
      this.lostSamples += this.samples.length - maximumBufferedSamples;
      this.samples.splice(0, this.samples.length - maximumBufferedSamples);
    }
    if (this.threadSamples.length > maximumBufferedThreadSamples)
      this.threadSamples.splice(0, this.threadSamples.length - maximumBufferedThreadSamples);
    if (performance.now() - this.lastWarningAt > 10_000) {
      this.lastWarningAt = performance.now();
      const reason = failures[0] instanceof Error ? failures[0].message : String(failures[0]);
      this.context.emit('recordingDidWarn', {
        sessionId: this.sessionId,
        message: `Could not save the recording: ${reason} Recording goes on and keeps what it could not write (${this.samples.length} samples, ${this.output?.pendingCount() ?? 0} pieces of output) in memory until a write succeeds.`,
      });
    }
    return false;
  }

  /** Writes buffered samples and markers; returns the error, or null when written. */
  private writeSamples(): unknown {
    const { store } = this.context;
    try {
      const threads = this.threadSamples.length > 0 || this.threadIdentities.length > 0;
      if (this.samples.length > 0 || threads) {
        // One transaction for both: one commit a second rather than two.
        const batch = threads ? { samples: this.threadSamples, identities: this.threadIdentities } : undefined;
        store.appendSamples(this.sessionId, this.samples, batch);
        this.samples = [];
        this.threadSamples = [];
        this.threadIdentities = [];
      }
      while (this.markers.length > 0) {
        store.addMarker(this.sessionId, this.markers[0]!);
        this.markers.shift();
      }
      this.watch.write(store);
      return null;
    } catch (error) {
      return error;
    }
  }

  /** Writes buffered output and announces it; returns the error, or null when written. */
  private writeOutput(): unknown {
    const pending = this.output?.take() ?? [];
    if (pending.length === 0) return null;
    let stored: OutputChunk[];
    try {
      stored = this.context.store.appendOutput(this.sessionId, pending);
    } catch (error) {
      this.output!.putBack(pending);
      return error;
    }
    this.context.emit('outputAvailable', { sessionId: this.sessionId, chunks: stored });
    return null;
  }

  private async finish(reason: EndReason, message?: string): Promise<SessionSummary> {
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.decisionTimer) clearTimeout(this.decisionTimer);
    if (this.pump) {
      // The readings of the last second are still in the pump: take them in before it stops.
      this.draining = true;
      await this.pump.drain();
      this.draining = false;
      this.pumpCpuMs = this.pump?.cpuMs() ?? 0;
      this.pump?.close();
    }
    if (this.durationTimer) clearTimeout(this.durationTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    const stoppedAt = reason === 'target-exited' ? (this.targetGoneAt ?? this.now()) : this.now();
    this.takeFinalSample(stoppedAt);
    // The profile is collected while the target still runs: a Node.js profile lives in the target.
    if (this.profiling) await withTimeout(this.profiling.stop(), profilerStopLimitMs);
    if (this.child) {
      // Thermograph owns a command it launched: ending the recording ends the command and whatever
      // it left running in its process group (which would otherwise hold its output pipes open).
      await terminate(this.child);
      if (this.child.pid !== undefined) this.profiling?.targetEnded(this.child.pid);
      await this.output!.drained(1_000);
      this.child.stdout?.destroy();
      this.child.stderr?.destroy();
    }
    this.sampler?.close();
    this.threadSampler?.close();
    if (reason !== 'target-exited') {
      this.markers.push({ time: stoppedAt, kind: 'recording-stopped', message: describeStop(reason) });
    }
    const save = () => this.saveEnd(reason, message, stoppedAt);
    let saved = save();
    for (let attempt = 0; !saved && !this.gone && attempt < 3; attempt++) {
      await new Promise((wait) => setTimeout(wait, 200));
      saved = save();
    }
    if (saved) return saved;
    if (this.gone) {
      // Deleted by another Thermograph while recording: tell this engine's clients it is gone.
      this.context.emit('sessionDidDelete', { sessionId: this.sessionId });
      return this.summaryInMemory(reason, 'The session was deleted while it was being recorded.', stoppedAt);
    }
    // The disk still refuses writes. The recording is over either way; keep trying to save it while
    // the engine runs. If it never succeeds, the session (with every sample written before) is
    // closed as recovered-after-crash at the next start.
    this.saveRetry = setInterval(() => {
      if (save() && this.saveRetry) clearInterval(this.saveRetry);
    }, saveRetryMs);
    this.saveRetry.unref();
    this.context.emit('recordingDidWarn', {
      sessionId: this.sessionId,
      message: `The recording ended but could not be saved: the database refuses writes. Thermograph retries every ${saveRetryMs / 1000} s while it runs; free some space to keep the last ${this.samples.length} samples.`,
    });
    const unsaved = this.unsavedSummary(reason, message, stoppedAt);
    this.context.emit('sessionDidChange', unsaved);
    return unsaved;
  }

  /**
   * One last sample at the stop, while the target may still run (before a launched command is
   * ended): without it a recording stopped within its first interval or two has no CPU rate at all,
   * and any recording's timeline would end up to an interval before its stop. A target that has
   * exited (a launched command is reaped before its exit event) is not readable and adds nothing, and
   * a stop too soon after the previous sample for rates of its own adds nothing either.
   */
  private takeFinalSample(stoppedAt: EpochMilliseconds): void {
    if (this.sampler === null || this.gone || stoppedAt <= this.lastSampleAt) return;
    const sample = this.takeSample(stoppedAt, performance.now(), true);
    if (sample !== null) this.announce([sample]);
  }

  /** Flushes and records the end; returns the stored summary, or null when storage refused. */
  private saveEnd(reason: EndReason, message: string | undefined, stoppedAt: EpochMilliseconds): SessionSummary | null {
    if (!this.flush()) return null;
    try {
      const { store } = this.context;
      if (this.sampler) store.setLimitations(this.sessionId, this.sampler.limitations());
      const summary = store.endSession(this.sessionId, {
        endedAt: stoppedAt,
        endReason: reason,
        endMessage: this.endMessage(reason, message),
        exitCode: this.child?.exitCode ?? null,
        exitSignal: this.child?.signalCode ?? null,
        overhead: recordingOverhead(
          this.cpuAtStart,
          this.startedAtMonotonic,
          this.pumpCpuMs,
          this.context.sharedProcess?.() ?? false,
        ),
        runMetrics: runMetrics(store.readSamples(this.sessionId, { metrics: runMetricColumns }), {
          // A launched command that ran to its exit has a run time; a stopped or attached one does not.
          commandDurationMs: this.child && reason === 'target-exited' ? stoppedAt - this.started.startedAt : null,
        }),
      });
      this.context.emit('sessionDidChange', summary);
      return summary;
    } catch (error) {
      if (isSessionGone(error)) this.gone = true;
      return null;
    }
  }

  /** The summary of a recording whose end is not (yet) stored, built from what is. */
  private unsavedSummary(reason: EndReason, message: string | undefined, stoppedAt: EpochMilliseconds): SessionSummary {
    const summary = this.summaryInMemory(reason, message, stoppedAt);
    return { ...summary, endMessage: `${summary.endMessage ?? ''} Not saved yet: the database refuses writes.`.trim() };
  }

  /** The session as it ends, from the store where it can still be read, else from its start. */
  private summaryInMemory(
    reason: EndReason,
    message: string | undefined,
    stoppedAt: EpochMilliseconds,
  ): SessionSummary {
    let stored: SessionSummary | null = null;
    try {
      stored = this.context.store.getSession(this.sessionId);
    } catch {
      // The database is unreadable too: describe the session from what it was started with.
    }
    return {
      ...(stored ?? this.started),
      status: 'ended',
      endedAt: stoppedAt,
      endReason: reason,
      endMessage: this.endMessage(reason, message),
      exitCode: this.child?.exitCode ?? null,
      exitSignal: this.child?.signalCode ?? null,
    };
  }

  private endMessage(reason: EndReason, message: string | undefined): string | null {
    return endMessage(reason, message, this.child, this.lostSamples);
  }
}
