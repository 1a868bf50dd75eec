// One profiling session on one Node.js target. The CPU profile is collected in chunks (stop and
// restart every chunkMs) so a long recording never makes V8 hold, or send at once, more than one
// chunk; allocations the same way. Every command goes through one queue, so a chunk rotation never
// interleaves with the final collection. The session ends once, whichever comes first: stop(),
// the target waiting for the debugger at exit, or the connection dropping (the target was killed).
// Worker threads are profiled too, each as a thread of the same profiles: the inspector attaches
// to them (NodeWorker), and a worker that ends waits for us to collect its last chunk and let go.

import { ThermographError } from '../../../src-shared/api/errors';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import type { IndexIntoThreadTable, Profile } from '../../../src-shared/profile/profile';
import type { FoldRule } from '../../../src-shared/profile/sample-folding';
import type { EpochMilliseconds, Milliseconds } from '../../../src-shared/units';
import { appendCpuProfile, appendHeapProfile, type SamplingHeapProfile } from '../../import/cpuprofile';
import type { LeftoverJournal, ProfilerEvents, ProfilerOptions, ProfilerTarget, RunningProfiler } from '../profiler';
import { CdpError, type CdpChannel } from './cdp-client';
import { collectCpuChunk, startCpuProfiler } from './cpu-profiler-restart';
import { withoutUntranslatedSamples } from './heap-profile-samples';
import { closeInspector, type InspectorConnection } from './inspector-lifetime';
import { measureMonotonicToEpoch, type MonotonicToEpoch } from './monotonic-clock';
import { WorkerChannel, type WorkerInfo } from './worker-channel';

/** Session settings that tests may shorten. */
export interface SessionTiming {
  chunkMs: Milliseconds;
  heapUsageMs: Milliseconds;
}

// One sample per 256 KiB allocated on average (V8's default is 32 KiB). Each sample walks the
// stack, so at 32 KiB a program allocating 500 MB/s pays for ~16,000 walks a second (several % of
// its time); at 256 KiB it pays for ~2,000, and a recording of seconds still gets thousands of
// samples, plenty for an allocation flame graph. Objects already collected count too: an
// allocation profile is about what was allocated. (Exported for the overhead benchmark, which
// asks V8 for exactly this.)
export const heapSamplingParameters = {
  samplingInterval: 256 * 1024,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
};

/** Profiler.setSamplingInterval's interval in microseconds for a rate in Hz. */
export function samplingIntervalMicroseconds(samplingHz: number): number {
  return Math.max(1, Math.round(1e6 / samplingHz));
}

/** One JavaScript thread being profiled: the main thread or a worker. */
interface InspectedThread<Channel extends CdpChannel = CdpChannel> {
  channel: Channel;
  /** Names it in messages: "process 412" or "[worker 1] hasher of process 412". */
  label: string;
  cpuThread: IndexIntoThreadTable;
  allocationThread: IndexIntoThreadTable;
  /** When its current allocation chunk began (V8 does not timestamp allocations). */
  heapChunkStart: EpochMilliseconds;
}

interface AttachedToWorker {
  sessionId: string;
  workerInfo: WorkerInfo;
}

/** Profiles one connected target until stopped; see the file comment. */
export class NodeSession implements RunningProfiler {
  private readonly cpu: ProfileBuilder;
  private readonly allocations: ProfileBuilder | null;
  private readonly toEpoch: MonotonicToEpoch;
  private readonly startTime: EpochMilliseconds;
  private readonly main: InspectedThread;
  private readonly workers = new Map<string, InspectedThread<WorkerChannel>>();
  private queue: Promise<unknown> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private heapUsagePending = false;
  private targetExiting = false;
  private ending: Promise<void> | null = null;
  private result: Promise<Profile[]> | null = null;
  private endTime: EpochMilliseconds | null = null;

  constructor(
    private readonly connection: InspectorConnection,
    private readonly target: ProfilerTarget,
    private readonly options: ProfilerOptions,
    private readonly events: ProfilerEvents,
    private readonly journal: LeftoverJournal,
    private readonly timing: SessionTiming,
  ) {
    this.toEpoch = measureMonotonicToEpoch();
    this.startTime = Date.now();
    const source = { tool: 'node-inspector', requestedIntervalMs: 1000 / options.samplingHz };
    this.cpu = new ProfileBuilder({ kind: 'cpu', weightUnit: 'milliseconds', startTime: this.startTime, source });
    this.allocations = options.allocations
      ? new ProfileBuilder({
          kind: 'allocation',
          weightUnit: 'bytes',
          startTime: this.startTime,
          source: { ...source, requestedIntervalMs: null },
        })
      : null;
    this.main = this.inspectedThread(connection.client, 'main', target.pid, `process ${target.pid}`);
  }

  // A thread of both profiles (CPU and allocations) for one inspector session.
  private inspectedThread<Channel extends CdpChannel>(
    channel: Channel,
    name: string,
    tid: number | null,
    label: string,
  ): InspectedThread<Channel> {
    return {
      channel,
      label,
      cpuThread: this.cpu.thread(name, tid),
      allocationThread: this.allocations?.thread(name, tid) ?? 0,
      heapChunkStart: Date.now(),
    };
  }

  /** Starts the profilers in the target; on failure closes what was opened and rejects. */
  async begin(): Promise<void> {
    const { client } = this.connection;
    try {
      // Without this a target at its end would wait for us without saying so (Node ≥ 12 has it).
      client.on('NodeRuntime.waitingForDisconnect', () => {
        this.targetExiting = true;
        void this.end();
      });
      await client.send('NodeRuntime.notifyWhenWaitingForDisconnect', { enabled: true }).catch(() => undefined);
      await this.startThread(this.main);
    } catch (error) {
      await this.closeConnection();
      throw new ThermographError(
        client.open ? 'profiler-unavailable' : 'process-not-found',
        `Could not start profiling Node.js process ${this.target.pid}: ${(error as Error).message} Check that it is still running and try again.`,
      );
    }
    void client.closed.then(() => this.end());
    await this.watchWorkers();
    // A target that exited meanwhile has ended this session already: timers armed now would never be
    // cleared, and would keep the CLI alive after the recording (a short run, a failing series run).
    if (this.ending) return;
    this.timers.push(setInterval(() => this.enqueue(() => this.rotate()), this.timing.chunkMs));
    if (this.events.heapUsage) this.timers.push(setInterval(() => void this.pollHeapUsage(), this.timing.heapUsageMs));
  }

  /** Collects the last chunk, closes what Thermograph opened and returns the profiles. Idempotent. */
  stop(): Promise<Profile[]> {
    this.result ??= this.end().then(() => this.build());
    return this.result;
  }

  private end(): Promise<void> {
    this.ending ??= (async () => {
      for (const timer of this.timers) clearInterval(timer);
      this.timers = [];
      await this.enqueue(() => this.collect(true));
      this.endTime = Date.now();
      await this.closeConnection();
    })();
    return this.ending;
  }

  // Runs one step after the previous ones; a failure is reported, never thrown at the queue.
  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step).catch((error: unknown) => this.report(error));
    this.queue = next;
    return next;
  }

  /** Folds both profiles' old samples (the recording calls this every minute or so). */
  fold(rule: FoldRule): void {
    this.cpu.fold(rule);
    this.allocations?.fold(rule);
  }

  private async rotate(): Promise<void> {
    if (!this.ending) await this.collect(false);
  }

  private async startThread(thread: InspectedThread): Promise<void> {
    const { channel } = thread;
    await channel.send('Profiler.enable');
    await channel.send('Profiler.setSamplingInterval', {
      interval: samplingIntervalMicroseconds(this.options.samplingHz),
    });
    await startCpuProfiler(channel);
    if (this.allocations) await channel.send('HeapProfiler.startSampling', heapSamplingParameters);
    thread.heapChunkStart = Date.now();
  }

  // Attaches to the target's worker threads, now and as they start. A Node without the NodeWorker
  // domain (before 12) simply profiles its main thread.
  private async watchWorkers(): Promise<void> {
    const { client } = this.connection;
    client.on('NodeWorker.attachedToWorker', (params) => this.attachWorker(params as AttachedToWorker));
    client.on('NodeWorker.receivedMessageFromWorker', (params) => {
      const { sessionId, message } = params as { sessionId: string; message: string };
      this.workers.get(sessionId)?.channel.receive(message);
    });
    client.on('NodeWorker.detachedFromWorker', (params) => {
      const { sessionId } = params as { sessionId: string };
      this.workers.get(sessionId)?.channel.detach();
      this.workers.delete(sessionId);
    });
    await client.send('NodeWorker.enable', { waitForDebuggerOnStart: false }).catch(() => undefined);
  }

  private attachWorker({ sessionId, workerInfo }: AttachedToWorker): void {
    if (this.ending) return;
    const name = workerInfo.title || `worker ${workerInfo.workerId}`;
    const channel = new WorkerChannel(this.connection.client, sessionId, workerInfo, (method) => {
      // The worker is ending and waits for us: collect its last chunk, then let it go.
      if (method === 'NodeRuntime.waitingForDisconnect') void this.enqueue(() => this.releaseWorker(sessionId));
    });
    const worker = this.inspectedThread(channel, name, null, `${name} of process ${this.target.pid}`);
    this.workers.set(sessionId, worker);
    void this.enqueue(async () => {
      await channel.send('NodeRuntime.notifyWhenWaitingForDisconnect', { enabled: true });
      await this.startThread(worker);
    });
  }

  private async releaseWorker(sessionId: string): Promise<void> {
    const worker = this.workers.get(sessionId);
    if (!worker) return;
    try {
      await this.collectThread(worker, true);
    } finally {
      // Its replies are routed through this map, so it leaves only now.
      if (this.workers.delete(sessionId)) {
        await this.connection.client.send('NodeWorker.detach', { sessionId }).catch(() => undefined);
      }
    }
  }

  // Collects every thread's chunk; one thread failing (a worker ending meanwhile) does not cost the others theirs.
  private async collect(last: boolean): Promise<void> {
    for (const thread of [this.main, ...this.workers.values()]) {
      if (!thread.channel.open) continue;
      try {
        await this.collectThread(thread, last);
      } catch (error) {
        this.report(error);
      }
    }
    if (last) await this.detachWorkers();
  }

  // Lets every worker go before the connection closes: a worker still attached when the inspector
  // is shut down would wait at its exit for a debugger that is gone, and keep its process alive.
  private async detachWorkers(): Promise<void> {
    const { client } = this.connection;
    for (const sessionId of [...this.workers.keys()]) {
      this.workers.delete(sessionId);
      await client.send('NodeWorker.detach', { sessionId }).catch(() => undefined);
    }
    await client.send('NodeWorker.disable').catch(() => undefined);
  }

  // Collects each profiler's chunk and, unless this is the last one, restarts it at once (see
  // cpu-profiler-restart.ts; heap sampling's restart is sent with its stop, likewise). CPU first, so
  // a target vanishing during the heap commands still leaves this CPU chunk.
  private async collectThread(thread: InspectedThread, last: boolean): Promise<void> {
    const { channel } = thread;
    const profile = await collectCpuChunk(channel, last);
    appendCpuProfile(
      this.cpu,
      profile,
      {
        toProfileTime: (timestamp) => this.toEpoch(timestamp) - this.startTime,
        negativeDeltas: 'clamp',
        sourceName: `The inspector's CPU profile of ${thread.label}`,
      },
      thread.cpuThread,
    );
    if (!this.allocations) return;
    const heapChunkStart = thread.heapChunkStart;
    thread.heapChunkStart = Date.now();
    const [{ profile: heap }] = await Promise.all([
      channel.send<{ profile: SamplingHeapProfile }>('HeapProfiler.stopSampling'),
      last ? undefined : channel.send('HeapProfiler.startSampling', heapSamplingParameters),
    ]);
    // V8 does not timestamp allocations: each lands at the start of the chunk it was made in.
    appendHeapProfile(
      this.allocations,
      withoutUntranslatedSamples(heap),
      heapChunkStart - this.startTime,
      `The inspector's heap profile of ${thread.label}`,
      thread.allocationThread,
    );
  }

  private async pollHeapUsage(): Promise<void> {
    if (this.heapUsagePending || this.ending || !this.connection.client.open) return;
    this.heapUsagePending = true;
    try {
      const usage = await this.connection.client.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
      this.events.heapUsage?.({ time: Date.now(), used: usage.usedSize, total: usage.totalSize });
    } catch (error) {
      this.report(error);
    } finally {
      this.heapUsagePending = false;
    }
  }

  private async closeConnection(): Promise<void> {
    const { client, port, openedByUs, journalId } = this.connection;
    if (!openedByUs) {
      await client.close();
      return;
    }
    const closed = await closeInspector(client, this.target.pid, port, this.targetExiting);
    if (closed && journalId !== null) this.journal.forget(journalId);
    if (!closed) {
      this.events.warning(
        `The inspector Thermograph opened in process ${this.target.pid} (port ${port}) did not close; it listens on loopback only. Restart the process to close it.`,
      );
    }
  }

  // A dropped connection means the target is gone: stop() keeps what arrived, so it is not worth a warning.
  private report(error: unknown): void {
    if (error instanceof CdpError && error.disconnected) return;
    this.events.warning(
      `Node.js profiling of process ${this.target.pid} hit a problem and continues: ${(error as Error).message}`,
    );
  }

  private build(): Profile[] {
    const durationMs = (this.endTime ?? Date.now()) - this.startTime;
    const profiles = [this.cpu.build(durationMs)];
    if (this.allocations && this.allocations.sampleCount > 0) profiles.push(this.allocations.build(durationMs));
    if (this.cpu.sampleCount === 0) {
      this.events.warning(
        `No CPU samples arrived from Node.js process ${this.target.pid}; it may have exited or been killed before the first chunk (every ${this.timing.chunkMs / 1000} s) was collected.`,
      );
    }
    return profiles;
  }
}
