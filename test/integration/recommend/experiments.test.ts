// Experiments on real programs built for them (test/fixtures/targets/experiment-*.js): an action
// that helps is kept with a significant gain and applied at the next launch; one that cannot help is
// rolled back; a cancel and a crash leave no preset and no process behind.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExperimentRunner } from '../../../src-main/recommend/actions/experiment-runner';
import { SessionStore } from '../../../src-main/store/session-store';
import type { Experiment } from '../../../src-shared/diagnosis/experiment';
import type { Action } from '../../../src-shared/diagnosis/recommendation';
import { createEngine } from '../../../src-main/api/engine';
import { startEngine, waitForEnd } from '../../helpers/engine';
import { eventually } from '../cli/cli-harness';
import { experimentRequest, fixtures } from './experiment-fixtures';
import { processesWith } from '../../helpers/processes';

let harness: ReturnType<typeof startEngine>;
let store: SessionStore;
let runner: ExperimentRunner;
let progress: Experiment[];

beforeEach(() => {
  harness = startEngine();
  store = SessionStore.open(harness.databasePath);
  progress = [];
  runner = new ExperimentRunner({ store, emit: (_event, payload) => progress.push(payload as Experiment) });
});
afterEach(async () => {
  await runner.stopAll();
  store.close();
  await harness.dispose();
});

/** Records one run of a fixture (timeline only) and returns its ended session. */
async function recorded(program: string, env: Record<string, string> = {}, args: string[] = []) {
  const { engine } = harness;
  const session = await engine.api.startRecording({
    target: { kind: 'command', argv: [process.execPath, program, ...args], env },
    profiler: 'none',
    intervalMs: 100,
  });
  return waitForEnd(engine, session.id);
}

async function experiment(program: string, action: Action, env: Record<string, string> = {}, args: string[] = []) {
  const session = await recorded(program, env, args);
  const started = runner.start(experimentRequest(session, action));
  return { session, ended: await runner.whenOver(started.id) };
}

/** A small heap promoted in small steps, and the live data that leaves room in it (see the fixture). */
const smallHeap = { NODE_OPTIONS: '--max-semi-space-size=2 --max-old-space-size=96' };
const gcHeavyArgs = ['1', '640000'];

describe('an experiment', () => {
  it('keeps a larger heap limit for a program collecting garbage near its limit, and the next launch gets it', async () => {
    const action: Action = { kind: 'node-option', option: '--max-old-space-size=512' };
    const { session, ended } = await experiment(fixtures.gcHeavy, action, smallHeap, gcHeavyArgs);
    console.log(`gc-heavy: ${ended.verdict} (${ended.runs.length} runs)`);
    expect(ended.state).toBe('kept');
    expect(ended.comparison?.verdict).toBe('decrease');
    // What "kept" promises: significant (p below the per-look level) and an estimated gain beyond 3 %.
    expect(ended.comparison!.change!.estimate).toBeLessThan(-0.03);
    expect(ended.verdict).toMatch(
      /% wall time \[.*\], p [<=] .*; this setting is now part of this target's launch preset/,
    );
    // Interleaved: baseline, changed, baseline, …
    expect(ended.runs.slice(0, 4).map((run) => run.side)).toEqual(['baseline', 'changed', 'baseline', 'changed']);
    const presets = await harness.engine.api.listPresets({ session: session.id });
    expect(presets.map((entry) => entry.action)).toEqual([action]);

    // The next recording of the same command is launched with it, and says so.
    const next = await recorded(fixtures.gcHeavy, smallHeap, gcHeavyArgs);
    const { markers } = await harness.engine.api.getTimeline({ sessionId: next.id });
    expect(markers.find((marker) => marker.kind === 'note')?.message).toContain(
      'Launch preset applied (kept by experiments): NODE_OPTIONS += --max-old-space-size=512',
    );
    expect(next.target.kind === 'command' && next.target.env).toEqual(smallHeap);
  }, 60_000);

  it('keeps a larger thread pool for a program whose pool calls wait', async () => {
    const { ended } = await experiment(fixtures.poolWait, {
      kind: 'environment',
      name: 'UV_THREADPOOL_SIZE',
      value: '16',
    });
    console.log(`pool-wait: ${ended.verdict} (${ended.runs.length} runs)`);
    expect(ended.state).toBe('kept');
    expect(ended.comparison?.verdict).toBe('decrease');
    expect(store.listPresets(ended.targetKey)).toHaveLength(1);
  }, 60_000);

  it('rolls back an action that cannot help, and the preset stays empty', async () => {
    const { ended } = await experiment(fixtures.steady, {
      kind: 'environment',
      name: 'UV_THREADPOOL_SIZE',
      value: '16',
    });
    console.log(`steady: ${ended.verdict} (${ended.runs.length} runs)`);
    expect(ended.state).toBe('rolled-back');
    expect(ended.verdict).toMatch(/the setting was removed$/);
    expect(store.listPresets()).toEqual([]);
    // Progress after every run, and at the end.
    expect(progress.filter((event) => event.id === ended.id).length).toBe(ended.runs.length + 2);
  }, 90_000);

  it('fails with the stderr of a run that fails, keeping nothing', async () => {
    const session = await recorded(fixtures.steady);
    if (session.target.kind !== 'command') throw new Error('not a command');
    const request = experimentRequest(session, { kind: 'node-option', option: '--no-such-option' });
    const ended = await runner.whenOver(runner.start(request).id);
    expect(ended.state).toBe('failed');
    expect(ended.verdict).toMatch(/run 2 \(changed\) exited with code 9: .*--no-such-option/);
    expect(store.listPresets()).toEqual([]);
  }, 30_000);

  it('cancelled mid-way ends its run, keeps nothing and leaves no process', async () => {
    const session = await recorded(fixtures.poolWait);
    const started = runner.start(
      experimentRequest(session, { kind: 'environment', name: 'UV_THREADPOOL_SIZE', value: '16' }),
    );
    expect(await eventually(() => progress.some((event) => event.runs.length >= 2), 20_000)).toBe(true);
    const ended = await runner.cancel(started.id);
    expect(ended.state).toBe('cancelled');
    expect(ended.verdict).toMatch(/^cancelled after \d+ runs; nothing was kept/);
    expect(store.listPresets()).toEqual([]);
    expect(processesWith('experiment-pool-wait.js')).toEqual([]);
  }, 30_000);
});

describe('an engine killed during an experiment', () => {
  it('leaves it interrupted at the next start, with no process and no preset', async () => {
    const session = await recorded(fixtures.poolWait);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'experiment-child.ts'), harness.databasePath, String(session.id)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    expect(await eventually(() => output.includes('experiment'), 20_000)).toBe(true);
    const id = Number(/experiment (\d+)/.exec(output)![1]);
    // Mid-run: a run of the fixture is alive.
    expect(await eventually(() => processesWith('experiment-pool-wait.js').length > 0, 10_000)).toBe(true);
    child.kill('SIGKILL');
    await new Promise((resolveExit) => child.once('exit', resolveExit));

    // The next engine to start recovers it. (Under tsx the guardian cannot run, so the run it was in
    // is still alive here: ending it is recovery's second line, tested on its own.)
    const next = createEngine({ databasePath: harness.databasePath, mode: 'cli' });
    try {
      const [recovered] = await next.api.listExperiments({});
      expect(recovered).toMatchObject({ id, state: 'interrupted' });
      expect(recovered!.verdict).toContain('nothing was kept');
      expect(await next.api.listPresets({})).toEqual([]);
      expect(await eventually(() => processesWith('experiment-pool-wait.js').length === 0)).toBe(true);
    } finally {
      await next.close();
    }
  }, 40_000);
});
