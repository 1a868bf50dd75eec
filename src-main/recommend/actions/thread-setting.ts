// One per-thread setting of a running process that an experiment changes and gives back: the nice value
// (thread-priority.ts), the I/O priority (thread-io-priority.ts) or the CPU affinity
// (thread-affinity.ts). Linux keeps each per thread, so each is read, set and restored thread by thread
// from /proc/PID/task; a thread born meanwhile inherits its creator's and is given the main thread's
// original back.

import { ThermographError } from '../../../src-shared/api/errors';
import type { LeftoverEntry } from '../../../src-shared/model/leftover';
import { threadIds } from './process-threads';

/** A per-thread setting: what it is called, how it is read and set, and how it is journaled. */
export interface ThreadSetting<Value extends string | number> {
  /** The journal entry kind its originals are kept under. */
  leftover: Extract<LeftoverEntry['kind'], 'priority' | 'io-priority' | 'affinity'>;
  /** What one value is called, and more than one: ['nice value', 'nice values']. */
  names: readonly [string, string];
  /** Every thread's value; null once the process has exited. A thread that ends meanwhile is left out. */
  read(pid: number): Promise<Map<number, Value> | null>;
  /**
   * Sets every thread to its value in `byThread`, else `value`; false once the process has exited.
   * Throws a ThermographError saying what to do when a thread cannot be set.
   */
  set(pid: number, value: Value, byThread?: ReadonlyMap<number, Value>): Promise<boolean>;
  /** A value as the journal stored it (JSON keeps strings and numbers). */
  fromJournal(value: string | number): Value;
  /** Rejects, saying what to install, when the tool that sets it is missing; checked before anything changes. */
  ready?(): Promise<void>;
}

/** Every thread's value by thread id. */
export type ThreadValues<Value> = Map<number, Value>;

/**
 * Gives every thread back its own original value; a thread born since then gets the main thread's.
 * False when the process is gone (nothing to restore).
 */
export function restoreThreads<Value extends string | number>(
  setting: ThreadSetting<Value>,
  pid: number,
  original: ReadonlyMap<number, Value>,
): Promise<boolean> {
  const main = original.get(pid) ?? original.values().next().value;
  if (main === undefined) return Promise.resolve(true);
  return setting.set(pid, main, original);
}

/** "PID 12's threads are back at their own nice values (0, 3)". */
export function restoredSentence<Value extends string | number>(
  setting: ThreadSetting<Value>,
  pid: number,
  original: ReadonlyMap<number, Value>,
): string {
  const values = [...new Set(original.values())].sort((left, right) =>
    typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right)),
  );
  // A CPU list has commas of its own.
  const separator = values.some((value) => String(value).includes(',')) ? '; ' : ', ';
  return `PID ${pid}'s threads are back at their own ${setting.names[values.length === 1 ? 0 : 1]} (${values.join(separator)})`;
}

/**
 * Reads every thread's value; null once the process has exited. A thread that ends meanwhile (its
 * read throws or answers null) is left out.
 */
export function readEachThread<Value>(pid: number, read: (tid: number) => Value | null): ThreadValues<Value> | null {
  const tids = threadIds(pid);
  if (tids === null) return null;
  const values: ThreadValues<Value> = new Map();
  for (const tid of tids) {
    try {
      const value = read(tid);
      if (value !== null) values.set(tid, value);
    } catch {
      // Ended meanwhile.
    }
  }
  return values;
}

/**
 * Runs `change` on every thread of a process, one after another. A thread that ends meanwhile is
 * skipped; any other failure is thrown as `refused(tid, error)` says. False when the process is gone.
 */
export async function eachThread(
  pid: number,
  change: (tid: number) => Promise<void> | void,
  refused: (tid: number, error: unknown) => ThermographError,
): Promise<boolean> {
  const tids = threadIds(pid);
  if (tids === null) return false;
  for (const tid of tids) {
    try {
      await change(tid);
    } catch (error) {
      // A thread (or the whole process) that ended meanwhile has nothing left to set.
      if (!threadIds(pid)?.includes(tid)) continue;
      if (error instanceof ThermographError && error.code === 'command-not-found') throw error;
      throw refused(tid, error);
    }
  }
  return true;
}
