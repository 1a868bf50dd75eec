// A launched busy loop recorded through the engine at 4 Hz reads at least half a core. Its figure
// depends on what else the machine runs, so it runs alone (vitest.config.mts, measuring): beside the
// parallel suite a spinning program got 37 % of a core once. honest-cpu.test.ts judges the figure
// against the kernel's own.

import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/api/engine-types';
import { startEngine, waitForEnd } from '../../helpers/engine';
import { targetPath } from '../../fixtures/targets/start-target';

let engine: Engine;
let dispose: () => Promise<void>;
beforeEach(() => ({ engine, dispose } = startEngine()));
afterEach(() => dispose());

it('measures a CPU-busy program at half a core or more', async () => {
  const session = await engine.api.startRecording({
    profiler: 'none',
    target: { kind: 'command', argv: [process.execPath, targetPath('cpu-busy.js'), '30'] },
    intervalMs: 250,
    includeChildren: false,
    durationSeconds: 2.5,
  });
  const ended = await waitForEnd(engine, session.id);
  expect(ended.endReason).toBe('duration-elapsed');
  const statistics = await engine.api.getStatistics({ sessionId: session.id });
  expect(statistics.sampleCount).toBeGreaterThanOrEqual(8);
  const cpu = statistics.metrics.cpuUser!.average + statistics.metrics.cpuSystem!.average;
  expect(cpu).toBeGreaterThanOrEqual(50);
});
