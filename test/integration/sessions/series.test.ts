// A series through the real engine and database: a launched command recorded several times, one run
// after another, with warm-ups deleted, progress reported, and an early end when a run fails or the
// series is stopped. The targets are real programs (test/fixtures/targets).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/api/engine-types';
import type { StartRecordingInput } from '../../../src-shared/api/params';
import type { SeriesProgress } from '../../../src-shared/model/series';
import type { SessionSummary } from '../../../src-shared/model/session';
import { startEngine } from '../../helpers/engine';
import { targetPath } from '../../fixtures/targets/start-target';

let engine: Engine;
let dispose: () => Promise<void>;

beforeEach(() => {
  ({ engine, dispose } = startEngine());
});

afterEach(async () => {
  await dispose();
});

/** A launch of a target program, timeline only (a profiler would add nothing these tests look at). */
const launch = (script: string, args: string[], name?: string): StartRecordingInput => ({
  profiler: 'none',
  target: { kind: 'command', argv: [process.execPath, targetPath(script), ...args] },
  intervalMs: 100,
  ...(name ? { name } : {}),
});

/** Everything the engine says about series and sessions, in order. */
function watch() {
  const progress: SeriesProgress[] = [];
  const ended: SessionSummary[] = [];
  const deleted: number[] = [];
  const unsubscribe = engine.subscribe((event, payload) => {
    if (event === 'seriesDidProgress') progress.push(payload as SeriesProgress);
    if (event === 'sessionDidDelete') deleted.push((payload as { sessionId: number }).sessionId);
    if (event === 'sessionDidChange' && (payload as SessionSummary).status === 'ended')
      ended.push(payload as SessionSummary);
  });
  /** Resolves with the first progress that `wanted` accepts, as soon as it has come. */
  const until = (wanted: (status: SeriesProgress) => boolean, timeoutMs = 60_000) =>
    new Promise<SeriesProgress>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the series never got there')), timeoutMs);
      const check = () => {
        const found = progress.find(wanted);
        if (!found) return;
        clearTimeout(timer);
        stop();
        resolve(found);
      };
      // Each event is checked after every listener has seen it (this one may have subscribed first).
      const stop = engine.subscribe(() => setImmediate(check));
      check();
    });
  /** Resolves with the series' last progress once it is over. */
  const over = (seriesId: number) => until((status) => status.seriesId === seriesId && status.state !== 'recording');
  return { progress, ended, deleted, until, over, unsubscribe };
}

describe('a series of runs', () => {
  it('records 3 runs after 1 warm-up one after another, deletes the warm-up and keeps the runs under one name', async () => {
    const events = watch();
    const started = await engine.api.startSeries({
      ...launch('planted-regression.js', ['0.25'], 'fast build'),
      repeat: 3,
      warmup: 1,
    });
    expect(started).toMatchObject({ seriesName: 'fast build', run: 1, of: 1, warmUp: true, state: 'recording' });
    expect(started.totalRuns).toBe(4);
    const warmUpId = started.sessionId!;

    const last = await events.over(started.seriesId);
    expect(last.state).toBe('finished');
    expect(last.message).toBeNull();
    expect(last.completedRuns).toBe(4);
    expect(last.sessionIds).toHaveLength(3);

    // One progress event as each run starts, warm-up first, and one at the end.
    const runs = events.progress.filter((status) => status.state === 'recording');
    expect(runs.map((status) => [status.warmUp, status.run, status.of])).toEqual([
      [true, 1, 1],
      [false, 1, 3],
      [false, 2, 3],
      [false, 3, 3],
    ]);
    expect(runs.slice(1).map((status) => status.sessionId)).toEqual(last.sessionIds);

    // Runs never overlap: each starts after the one before it has ended (the warm-up included). Runs
    // are told apart by the order they ended in: the store may give a deleted warm-up's id to the next run.
    const endings = events.ended;
    expect(endings).toHaveLength(4);
    expect(endings[0]!.id).toBe(warmUpId);
    for (const session of endings) expect(session.endReason).toBe('target-exited');
    for (let index = 1; index < endings.length; index++)
      expect(endings[index]!.startedAt).toBeGreaterThanOrEqual(endings[index - 1]!.endedAt!);

    // The warm-up is gone; the three runs are the series, each with the figures comparisons use.
    expect(events.deleted).toEqual([warmUpId]);
    const sessions = await engine.api.listSessions({});
    expect(sessions.map((session) => session.id).sort()).toEqual([...last.sessionIds].sort());
    for (const session of sessions) {
      expect(session.name).toBe('fast build');
      expect(session.runMetrics?.wall).toBeGreaterThan(0);
    }
    expect(await engine.api.listSeries({})).toEqual([]);
    events.unsubscribe();
  });

  it('stops on request: the finished runs are kept and the run in progress is discarded', async () => {
    const events = watch();
    const started = await engine.api.startSeries({ ...launch('sleeper.js', ['0.6'], 'stopped'), repeat: 5 });
    expect(await engine.api.listSeries({})).toMatchObject([{ seriesId: started.seriesId, state: 'recording' }]);
    // Stop the series in the middle of its second run.
    const second = (await events.until((status) => status.run === 2)).sessionId!;
    const last = await engine.api.stopSeries({ seriesId: started.seriesId });
    expect(last.state).toBe('stopped');
    expect(last.message).toMatch(/Stopped after 1 of 5 runs/);
    expect(last.sessionIds).toEqual([started.sessionId]);
    expect(last.completedRuns).toBe(1);
    expect(events.deleted).toEqual([second]);
    expect((await engine.api.listSessions({})).map((session) => session.id)).toEqual([started.sessionId]);
    await expect(engine.api.stopSeries({ seriesId: started.seriesId })).rejects.toMatchObject({ code: 'not-found' });
    events.unsubscribe();
  });

  it('ends at a run whose command fails, keeping it to show why', async () => {
    const events = watch();
    const started = await engine.api.startSeries({ ...launch('early-exit.js', []), repeat: 3, warmup: 1 });
    const last = await events.over(started.seriesId);
    expect(last.state).toBe('failed');
    expect(last.message).toMatch(/^Warm-up run 1 of 1: the command exited with code 3/);
    expect(last.sessionIds).toEqual([started.sessionId]);
    expect(events.progress.filter((status) => status.state === 'recording')).toHaveLength(1);
    events.unsubscribe();
  });

  it('gives a series without a name one no earlier session has, so two series never merge', async () => {
    const events = watch();
    const first = await engine.api.startSeries({ ...launch('sleeper.js', ['0.1']), repeat: 1 });
    await events.over(first.seriesId);
    const second = await engine.api.startSeries({ ...launch('sleeper.js', ['0.1']), repeat: 1 });
    await events.over(second.seriesId);
    expect(first.seriesName).toBe(`node ${targetPath('sleeper.js')} 0.1`);
    expect(second.seriesName).toBe(`${first.seriesName} (2)`);
    events.unsubscribe();
  });

  it('refuses a running process (PID) as the target, before anything starts', async () => {
    await expect(
      engine.api.startSeries({ target: { kind: 'pid', pid: process.pid }, repeat: 3 }),
    ).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/^Invalid target for startSeries: a series records a launched command/),
    });
    expect(await engine.api.listSessions({})).toEqual([]);
  });
});
