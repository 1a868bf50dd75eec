import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/store/database';
import { SessionStore } from '../../../src-main/store/session-store';
import type { Database } from 'better-sqlite3';
import type { SamplerLimitation } from '../../../src-shared/model/resource';
import type { TargetDescription } from '../../../src-shared/model/session';
import { newSession, samples, temporaryFolder } from './store-fixtures';

const start = 1_700_000_000_000;
let remove: () => void;
let database: Database;
let store: SessionStore;

beforeEach(() => {
  const temporary = temporaryFolder();
  remove = temporary.remove;
  database = openDatabase(join(temporary.folder, 'thermograph.db'));
  store = new SessionStore(database);
});
afterEach(() => {
  store.close();
  remove();
});

const notFound = (id: number) =>
  expect.objectContaining({ code: 'not-found', message: `Session ${id} does not exist; it may have been deleted.` });

describe('sessions', () => {
  it('creates a recording session and returns everything it was given', () => {
    const input = newSession('first', start);
    const session = store.createSession(input);
    expect(session).toEqual({
      id: session.id,
      ...input,
      status: 'recording',
      endedAt: null,
      endReason: null,
      endMessage: null,
      exitCode: null,
      exitSignal: null,
      tags: [],
      baseline: false,
      sampleCount: 0,
      limitations: [],
      profiles: [],
      profiler: null,
      overhead: null,
      runMetrics: null,
    });
    expect(store.getSession(session.id)).toEqual(session);
    expect(store.getSession(session.id + 1)).toBeNull();
  });

  it('lists sessions newest first with their sample counts', () => {
    const older = store.createSession(newSession('older', start)).id;
    const newer = store.createSession(newSession('newer', start + 60_000)).id;
    store.appendSamples(older, samples(30, start));
    store.appendSamples(older, samples(12, start + 3_000, 100, 30));
    expect(store.listSessions().map(({ id, sampleCount }) => ({ id, sampleCount }))).toEqual([
      { id: newer, sampleCount: 0 },
      { id: older, sampleCount: 42 },
    ]);
  });

  it('renames, tags, marks as baseline, updates the target and limitations', () => {
    const id = store.createSession(newSession()).id;
    expect(store.renameSession(id, 'after the fix').name).toBe('after the fix');
    expect(store.setTags(id, ['nightly', ' ci ', 'nightly', '', 'perf']).tags).toEqual(['nightly', 'ci', 'perf']);
    expect(store.setTags(id, ['perf']).tags).toEqual(['perf']);
    expect(store.setBaseline(id, true).baseline).toBe(true);
    expect(store.setBaseline(id, false).baseline).toBe(false);
    const target: TargetDescription = {
      kind: 'command',
      argv: ['node', 'app.js'],
      cwd: '/srv',
      env: { NODE_ENV: 'production' },
      pid: 77,
      runtime: 'node',
    };
    expect(store.updateTarget(id, target).target).toEqual(target);
    const limitations: SamplerLimitation[] = [
      {
        metrics: ['readBytesRate', 'writeBytesRate'],
        message: 'Run Thermograph as the process owner to read its I/O.',
      },
    ];
    expect(store.setLimitations(id, limitations).limitations).toEqual(limitations);
    expect(store.getSession(id)).toMatchObject({ name: 'after the fix', tags: ['perf'], target, limitations });
  });

  it('ends a session once: a later end keeps the first reason', () => {
    const id = store.createSession(newSession()).id;
    const ended = store.endSession(id, {
      endedAt: start + 5_000,
      endReason: 'target-exited',
      endMessage: 'exited with code 3',
      exitCode: 3,
      exitSignal: null,
    });
    expect(ended).toMatchObject({
      status: 'ended',
      endedAt: start + 5_000,
      endReason: 'target-exited',
      endMessage: 'exited with code 3',
      exitCode: 3,
    });
    const again = store.endSession(id, {
      endedAt: start + 6_000,
      endReason: 'user-stopped',
      endMessage: null,
      exitCode: null,
      exitSignal: null,
    });
    expect(again).toEqual(ended);
  });

  it('throws not-found for changes to a session that does not exist', () => {
    const end = {
      endedAt: start,
      endReason: 'user-stopped',
      endMessage: null,
      exitCode: null,
      exitSignal: null,
    } as const;
    expect(() => store.renameSession(12, 'x')).toThrow(notFound(12));
    expect(() => store.setTags(12, ['x'])).toThrow(notFound(12));
    expect(() => store.setBaseline(12, true)).toThrow(notFound(12));
    expect(() => store.endSession(12, end)).toThrow(notFound(12));
    expect(() => store.updateTarget(12, newSession().target)).toThrow(notFound(12));
    expect(() => store.appendOutput(12, [{ time: start, stream: 'stdout', text: 'x' }])).toThrow(notFound(12));
    expect(() => store.addMarker(12, { time: start, kind: 'note', message: 'x' })).toThrow(notFound(12));
    expect(store.deleteSession(12)).toBe(false);
  });

  it('deletes a session with all its samples, output, tags and markers, leaving others alone', () => {
    const doomed = store.createSession(newSession('doomed')).id;
    const kept = store.createSession(newSession('kept')).id;
    for (const id of [doomed, kept]) {
      for (let index = 0; index < 5_000; index += 10)
        store.appendSamples(id, samples(10, start + index * 100, 100, index));
      store.setTags(id, ['a', 'b']);
      store.appendOutput(id, [{ time: start, stream: 'stdout', text: 'hello\n' }]);
      store.addMarker(id, { time: start + 1_000, kind: 'note', message: 'here' });
    }
    const rowsOf = (id: number) =>
      ['sample_chunks', 'sample_columns', 'session_tags', 'output_chunks', 'session_markers'].map(
        (table) => database.prepare(`SELECT COUNT(*) FROM ${table} WHERE session_id = ?`).pluck().get(id) as number,
      );
    expect(rowsOf(doomed).every((count) => count > 0)).toBe(true);
    const keptBefore = rowsOf(kept);

    expect(store.deleteSession(doomed)).toBe(true);
    expect(rowsOf(doomed)).toEqual([0, 0, 0, 0, 0]);
    expect(store.getSession(doomed)).toBeNull();
    expect(rowsOf(kept)).toEqual(keptBefore);
    expect(store.readSamples(kept).times).toHaveLength(5_000);
  });
});

describe('output and markers', () => {
  it('numbers output chunks 0, 1, 2... per session and pages through them', () => {
    const id = store.createSession(newSession()).id;
    const first = store.appendOutput(id, [
      { time: start, stream: 'stdout', text: 'one\n' },
      { time: start + 1, stream: 'stderr', text: 'two\n' },
    ]);
    const second = store.appendOutput(id, [{ time: start + 2, stream: 'stdout', text: 'three\n' }]);
    expect([...first, ...second].map((chunk) => chunk.sequence)).toEqual([0, 1, 2]);
    expect(store.readOutput(id, -1, 10)).toEqual([...first, ...second]);
    expect(store.readOutput(id, 0, 1)).toEqual([first[1]]);
    expect(store.readOutput(id, 2, 10)).toEqual([]);
    const other = store.createSession(newSession()).id;
    expect(store.appendOutput(other, [{ time: start, stream: 'stdout', text: 'x' }])[0]!.sequence).toBe(0);
  });

  it('lists markers in time order', () => {
    const id = store.createSession(newSession()).id;
    store.addMarker(id, { time: start + 9_000, kind: 'target-exited', message: 'exited with code 0' });
    store.addMarker(id, { time: start + 1_000, kind: 'child-started', message: 'pid 88 started' });
    expect(store.listMarkers(id).map((marker) => marker.kind)).toEqual(['child-started', 'target-exited']);
  });
});
