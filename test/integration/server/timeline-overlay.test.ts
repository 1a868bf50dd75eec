// getTimelineOverlay through browser mode as the Compare view calls it: series and a single session
// recorded by the built CLI from a real benchmark (test/fixtures/targets/planted-regression.js),
// then the built `thermograph serve` asked over its WebSocket for both sides' timelines. Each side
// must be drawn from its run of median wall time, with times counted from that run's start.

import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { TimelineOverlay } from '../../../src-shared/compare/timeline-overlay';
import type { SessionSummary } from '../../../src-shared/model/session';
import type { TimelineView } from '../../../src-shared/timeline/view';
import { temporaryFolder } from '../../helpers/engine';
import { apiCaller, openSocket } from './http-client';
import { builtCli, startBuiltServe, type ServeProcess } from './serve-process';

const benchmark = resolve(__dirname, '../../fixtures/targets/planted-regression.js');

/** `thermograph record` of the benchmark into `database`; returns the sessions it recorded. */
function record(database: string, args: string[], work = '1', slower = false): SessionSummary[] {
  const result = spawnSync(
    process.execPath,
    [builtCli, 'record', '--db', database, '--interval', '100', '--profile', 'none', '--json', ...args, '--'].concat([
      process.execPath,
      benchmark,
      work,
    ]),
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, SLOWER: slower ? '1' : '0' } },
  );
  expect(result.status, result.stderr).toBe(0);
  // One run prints { session }, a series { series, sessions }.
  const printed = JSON.parse(result.stdout) as { session?: SessionSummary; sessions?: SessionSummary[] };
  return printed.sessions ?? [printed.session!];
}

/** The run a side of these sessions must be drawn from: median wall time, the lower of two middle ones. */
function medianRun(sessions: SessionSummary[]): SessionSummary {
  const sorted = [...sessions].sort((left, right) => left.runMetrics!.wall! - right.runMetrics!.wall!);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

describe('getTimelineOverlay in browser mode', () => {
  const folder = temporaryFolder('thermograph-overlay-');
  const database = join(folder.path, 'overlay.db');
  let main: SessionSummary[];
  let pr: SessionSummary[];
  let single: SessionSummary;
  let serve: ServeProcess;
  let socket: WebSocket;

  /** One call over the socket, its typed arrays restored. */
  let call: ReturnType<typeof apiCaller>;

  beforeAll(async () => {
    main = record(database, ['--repeat', '4', '--name', 'main']);
    pr = record(database, ['--repeat', '3', '--name', 'pr'], '1', true);
    // A longer run, so a small point budget has to decimate it.
    single = record(database, ['--name', 'long'], '4')[0]!;
    serve = await startBuiltServe(database);
    socket = await openSocket(serve.socketUrl);
    call = apiCaller(socket);
  }, 180_000);

  afterAll(() => {
    socket?.close();
    if (serve && serve.child.exitCode === null) serve.child.kill('SIGTERM');
    folder.remove();
  });

  it('draws each series from its run of median wall time, aligned at that run’s start', async () => {
    const answer = await call<TimelineOverlay>('getTimelineOverlay', { baseline: 'main', candidate: 'pr' });
    if (!answer.ok) throw new Error(answer.error.message);
    const overlay = answer.value;
    for (const [side, sessions, label] of [
      [overlay.baseline, main, 'main'],
      [overlay.candidate, pr, 'pr'],
    ] as const) {
      const chosen = medianRun(sessions);
      expect(side).toMatchObject({
        label,
        session: { id: chosen.id, name: label },
        run: sessions.findIndex((session) => session.id === chosen.id) + 1,
        runs: sessions.length,
        choice: 'median-wall-time',
        wallMs: chosen.runMetrics!.wall,
      });
      // The same samples as the session's own timeline, moved so its start is 0.
      const own = await call<TimelineView>('getTimeline', { sessionId: chosen.id });
      if (!own.ok) throw new Error(own.error.message);
      expect(Array.from(side.timeline.times)).toEqual(Array.from(own.value.times, (time) => time - chosen.startedAt));
      expect(side.timeline.times[0]).toBeGreaterThanOrEqual(0);
      expect(side.timeline.duration).toBe(Math.max(chosen.endedAt! - chosen.startedAt, side.timeline.times.at(-1)!));
      expect(Array.from(side.timeline.series.rss!)).toEqual(Array.from(own.value.series.rss!));
      expect(side.timeline.series.cpuUser).toBeDefined();
      expect(side.timeline.rawCount).toBe(own.value.rawCount);
    }
  });

  it('draws a single session as itself, decimated to the point budget', async () => {
    const answer = await call<TimelineOverlay>('getTimelineOverlay', {
      baseline: String(single.id),
      candidate: 'main',
      maxPoints: 10,
    });
    if (!answer.ok) throw new Error(answer.error.message);
    const side = answer.value.baseline;
    expect(side).toMatchObject({ session: { id: single.id }, run: 1, runs: 1, choice: 'only-session' });
    expect(side.timeline.rawCount).toBeGreaterThan(10);
    expect(side.timeline.decimated).toBe(true);
    expect(side.timeline.times.length).toBeLessThanOrEqual(10);
    expect(side.timeline.series.rss!.length).toBe(side.timeline.times.length);
  });

  it('says what is wrong with a side or a budget', async () => {
    const unknown = await call('getTimelineOverlay', { baseline: 'main', candidate: 'nothing-called-this' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(!unknown.ok && unknown.error.message).toContain('nothing-called-this');
    const budget = await call('getTimelineOverlay', { baseline: 'main', candidate: 'pr', maxPoints: 5 });
    expect(budget).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});
