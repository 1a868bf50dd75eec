// Learning from verdicts through the engine: a recommendation applied from a real diagnosis and kept
// carries its record afterwards ("Helped 1 of 1 time on this target"), for the session that suggested
// it and for the next recording of the same command; a recording of another command with the same
// diagnosis sees it as the record of similar targets.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Experiment } from '../../../src-shared/diagnosis/experiment';
import type { Engine } from '../../../src-main/api/engine-types';
import { startEngine, waitForEnd } from '../../helpers/engine';
import { fixtures } from './experiment-fixtures';

let harness: ReturnType<typeof startEngine>;
let folder: string;
beforeEach(() => {
  harness = startEngine();
  folder = mkdtempSync(join(tmpdir(), 'thermograph-learning-'));
});
afterEach(async () => {
  await harness.dispose();
  rmSync(folder, { recursive: true, force: true });
});

/** Records the GC-heavy program (under a 96 MiB heap limit) with the Node.js profiler, in `cwd`. */
async function recordGcHeavy(engine: Engine, cwd: string) {
  const started = await engine.api.startRecording({
    target: {
      kind: 'command',
      // Live data that leaves room in a small heap promoted in small steps (see the fixture).
      argv: [process.execPath, fixtures.gcHeavy, '1', '640000'],
      cwd,
      env: { NODE_OPTIONS: '--max-semi-space-size=2 --max-old-space-size=96' },
    },
    intervalMs: 100,
  });
  return waitForEnd(engine, started.id);
}

/** Resolves with the experiment once it is over. */
function over(engine: Engine, id: number): Promise<Experiment> {
  return new Promise((resolve) => {
    const unsubscribe = engine.subscribe((event, payload) => {
      const experiment = payload as Experiment;
      if (event !== 'experimentDidProgress' || experiment.id !== id || experiment.state === 'running') return;
      unsubscribe();
      resolve(experiment);
    });
  });
}

describe('learning from experiments', () => {
  it('ranks a rule by what it achieved on this target, then on similar ones', async () => {
    const { engine } = harness;
    const first = await recordGcHeavy(engine, folder);
    const before = await engine.api.getDiagnosis({ sessionId: first.id });
    const proposal = before.recommendations.find((recommendation) => recommendation.id === 'node-old-space');
    expect(proposal, JSON.stringify(before.diagnoses.map((diagnosis) => diagnosis.title))).toBeDefined();
    expect(proposal!.record).toBeNull();

    const started = await engine.api.startExperiment({ session: first.id, recommendation: 'node-old-space' });
    const ended = await over(engine, started.id);
    expect(ended.state, ended.verdict ?? '').toBe('kept');
    expect(ended.rule).toBe('node-old-space');
    expect(ended.diagnosis).toBe('gc-pressure');

    const after = await engine.api.getDiagnosis({ sessionId: first.id });
    const learned = after.recommendations.find((recommendation) => recommendation.id === 'node-old-space')!;
    expect(learned.record).toMatchObject({ tried: 1, helped: 1, scope: 'target' });
    expect(learned.why).toMatch(/Helped 1 of 1 time on this target, median −\d+ %\.$/);

    // Another command (another working folder) with the same diagnosis learns from it as a similar target.
    const elsewhere = mkdtempSync(join(folder, 'other-'));
    const other = await recordGcHeavy(engine, elsewhere);
    const similar = await engine.api.getDiagnosis({ sessionId: other.id });
    const record = similar.recommendations.find((recommendation) => recommendation.rule === 'node-old-space')?.record;
    expect(record).toMatchObject({ tried: 1, helped: 1, scope: 'similar' });
  }, 120_000);
});
