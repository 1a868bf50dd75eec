// The reading pump (resources/proc-pump/proc-pump.c, built to out/main/proc-pump): a small native
// process that preads the fast-tier /proc files on a steady clock and writes the readings here in
// one batch a second. Waking Node.js for a 10 Hz timer costs about as much CPU as `top` spends on
// its whole cycle; the pump's wakeup costs a quarter of that, and Node.js wakes once a batch to
// sample from the readings (see ReadingFeed in collectors/proc/proc-file.ts). Where the pump is
// not built (no C compiler at build time, not Linux) the recording samples on a Node.js timer.
//
// The pump exits when its stdin closes or the engine dies (PR_SET_PDEATHSIG), so nothing outlives
// a crash. A pump that stops early leaves the recording on the timer, losing at most one batch.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { userHz } from '../collectors/proc/kernel';
import { parseProcessStat } from '../collectors/proc/parse-process-stat';
import type { ProcFile, ReadingFeed } from '../collectors/proc/proc-file';

/** One tick of the pump: when it read, on both clocks, and what each file held or the errno. */
export interface PumpTick {
  /** Wall-clock time of the reading, epoch ms. */
  time: number;
  /** The same moment on performance.now()'s clock. */
  monotonicMs: number;
  readings: Map<number, string | number>;
}

/**
 * A value the pump compares at every tick (proc-pump.c's `condition`): token `token` of `path`'s
 * reading (counted after the command name's ')' for stat) times `scale`, compared with `threshold`.
 */
export interface PumpCondition {
  path: string;
  token: number;
  scale: number;
  comparison: '>' | '>=' | '<' | '<=';
  threshold: number;
}

/** What the pump's owner is told. */
export interface PumpHandlers {
  /** A batch of ticks in order; `during` makes the feed answer with one tick's readings. */
  batch(ticks: PumpTick[]): void;
  /** The pump stopped without being closed (killed, crashed); its message is for a warning. */
  failed(message: string): void;
}

const kindTick = 1;
const kindFlushed = 2;
/** The longest a drain waits for the pump's last readings. */
const drainLimitMs = 1_000;
/**
 * A pump that hands over no reading for this long past its batch period is taken for stuck (stopped,
 * blocked, or writing something that is not its records) and ended, so the recording goes on with
 * the timer instead of silently taking no samples. It must be silent for two such periods in a row:
 * a timer that fires after the engine itself stalled runs before the batch waiting in the pipe is read.
 */
const silenceLimitMs = 1_000;

/** A running pump and the feed it fills; `close` it when done (it also exits with the engine). */
export class ReadingPump implements ReadingFeed {
  private readonly child: ChildProcess;
  private readonly handlers: PumpHandlers;
  private readonly ids = new Map<ProcFile, number>();
  private nextId = 1;
  private pending: Buffer = Buffer.alloc(0);
  private current: Map<number, string | number> | null = null;
  private drained: (() => void) | null = null;
  private closed = false;
  /** Fires when no record came for a batch period and `silenceLimitMs`; re-armed (refresh) by records. */
  private readonly watchdog: NodeJS.Timeout;
  private readonly silenceMs: number;
  private silent = false;
  /** Why the pump was ended by this side, for the warning its exit brings. */
  private ended: string | null = null;
  /** performance.now() minus CLOCK_MONOTONIC in ms: turns the pump's clock into the sampler's. */
  private readonly clockOffset = performance.now() - Number(process.hrtime.bigint()) / 1e6;

  /** Reads every `intervalMs` and hands the readings over every `batchMs` (and as handOverChanges/handOverTurns say). */
  constructor(executable: string, intervalMs: number, batchMs: number, handlers: PumpHandlers) {
    this.handlers = handlers;
    this.child = spawn(executable, [String(intervalMs), String(batchMs)], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.child.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stdin!.on('error', () => undefined); // a pump that died: reported by 'exit' below
    this.child.once('error', (error) => this.stopped(`the reading pump could not start: ${error.message}`));
    this.child.once('exit', (code, signal) =>
      this.stopped(this.ended ?? `the reading pump stopped (${signal ?? `code ${code}`})`),
    );
    this.silenceMs = Math.max(intervalMs, batchMs) + silenceLimitMs;
    this.watchdog = setTimeout(() => this.checkSilence(), this.silenceMs);
    this.watchdog.unref();
  }

  watch(file: ProcFile): void {
    if (this.closed || this.ids.has(file)) return;
    const id = this.nextId++;
    this.ids.set(file, id);
    this.command(`open ${id} ${file.path}`);
  }

  forget(file: ProcFile): void {
    const id = this.ids.get(file);
    if (id === undefined) return;
    this.ids.delete(file);
    this.command(`close ${id}`);
  }

  readingOf(file: ProcFile): string | number | undefined {
    if (this.current === null) return undefined;
    const id = this.ids.get(file);
    return id === undefined ? undefined : this.current.get(id);
  }

  /** Runs `work` with the feed answering from this tick's readings. */
  during<T>(tick: PumpTick, work: () => T): T {
    this.current = tick.readings;
    try {
      return work();
    } finally {
      this.current = null;
    }
  }

  /**
   * Hands a tick whose files read differently from the one before over once `changeMs` have passed
   * since the last batch (proc-pump.c), rather than after the batch period; null: by batch only.
   */
  handOverChanges(changeMs: number | null): void {
    this.command(`change ${changeMs ?? -1}`);
  }

  /** Hands over at once each tick at which one of `conditions` turns; replaces the ones given before. */
  handOverTurns(conditions: readonly PumpCondition[]): void {
    this.command('conditions clear');
    for (const { path, token, scale, comparison, threshold } of conditions)
      this.command(`condition ${path} ${token} ${scale} ${comparison} ${threshold}`);
  }

  /** Asks for the readings taken so far and resolves once they have been handed over (or after 1 s). */
  drain(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(finish, drainLimitMs);
      const previous = this.drained;
      function finish(): void {
        clearTimeout(timer);
        previous?.();
        resolve();
      }
      this.drained = finish;
      this.command('flush');
    });
  }

  /** The pump's own CPU time so far (its /proc stat), in milliseconds; 0 once it is gone or unreadable. */
  cpuMs(): number {
    if (this.child.pid === undefined) return 0;
    try {
      const stat = parseProcessStat(readFileSync(`/proc/${this.child.pid}/stat`, 'latin1'));
      return stat ? ((stat.userTicks + stat.systemTicks) / userHz) * 1000 : 0;
    } catch {
      return 0;
    }
  }

  /** Stops the pump; readings not yet handed over are dropped (drain first to keep them). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.watchdog);
    this.child.stdin!.end();
    // SIGKILL: the pump ignores SIGTERM (see proc-pump.c), and what it has not handed over is dropped.
    this.child.kill('SIGKILL');
    this.finishDrain();
  }

  private command(line: string): void {
    if (!this.closed) this.child.stdin!.write(`${line}\n`);
  }

  private stopped(message: string): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.watchdog);
    this.finishDrain();
    this.handlers.failed(message);
  }

  private finishDrain(): void {
    const drained = this.drained;
    this.drained = null;
    drained?.();
  }

  /** Silent twice in a row: ends the pump, whose exit then reports why. */
  private checkSilence(): void {
    if (this.closed) return;
    if (!this.silent) {
      this.silent = true;
      this.watchdog.refresh();
      return;
    }
    this.end(`the reading pump handed nothing over for ${(2 * this.silenceMs) / 1000} s`);
  }

  /** Ends a pump that misbehaves; its 'exit' event reports `reason` and the recording falls back. */
  private end(reason: string): void {
    this.ended ??= reason;
    this.child.kill('SIGKILL');
  }

  /** Decodes every complete record (see proc-pump.c for the layout) and hands the ticks over. */
  private receive(chunk: Buffer): void {
    if (this.ended !== null) return;
    const data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const ticks: PumpTick[] = [];
    let flushed = false;
    let offset = 0;
    try {
      while (offset + 8 <= data.length) {
        const length = data.readUInt32LE(offset);
        if (offset + 4 + length > data.length) break;
        const kind = data.readUInt32LE(offset + 4);
        if (kind === kindTick) ticks.push(this.decodeTick(data, offset + 8, offset + 4 + length));
        else if (kind === kindFlushed) flushed = true;
        else throw new RangeError(`a record of unknown kind ${kind}`);
        offset += 4 + length;
      }
    } catch (error) {
      // Not the pump's records (another program, or a build of another version): not readings.
      this.end(`the reading pump wrote something unreadable (${(error as Error).message})`);
      return;
    }
    if (offset > 0) {
      this.silent = false;
      this.watchdog.refresh();
    }
    this.pending = data.subarray(offset);
    if (ticks.length > 0 && !this.closed) this.handlers.batch(ticks);
    if (flushed) this.finishDrain();
  }

  /** One tick record from `start` to `end`; throws RangeError when its contents overrun it. */
  private decodeTick(data: Buffer, start: number, end: number): PumpTick {
    const time = Math.round(data.readDoubleLE(start));
    const monotonicMs = data.readDoubleLE(start + 8) + this.clockOffset;
    const count = data.readUInt32LE(start + 16);
    const readings = new Map<number, string | number>();
    let offset = start + 20;
    for (let index = 0; index < count; index++) {
      if (offset + 8 > end) throw new RangeError('a tick overran its record');
      const id = data.readUInt32LE(offset);
      const bytes = data.readInt32LE(offset + 4);
      offset += 8;
      if (offset + Math.max(0, bytes) > end) throw new RangeError('a reading overran its record');
      if (bytes < 0) readings.set(id, -bytes);
      else readings.set(id, data.toString('latin1', offset, offset + bytes));
      offset += bytes > 0 ? bytes + ((4 - (bytes % 4)) % 4) : 0;
    }
    return { time, monotonicMs, readings };
  }
}
