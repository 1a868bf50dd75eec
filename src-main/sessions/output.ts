// Captures a launched command's stdout and stderr as text chunks, bounded so a chatty program
// cannot exhaust memory or the database.

import type { ChildProcess } from 'node:child_process';
import type { OutputChunk } from '../../src-shared/model/session';
import type { EpochMilliseconds } from '../../src-shared/units';

/** The most output text kept per session; past it a single note says output was truncated. */
const maximumOutputCharacters = 16 * 1024 * 1024;

/** An output chunk before the store numbers it. */
export type PendingOutput = Omit<OutputChunk, 'sequence'>;

/** Buffers a child's output until the recording's next flush. */
export class OutputCollector {
  private pending: PendingOutput[] = [];
  private captured = 0;
  private truncated = false;
  private readonly closed: Promise<void>;

  /**
   * `onData` is told when new output is waiting, so the owner can schedule a write. `filterStderr`
   * removes what a profiler made the target print (Node's inspector messages).
   */
  constructor(
    child: ChildProcess,
    now: () => EpochMilliseconds,
    onData: () => void = () => undefined,
    filterStderr: (text: string) => string = (text) => text,
  ) {
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = child[stream];
      source?.setEncoding('utf8');
      source?.on('data', (received: string) => {
        const text = stream === 'stderr' ? filterStderr(received) : received;
        if (text === '') return;
        this.add(now(), stream, text);
        onData();
      });
    }
    this.closed = new Promise((resolveClose) => child.once('close', () => resolveClose()));
  }

  /** Removes and returns what arrived since the last call. */
  take(): PendingOutput[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }

  /** How many chunks wait to be written. */
  pendingCount(): number {
    return this.pending.length;
  }

  /** Returns chunks that could not be stored, so the next flush tries again. */
  putBack(chunks: PendingOutput[]): void {
    this.pending = [...chunks, ...this.pending];
  }

  /** Resolves when both streams closed, or after the timeout (a grandchild may hold them open). */
  async drained(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.closed,
      new Promise<void>((resolveTimeout) => (timer = setTimeout(resolveTimeout, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  private add(time: EpochMilliseconds, stream: 'stdout' | 'stderr', text: string): void {
    if (this.truncated) return;
    if (this.captured + text.length > maximumOutputCharacters) {
      this.truncated = true;
      this.pending.push({ time, stream: 'stderr', text: '\n[Thermograph: output past 16 MiB was not kept]\n' });
      return;
    }
    this.captured += text.length;
    const last = this.pending[this.pending.length - 1];
    // Coalesce bursts from one stream so a line-per-write program does not create a row per line.
    if (last && last.stream === stream && time - last.time < 100) last.text += text;
    else this.pending.push({ time, stream, text });
  }
}

/** Describes how a child process ended, e.g. "exited with code 3" or "was killed by SIGKILL". */
export function describeExit(child: ChildProcess): string {
  if (child.signalCode) return `was ended by ${child.signalCode}`;
  return `exited with code ${child.exitCode ?? 'unknown'}`;
}
