// Thread readings through SessionStore on a real database file: appended while recording, read by
// range with the names of the threads in it, renamed threads keep their last name, and deleting the
// session deletes them.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadReading, ThreadSample } from '../../../src-shared/diagnosis/threads';
import { SessionStore } from '../../../src-main/store/session-store';
import { newSession, temporaryFolder } from './store-fixtures';

let folder: string;
let remove: () => void;
let store: SessionStore;
beforeEach(() => {
  ({ folder, remove } = temporaryFolder());
  store = SessionStore.open(join(folder, 'thermograph.db'));
});
afterEach(() => {
  store.close();
  remove();
});

const reading = (tid: number, cpu: number): ThreadReading => ({
  tid,
  pid: 10,
  state: cpu > 50 ? 'running' : 'sleeping',
  cpu,
  voluntarySwitchRate: 1,
  involuntarySwitchRate: 0,
  waitChannel: cpu > 50 ? null : 'futex_do_wait',
});
const sampleAt = (time: number, threads: ThreadReading[]): ThreadSample => ({ time, threads });

describe('thread readings in the store', () => {
  it('reads back by range, with the names of the threads the range holds', () => {
    const id = store.createSession(newSession()).id;
    store.appendThreads(
      id,
      [sampleAt(1000, [reading(10, 0), reading(11, 99)])],
      [
        { tid: 10, pid: 10, name: 'main' },
        { tid: 11, pid: 10, name: 'worker' },
      ],
    );
    store.appendThreads(
      id,
      [sampleAt(2000, [reading(10, 1)]), sampleAt(3000, [reading(10, 2), reading(12, 3)])],
      [
        { tid: 12, pid: 10, name: 'late' },
        { tid: 11, pid: 10, name: 'renamed' },
      ],
    );
    const all = store.readThreads(id);
    expect(all.sessionId).toBe(id);
    expect(all.samples.map((sample) => sample.time)).toEqual([1000, 2000, 3000]);
    expect(all.samples[0]!.threads).toEqual([reading(10, 0), reading(11, 99)]);
    expect(all.identities).toEqual([
      { tid: 10, pid: 10, name: 'main' },
      { tid: 11, pid: 10, name: 'renamed' },
      { tid: 12, pid: 10, name: 'late' },
    ]);
    const middle = store.readThreads(id, { from: 1500, to: 2500 });
    expect(middle.samples.map((sample) => sample.time)).toEqual([2000]);
    expect(middle.identities.map((identity) => identity.name)).toEqual(['main']);
  });

  it('has none for a session recorded without them, and refuses an unknown session', () => {
    const id = store.createSession(newSession()).id;
    expect(store.readThreads(id)).toEqual({ sessionId: id, identities: [], samples: [] });
    expect(() => store.readThreads(id + 1)).toThrow(/does not exist/);
    expect(() => store.appendThreads(id + 1, [sampleAt(1, [])], [])).toThrow(/does not exist/);
  });

  it('deletes them with the session', () => {
    const id = store.createSession(newSession()).id;
    store.appendThreads(id, [sampleAt(1000, [reading(10, 0)])], [{ tid: 10, pid: 10, name: 'main' }]);
    expect(store.deleteSession(id)).toBe(true);
    const database = new Database(join(folder, 'thermograph.db'), { readonly: true });
    try {
      expect(database.prepare('SELECT count(*) FROM thread_samples').pluck().get()).toBe(0);
      expect(database.prepare('SELECT count(*) FROM session_threads').pluck().get()).toBe(0);
    } finally {
      database.close();
    }
  });
});
