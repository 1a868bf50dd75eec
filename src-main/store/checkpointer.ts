// Checkpoints the WAL from a worker thread, so the thread that appends samples never waits for one.
//
// In WAL mode with synchronous = NORMAL a commit only writes the WAL; the fsyncs happen at the
// checkpoint, which copies the WAL into the database file. SQLite runs it inside the commit that
// crosses 1,000 pages, so one append in about a hundred stalled for both fsyncs: a third of bulk
// ingest time (store-bench). SQLite's own advice is to turn automatic checkpoints off and run them
// from another thread; this is that thread, with its own connection to the same file.
//
// It checkpoints within ten seconds of any write, and at once when the writer reports a burst of
// sample bytes, so the WAL stays near its old size and what a power loss can take is at most the
// last ten seconds (before, everything since the last 16 MiB checkpoint: minutes of a 10 Hz
// recording). Not every second: a checkpoint (two fsyncs) each second of a 10 Hz recording cost the
// recorder about a fifth more CPU, 1.23-1.44x `top` against 0.99-1.06x (npm run bench -- recorder).

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** A checkpoint runs at least this often while anything is written. */
const intervalMs = 10_000;
/** Sample bytes after which the writer wakes the worker instead of waiting for the interval. */
const burstKibibytes = 8 * 1024;
/** The writer's own automatic checkpoint, kept as a bound on the WAL should the worker fall behind. */
const backstopPages = 4_000;
/** SQLite's default automatic checkpoint, restored when the worker cannot run. */
const defaultPages = 1_000;
/** How long closing waits for the worker to close its connection. */
const stopLimitMs = 2_000;

// Slots of the shared control array.
const pendingSlot = 0; // KiB written since the last checkpoint (the writer adds, the worker takes)
const stopSlot = 1; // 1 once the writer closes; the worker also waits on this slot
const closedSlot = 2; // 1 once the worker's connection is closed

// CommonJS run with `eval`: no file to bundle, and the worker loads better-sqlite3 from the path the
// writer resolved, so it finds the same native build in Node and in Electron. Atomics.wait blocks
// only this worker's own thread.
const workerSource = `
const { workerData } = require('node:worker_threads');
const control = new Int32Array(workerData.control);
let database = null;
try {
  if (Atomics.load(control, ${stopSlot}) === 0) {
    const Database = require(workerData.modulePath);
    database = new Database(workerData.path, { fileMustExist: true });
  }
  while (Atomics.load(control, ${stopSlot}) === 0) {
    Atomics.wait(control, ${stopSlot}, 0, ${intervalMs});
    if (Atomics.exchange(control, ${pendingSlot}, 0) === 0) continue;
    // PASSIVE never blocks the writer or a reader; what a reader still needs is copied next time.
    try { database.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  }
} finally {
  try { if (database) database.close(); } catch {}
  Atomics.store(control, ${closedSlot}, 1);
  Atomics.notify(control, ${closedSlot});
}`;

/** The background checkpoints of one writable WAL database. */
export class Checkpointer {
  private readonly control = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  private readonly worker: Worker;
  private stopped = false;

  private constructor(private readonly database: Database) {
    const modulePath = createRequire(__filename).resolve('better-sqlite3');
    this.worker = new Worker(workerSource, {
      eval: true,
      workerData: { modulePath, path: database.name, control: this.control.buffer },
    });
    // Never keeps a finished command alive; a process that exits without closing loses nothing,
    // since the WAL is the database's until the next checkpoint.
    this.worker.unref();
    this.worker.once('error', () => this.fallBack());
    this.worker.once('exit', () => this.fallBack());
    database.pragma(`wal_autocheckpoint = ${backstopPages}`);
  }

  /** Starts background checkpoints for `database` when it is a writable WAL file, else returns null. */
  static start(database: Database): Checkpointer | null {
    if (database.readonly || database.memory) return null;
    if (String(database.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return null;
    try {
      return new Checkpointer(database);
    } catch {
      // No worker threads here (or no memory for one): SQLite's own checkpoints still run.
      return null;
    }
  }

  /** Notes that a commit wrote about `bytes` bytes; a burst wakes the worker now. */
  wrote(bytes: number): void {
    const kibibytes = Math.max(1, Math.ceil(bytes / 1024));
    if (Atomics.add(this.control, pendingSlot, kibibytes) + kibibytes >= burstKibibytes)
      Atomics.notify(this.control, stopSlot);
  }

  /**
   * Stops the worker and waits (briefly) for its connection to close, so the writer's own close is
   * the last one and checkpoints and removes the WAL as before.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    Atomics.store(this.control, stopSlot, 1);
    Atomics.notify(this.control, stopSlot);
    if (Atomics.wait(this.control, closedSlot, 0, stopLimitMs) === 'timed-out') void this.worker.terminate();
  }

  /** The worker is gone (it failed to load or open): the writer checkpoints by itself again. */
  private fallBack(): void {
    if (this.stopped || !this.database.open) return;
    this.stopped = true;
    this.database.pragma(`wal_autocheckpoint = ${defaultPages}`);
  }
}
