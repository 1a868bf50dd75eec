import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metricKeys } from '../../../src-shared/model/resource';
import type { ResourceSample } from '../../../src-shared/model/resource';
import { fullChunkSamples, maximumChunkSamples } from '../../../src-main/store/sample-repository';
import type { SessionStore } from '../../../src-main/store/session-store';
import type { Database } from 'better-sqlite3';
import { expectedColumn, newSession, sampleAt, samples, storeWithSession } from './store-fixtures';

const start = 1_700_000_000_000;
let database: Database;
let store: SessionStore;
let id: number;
let close: () => void;

beforeEach(() => {
  ({ database, store, id, close } = storeWithSession('samples', start));
});
afterEach(() => close());

/** The session's chunk sizes in order, straight from SQLite. */
function chunkCounts(sessionId = id): number[] {
  return database
    .prepare('SELECT count FROM sample_chunks WHERE session_id = ? ORDER BY chunk')
    .pluck()
    .all(sessionId) as number[];
}

function expectSamples(read: ReturnType<SessionStore['readSamples']>, expected: readonly ResourceSample[]): void {
  expect(Array.from(read.times)).toEqual(expected.map((sample) => sample.time));
  for (const [key, values] of Object.entries(read.columns)) {
    expect(Array.from(values), key).toEqual(expectedColumn(expected, key as (typeof metricKeys)[number]));
  }
}

describe('samples', () => {
  it('round-trips every metric of a batch, nulls as NaN', () => {
    const written = samples(250, start);
    store.appendSamples(id, written);
    const read = store.readSamples(id);
    expect(Object.keys(read.columns)).toEqual([...metricKeys]);
    expectSamples(read, written);
    expect(Number.isNaN(read.columns.readBytesRate![0])).toBe(true);
    expect(store.sampleRange(id)).toEqual({ from: start, to: start + 249 * 100, count: 250 });
    expect(store.getSession(id)!.sampleCount).toBe(250);
  });

  it('reads a closed time range, including samples exactly on its ends, across chunks', () => {
    const written = samples(3_000, start);
    for (let index = 0; index < written.length; index += 700)
      store.appendSamples(id, written.slice(index, index + 700));
    const from = start + 650 * 100;
    const to = start + 2_100 * 100;
    expectSamples(store.readSamples(id, { from, to }), written.slice(650, 2_101));
    expectSamples(store.readSamples(id, { from: from + 1, to: to - 1 }), written.slice(651, 2_100));
    expectSamples(store.readSamples(id, { from: start - 10_000, to: start }), written.slice(0, 1));
    expect(store.readSamples(id, { from: start + 10_000_000 }).times).toHaveLength(0);
  });

  it('reads only the requested metrics', () => {
    const written = samples(100, start);
    store.appendSamples(id, written);
    const read = store.readSamples(id, { metrics: ['rss', 'cpuUser', 'pss'], from: start + 1_000 });
    expect(Object.keys(read.columns).sort()).toEqual(['cpuUser', 'pss', 'rss']);
    expectSamples(read, written.slice(10));
  });

  it('keeps no blob for a metric that is null in a whole chunk, and reads it back as NaN', () => {
    const written = samples(20, start).map((sample) => ({ ...sample, pss: null }));
    store.appendSamples(id, written);
    const stored = database
      .prepare('SELECT COUNT(*) FROM sample_columns WHERE session_id = ? AND column_index = ?')
      .pluck();
    expect(stored.get(id, metricKeys.indexOf('pss'))).toBe(0);
    expect(stored.get(id, metricKeys.indexOf('rss'))).toBe(1);
    expectSamples(store.readSamples(id, { metrics: ['pss', 'rss'] }), written);
  });

  it('compacts a recording that flushes 10 samples at a time into full chunks, losing nothing', () => {
    const written = samples(10_000, start);
    for (let index = 0; index < written.length; index += 10) store.appendSamples(id, written.slice(index, index + 10));
    const counts = chunkCounts();
    // Two merged chunks of about 4,096, then the 10-sample chunks written since the last merge.
    expect(counts.slice(0, 2).every((count) => count >= fullChunkSamples)).toBe(true);
    expect(counts.slice(2).every((count) => count === 10)).toBe(true);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(10_000);
    expectSamples(store.readSamples(id), written);

    store.compactSession(id);
    expect(chunkCounts()).toHaveLength(3);
    expectSamples(store.readSamples(id), written);
    expectSamples(
      store.readSamples(id, { from: start + 4_000 * 100, to: start + 8_500 * 100 - 1 }),
      written.slice(4_000, 8_500),
    );
  });

  it('writes a batch of 512 samples or more once, taking in the small chunks before it', () => {
    const written = samples(2_300, start);
    for (let index = 0; index < 300; index += 10) store.appendSamples(id, written.slice(index, index + 10));
    store.appendSamples(id, written.slice(300, 1_300));
    // The 10-sample chunks are merged with the batch; the next batch is written as it came.
    expect(chunkCounts()).toEqual([1_300]);
    store.appendSamples(id, written.slice(1_300, 2_300));
    expect(chunkCounts()).toEqual([1_300, 1_000]);
    expectSamples(store.readSamples(id), written);
    expectSamples(
      store.readSamples(id, { from: start + 1_200 * 100, to: start + 1_400 * 100 }),
      written.slice(1_200, 1_401),
    );
  });

  it('ending a session compacts its trailing chunks, and appends after that continue correctly', () => {
    const written = samples(600, start);
    for (let index = 0; index < 300; index += 10) store.appendSamples(id, written.slice(index, index + 10));
    store.endSession(id, {
      endedAt: start + 30_000,
      endReason: 'user-stopped',
      endMessage: null,
      exitCode: null,
      exitSignal: null,
    });
    expect(chunkCounts()).toEqual([300]);
    store.appendSamples(id, written.slice(300));
    expect(chunkCounts()).toEqual([300, 300]);
    expectSamples(store.readSamples(id), written);
  });

  it('splits a huge batch into chunks no larger than the maximum', () => {
    const written = samples(20_000, start, 10);
    store.appendSamples(id, written);
    const counts = chunkCounts();
    expect(counts.every((count) => count >= fullChunkSamples && count <= maximumChunkSamples)).toBe(true);
    expectSamples(
      store.readSamples(id, { from: start + 5_000 * 10, to: start + 15_000 * 10 }),
      written.slice(5_000, 15_001),
    );
  });

  it('stays correct when the clock steps back during a recording', () => {
    // 0..99 at 100 ms, then the wall clock jumps back 5 s and carries on.
    const before = samples(100, start);
    const after = Array.from({ length: 100 }, (_, index) => sampleAt(start + 5_000 + index * 100, 100 + index));
    // One batch, so the range picks two separate runs out of the same chunk.
    store.appendSamples(id, [...before, ...after]);
    const from = start + 5_000;
    const to = start + 6_000;
    const inRange = [...before, ...after].filter((sample) => sample.time >= from && sample.time <= to);
    expectSamples(store.readSamples(id, { from, to }), inRange);
    expect(store.sampleRange(id)).toEqual({ from: start, to: start + 5_000 + 99 * 100, count: 200 });
  });

  it('keeps sessions apart', () => {
    const other = store.createSession(newSession('other', start)).id;
    store.appendSamples(id, samples(10, start));
    store.appendSamples(other, samples(5, start, 100, 50));
    expectSamples(store.readSamples(other), samples(5, start, 100, 50));
    expect(store.readSamples(id).times).toHaveLength(10);
  });

  it('reads nothing from a session without samples, and refuses to append to a missing one', () => {
    expect(store.sampleRange(id)).toBeNull();
    const read = store.readSamples(id, { metrics: ['rss'] });
    expect(read.times).toHaveLength(0);
    expect(read.columns.rss).toHaveLength(0);
    expect(() => store.appendSamples(9_999, samples(1, start))).toThrow(
      expect.objectContaining({ code: 'not-found', message: 'Session 9999 does not exist; it may have been deleted.' }),
    );
  });
});
