// Records real target programs through the real engine and database, end to end.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/api/engine-types';
import { createEngine } from '../../../src-main/api/engine';
import { processGroupAlive } from '../../../src-main/collectors/process-group';
import { SessionStore } from '../../../src-main/store/session-store';
import { sleep, startEngine, waitForEnd } from '../../helpers/engine';
import { startTarget, targetPath, type RunningTarget } from '../../fixtures/targets/start-target';

let engine: Engine;
let databasePath: string;
let dispose: () => Promise<void>;
let target: RunningTarget | undefined;

beforeEach(() => {
  ({ engine, databasePath, dispose } = startEngine());
});

afterEach(async () => {
  await target?.stop();
  target = undefined;
  await dispose();
});

// Every recording here is the timeline alone (profiler: 'none'): a profiler's own sampling would
// show in the target's CPU, which these tests measure. Profiling is tested in profiles.test.ts.
const launch = (script: string, args: string[], intervalMs = 250, durationSeconds: number | null = null) =>
  engine.api.startRecording({
    profiler: 'none',
    target: { kind: 'command', argv: [process.execPath, targetPath(script), ...args] },
    intervalMs,
    includeChildren: false,
    durationSeconds,
  });

describe('recording real programs', () => {
  it('measures a sleeping process, attached by PID, at 5% of a core or less', async () => {
    target = await startTarget('sleeper.js', ['30']);
    const session = await engine.api.startRecording({
      profiler: 'none',
      target: { kind: 'pid', pid: target.pid },
      intervalMs: 250,
      includeChildren: false,
      durationSeconds: 2,
    });
    expect(session.target).toMatchObject({ kind: 'pid', pid: target.pid, runtime: 'node' });
    await waitForEnd(engine, session.id);
    const statistics = await engine.api.getStatistics({ sessionId: session.id });
    const cpu = statistics.metrics.cpuUser!.average + statistics.metrics.cpuSystem!.average;
    expect(cpu).toBeLessThanOrEqual(5);
    expect(target.child.exitCode).toBeNull();
  });

  it('sees a file writer write bytes', async () => {
    const session = await launch('file-writer.js', ['30'], 250, 2.5);
    await waitForEnd(engine, session.id);
    const statistics = await engine.api.getStatistics({ sessionId: session.id });
    expect(statistics.metrics.writeBytesRate!.maximum).toBeGreaterThan(0);
    expect(statistics.writeBytesTotal!).toBeGreaterThan(0);
  });

  it('sees an allocating program grow its RSS', async () => {
    const session = await launch('allocator.js', ['30'], 250, 2.5);
    await waitForEnd(engine, session.id);
    const timeline = await engine.api.getTimeline({ sessionId: session.id, maxPoints: 2000 });
    const rss = timeline.series.rss!.filter((value): value is number => value !== null);
    expect(rss.length).toBeGreaterThanOrEqual(8);
    expect(rss[rss.length - 1]!).toBeGreaterThan(rss[0]! + 10 * 1024 * 1024);
    // Without a runtime profiler no heap figure is ever read: the view leaves the series out
    // rather than shipping a column of nulls.
    expect(Object.keys(timeline.series)).toContain('cpuUser');
    expect(timeline.series.jsHeapUsed).toBeUndefined();
  });

  it('ends with target-exited, keeps output, exit code and samples when the command exits at once', async () => {
    const session = await launch('early-exit.js', [], 100);
    const ended = await waitForEnd(engine, session.id);
    expect(ended.endReason).toBe('target-exited');
    expect(ended.exitCode).toBe(3);
    expect(ended.endMessage).toContain('exited with code 3');
    const output = await engine.api.getOutput({ sessionId: session.id });
    const text = (stream: string) =>
      output
        .filter((chunk) => chunk.stream === stream)
        .map((chunk) => chunk.text)
        .join('');
    expect(text('stdout')).toMatch(/\S/);
    expect(text('stderr')).toMatch(/\S/);
    const timeline = await engine.api.getTimeline({ sessionId: session.id, maxPoints: 100 });
    expect(timeline.times.length).toBe(ended.sampleCount);
    expect(timeline.markers.map((marker) => marker.kind)).toContain('target-exited');
  });

  it('ends a PID recording with target-exited when the process goes away, keeping its samples', async () => {
    target = await startTarget('sleeper.js', ['30']);
    const session = await engine.api.startRecording({
      profiler: 'none',
      target: { kind: 'pid', pid: target.pid },
      intervalMs: 100,
      includeChildren: false,
      durationSeconds: null,
    });
    await sleep(800);
    target.child.kill('SIGKILL');
    const ended = await waitForEnd(engine, session.id, 5_000);
    expect(ended.endReason).toBe('target-exited');
    expect(ended.sampleCount).toBeGreaterThanOrEqual(3);
  });

  it('stops on request, ends the launched command and keeps the samples', async () => {
    const session = await launch('sleeper.js', ['30'], 100);
    await sleep(700);
    const stopped = await engine.api.stopRecording({ sessionId: session.id });
    expect(stopped.endReason).toBe('user-stopped');
    expect(stopped.exitSignal).toBe('SIGTERM');
    expect(stopped.sampleCount).toBeGreaterThanOrEqual(4);
    const again = await engine.api.stopRecording({ sessionId: session.id });
    expect(again.endedAt).toBe(stopped.endedAt);
  });

  it('delivers output within about a second even when the interval is 10 s', async () => {
    const arrived: number[] = [];
    const session = await engine.api.startRecording({
      profiler: 'none',
      target: {
        kind: 'command',
        argv: [process.execPath, '-e', "setTimeout(() => console.log('late line'), 300); setTimeout(() => {}, 5000)"],
      },
      intervalMs: 10_000,
    });
    const startedAt = Date.now();
    engine.subscribe((event, payload) => {
      const chunks = (payload as { sessionId: number; chunks?: { text: string }[] }).chunks ?? [];
      if (event === 'outputAvailable' && chunks.some((chunk) => chunk.text.includes('late line')))
        arrived.push(Date.now());
    });
    while (arrived.length === 0 && Date.now() - startedAt < 9_000) await sleep(50);
    expect(arrived.length).toBe(1);
    // Printed at 300 ms and flushed by the one-shot timer about a second later. Without that timer it
    // would wait for the first tick at 10 s; the bound only tells the two apart, it times nothing.
    expect(arrived[0]! - startedAt).toBeLessThan(8_000);
    await engine.api.stopRecording({ sessionId: session.id });
  });

  it('ends the whole process group of a launched command on stop, not just the shell', async () => {
    const session = await engine.api.startRecording({
      profiler: 'none',
      target: { kind: 'command', argv: ['sh', '-c', 'sleep 30 & sleep 30 & wait'] },
      intervalMs: 100,
    });
    const group = (session.target as { pid: number }).pid;
    await sleep(300);
    expect(processGroupAlive(group)).toBe(true);
    await engine.api.stopRecording({ sessionId: session.id });
    expect(processGroupAlive(group)).toBe(false);
  });

  it('ends what a command left running when it exits, so the recording does not wait on it', async () => {
    const session = await engine.api.startRecording({
      profiler: 'none',
      target: { kind: 'command', argv: ['sh', '-c', '(sleep 30; echo late) & echo started; sleep 0.3'] },
      intervalMs: 100,
    });
    const group = (session.target as { pid: number }).pid;
    const ended = await waitForEnd(engine, session.id, 10_000);
    expect(ended).toMatchObject({ endReason: 'target-exited', exitCode: 0 });
    expect(processGroupAlive(group)).toBe(false);
    const output = await engine.api.getOutput({ sessionId: session.id });
    expect(output.map((chunk) => chunk.text).join('')).toContain('started');
  });

  it('pushes live samples while recording, in order (at 10 Hz a second at a time, from the reading pump)', async () => {
    const received: number[] = [];
    const session = await launch('sleeper.js', ['30'], 100, 1);
    engine.subscribe((event, payload) => {
      const { sessionId, samples } = payload as { sessionId: number; samples: { time: number }[] };
      if (event === 'samplesAvailable' && sessionId === session.id) received.push(...samples.map((each) => each.time));
    });
    await waitForEnd(engine, session.id);
    expect(received.length).toBeGreaterThanOrEqual(5);
    expect(received).toEqual([...received].sort((a, b) => a - b));
  });
});

describe('two Thermographs on one database', () => {
  it('refuses to delete a session another live Thermograph is recording', async () => {
    const session = await launch('sleeper.js', ['30'], 100);
    const other = createEngine({ databasePath, mode: 'cli' });
    try {
      const result = await other.dispatch('deleteSession', { sessionId: session.id });
      expect(result).toMatchObject({ ok: false, error: { code: 'busy' } });
      expect(!result.ok && result.error.message).toContain('Stop the recording there');
    } finally {
      await other.close();
    }
    expect((await engine.api.getSession({ sessionId: session.id })).status).toBe('recording');
  });

  it('ends a recording whose session another process deleted, without failing', async () => {
    const deleted: number[] = [];
    engine.subscribe((event, payload) => {
      if (event === 'sessionDidDelete') deleted.push((payload as { sessionId: number }).sessionId);
    });
    const session = await launch('sleeper.js', ['30'], 100);
    await sleep(300);
    const other = SessionStore.open(databasePath);
    other.deleteSession(session.id);
    other.close();
    while (!deleted.includes(session.id)) await sleep(50);
    expect(await engine.api.listSessions({})).toEqual([]);
    // The engine goes on: a new recording works.
    const next = await launch('sleeper.js', ['30'], 100, 0.5);
    expect((await waitForEnd(engine, next.id)).endReason).toBe('duration-elapsed');
  });
});

describe('bad targets get clear errors and leave nothing behind', () => {
  it('rejects a command that does not exist', async () => {
    const result = await engine.dispatch('startRecording', {
      target: { kind: 'command', argv: ['no-such-command-xyz'] },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'command-not-found' } });
    expect(!result.ok && result.error.message).toContain('no-such-command-xyz');
    expect(await engine.api.listSessions({})).toEqual([]);
  });

  it('rejects a PID that does not exist', async () => {
    const result = await engine.dispatch('startRecording', { target: { kind: 'pid', pid: 4_000_000 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'process-not-found' } });
    expect(await engine.api.listSessions({})).toEqual([]);
  });

  it('rejects a working directory that does not exist', async () => {
    const result = await engine.dispatch('startRecording', {
      target: { kind: 'command', argv: ['true'], cwd: '/no/such/folder' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(!result.ok && result.error.message).toContain('/no/such/folder');
  });
});
