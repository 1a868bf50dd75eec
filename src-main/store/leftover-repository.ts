// The journal of things profilers opened in targets (an inspector, a perf process), kept in the
// database so that a Thermograph that crashed can be cleaned up after by the next one to start.

import type { Database, Statement } from 'better-sqlite3';
import type { LeftoverEntry } from '../../src-shared/model/leftover';
import type { RecorderIdentity } from './recorder-identity';

/** A journal entry with the identity of the Thermograph that wrote it. */
export interface StoredLeftover extends LeftoverEntry {
  id: number;
  recorder: RecorderIdentity;
}

interface LeftoverRow {
  id: number;
  kind: LeftoverEntry['kind'];
  pid: number;
  start_ticks: number;
  detail: string;
  recorder_pid: number;
  recorder_started_at: number | null;
}

/** Adds, removes and lists journal entries. */
export class LeftoverRepository {
  private readonly insert: Statement<[string, number, number, string, number, number | null]>;
  private readonly remove: Statement<[number]>;
  private readonly all: Statement<[]>;

  constructor(database: Database) {
    this.insert = database.prepare(
      'INSERT INTO profiler_leftovers (kind, pid, start_ticks, detail, recorder_pid, recorder_started_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.remove = database.prepare('DELETE FROM profiler_leftovers WHERE id = ?');
    this.all = database.prepare('SELECT * FROM profiler_leftovers ORDER BY id');
  }

  /** Records an entry written by `recorder` and returns its id. */
  add(entry: LeftoverEntry, recorder: RecorderIdentity): number {
    const result = this.insert.run(
      entry.kind,
      entry.pid,
      entry.startTicks,
      JSON.stringify(entry.detail),
      recorder.pid,
      recorder.startTicks,
    );
    return Number(result.lastInsertRowid);
  }

  /** Removes an entry (nothing happens when it is already gone). */
  delete(id: number): void {
    this.remove.run(id);
  }

  /** Every entry, oldest first. */
  list(): StoredLeftover[] {
    return (this.all.all() as LeftoverRow[]).map((row) => ({
      id: row.id,
      kind: row.kind,
      pid: row.pid,
      startTicks: row.start_ticks,
      detail: JSON.parse(row.detail) as LeftoverEntry['detail'],
      recorder: { pid: row.recorder_pid, startTicks: row.recorder_started_at },
    }));
  }
}
