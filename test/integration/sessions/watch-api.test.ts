// The watch methods on a real engine recording a real process: alert rules given at the start, their
// events pushed as they happen and stored, rules edited while recording (an unchanged rule keeps its
// episode: no second alert), rules saved as the target's defaults and used by its next recording,
// and the refusals (a bad rule before anything starts, editing an ended session's own rules).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../../src-shared/model/watch';
import type { Engine } from '../../../src-main/api/engine-types';
import { startEngine, waitForEnd } from '../../helpers/engine';
import { eventually } from '../cli/cli-harness';

let engine: Engine;
let dispose: () => Promise<void>;
beforeEach(() => ({ engine, dispose } = startEngine()));
afterEach(() => dispose());

const sleeper = { kind: 'command' as const, argv: ['sleep', '30'] };

describe('watch methods', () => {
  it('pushes and stores alerts, and edits rules while recording without firing an unchanged rule again', async () => {
    const pushed: WatchEvent[] = [];
    engine.subscribe((event, payload) => {
      if (event === 'watchDidFind') pushed.push(...(payload as { events: WatchEvent[] }).events);
    });
    const session = await engine.api.startRecording({
      target: sleeper,
      intervalMs: 100,
      profiler: 'none',
      alertRules: ['threads>=1'],
    });
    expect(session.settings.alertRules.map((rule) => rule.text)).toEqual(['threads>=1']);
    expect(session.settings.anomalyDetection).toBe(true);
    expect(await eventually(() => pushed.length > 0)).toBe(true);
    const edited = await engine.api.setWatch({
      sessionId: session.id,
      rules: ['threads>=1', 'fds>100000'],
      anomalyDetection: false,
    });
    expect(edited.rules.map((rule) => rule.text)).toEqual(['threads>=1', 'fds>100000']);
    expect(edited.anomalyDetection).toBe(false);
    expect(edited.detectors).toEqual([]);
    expect((await engine.api.getSession({ sessionId: session.id })).settings.alertRules).toHaveLength(2);
    await new Promise((wait) => setTimeout(wait, 500));
    await engine.api.stopRecording({ sessionId: session.id });
    await waitForEnd(engine, session.id);
    const { events } = await engine.api.getWatch({ sessionId: session.id });
    const fired = events.filter((event) => event.kind === 'alert' && event.alert.kind === 'fired');
    // One episode, one alert: the edit kept threads>=1's episode.
    expect(fired).toHaveLength(1);
    expect(events).toEqual(pushed);
    // The minute before the episode and after its firing is kept at full detail, whatever its age.
    const { pinned } = await engine.api.getRetention({ sessionId: session.id });
    const alert = (fired[0] as Extract<WatchEvent, { kind: 'alert' }>).alert;
    expect(pinned).toEqual([
      expect.objectContaining({
        reason: 'alert',
        label: 'threads>=1',
        from: alert.since - 60_000,
        to: alert.time + 60_000,
      }),
    ]);
    // Under a second of RSS readings: the memory forecast says why it cannot tell yet.
    const { memory } = await engine.api.getWatch({ sessionId: session.id });
    expect(memory!.forecast).toMatchObject({ status: 'not-enough-data' });
    expect(memory!.forecast.status !== 'growing' && memory!.forecast.reason).toMatch(/a memory forecast needs ≥ 10/);
    expect(memory!.limit.bytes).toBeGreaterThan(0);
  });

  it('saves rules as the target defaults, which its next recording takes unless it names its own', async () => {
    const first = await engine.api.startRecording({ target: sleeper, profiler: 'none', durationSeconds: 0.3 });
    expect(first.settings.alertRules).toEqual([]);
    await waitForEnd(engine, first.id);
    await expect(engine.api.setWatch({ sessionId: first.id, rules: ['cpu>90%:10s'] })).rejects.toThrow(
      /has ended: its alert rules are the ones that watched it/,
    );
    const saved = await engine.api.setWatch({ sessionId: first.id, rules: ['cpu>90%:10s'], saveAsTargetDefault: true });
    expect(saved.targetDefaults.map((rule) => rule.text)).toEqual(['cpu>90%:10s']);
    expect(saved.rules).toEqual([]);
    const second = await engine.api.startRecording({ target: sleeper, profiler: 'none', durationSeconds: 0.3 });
    expect(second.settings.alertRules.map((rule) => rule.text)).toEqual(['cpu>90%:10s']);
    const third = await engine.api.startRecording({
      target: sleeper,
      profiler: 'none',
      durationSeconds: 0.3,
      alertRules: [],
    });
    expect(third.settings.alertRules).toEqual([]);
    await Promise.all([waitForEnd(engine, second.id), waitForEnd(engine, third.id)]);
  });

  it('refuses a bad rule before anything starts', async () => {
    await expect(
      engine.api.startRecording({ target: sleeper, profiler: 'none', alertRules: ['rss>1.5G'] }),
    ).rejects.toThrow(/"rss>1.5G": the size unit "G" is unknown/);
    expect(await engine.api.listSessions({})).toEqual([]);
  });
});
