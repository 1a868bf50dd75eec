// getThreads on a real engine: a recording that includes children reads their threads too, a live
// recording's readings are there before it ends, and bad or unknown arguments are refused with the
// error a caller can act on.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/api/engine-types';
import { sleep, startEngine, waitForEnd } from '../../helpers/engine';
import { targetPath } from '../../fixtures/targets/start-target';

let engine: Engine;
let dispose: () => Promise<void>;
beforeEach(() => ({ engine, dispose } = startEngine()));
afterEach(async () => dispose());

describe('getThreads', () => {
  it("reads the children's threads with the target's, live and after the end", async () => {
    // An idle parent whose one child spins a core.
    const session = await engine.api.startRecording({
      profiler: 'none',
      target: { kind: 'command', argv: [process.execPath, targetPath('busy-parent.js'), '30', '1'] },
      intervalMs: 100,
      includeChildren: true,
      durationSeconds: 4,
    });
    await sleep(2500);
    const live = await engine.api.getThreads({ sessionId: session.id });
    expect(live.samples.length).toBeGreaterThanOrEqual(1);
    await waitForEnd(engine, session.id);
    const timeline = await engine.api.getThreads({ sessionId: session.id });
    expect(timeline.samples.length).toBeGreaterThan(live.samples.length - 1);
    const pids = new Set(timeline.identities.map((identity) => identity.pid));
    expect(pids.size).toBeGreaterThanOrEqual(2);
    // The busiest thread in the last reading is a child's main thread, at most one core.
    const last = timeline.samples.at(-1)!;
    const busiest = [...last.threads].sort((left, right) => (right.cpu ?? 0) - (left.cpu ?? 0))[0]!;
    expect(busiest.pid).not.toBe(timeline.samples[0]!.threads[0]!.pid);
    expect(busiest.cpu).toBeGreaterThan(40);
    expect(busiest.cpu).toBeLessThanOrEqual(100);
    // A range holds only the readings within it.
    const from = timeline.samples[1]!.time;
    const ranged = await engine.api.getThreads({ sessionId: session.id, from, to: from });
    expect(ranged.samples.map((sample) => sample.time)).toEqual([from]);
  }, 30_000);

  it('refuses an unknown session and a range that ends before it starts', async () => {
    expect(await engine.dispatch('getThreads', { sessionId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await engine.dispatch('getThreads', { sessionId: 1, from: 10, to: 5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
  });
});
