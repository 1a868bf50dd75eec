// Experiments on a running process (a session recorded by PID): the priority action changes the nice
// value of every thread of the live process in alternating windows, measured by the time its threads
// waited for a CPU. A CPU-bound target among spinners is kept at nice −5; an idle one is rolled back
// to its original nice; a cancel restores it; an engine killed mid-experiment has it restored by the
// next engine to start. Lowering a nice value needs root: without it these tests skip.

import { availableParallelism, getPriority, setPriority } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src-main/api/engine';
import { ExperimentRunner } from '../../../src-main/recommend/actions/experiment-runner';
import { processTargetKey } from '../../../src-main/recommend/actions/process-experiment';
import { processStartTicks, threadIds } from '../../../src-main/recommend/actions/process-threads';
import { SessionStore } from '../../../src-main/store/session-store';
import type { Experiment } from '../../../src-shared/diagnosis/experiment';
import type { SessionSummary } from '../../../src-shared/model/session';
import { startEngine } from '../../helpers/engine';
import { startTarget, type RunningTarget } from '../../fixtures/targets/start-target';
import { eventually } from '../cli/cli-harness';
import { experimentInAnotherEngine, killEngine, recordedByPid } from './running-process';

const isRoot = process.getuid?.() === 0;

let harness: ReturnType<typeof startEngine>;
let store: SessionStore;
let runner: ExperimentRunner;
let progress: Experiment[];
let started: RunningTarget[];

beforeEach(() => {
  harness = startEngine();
  store = SessionStore.open(harness.databasePath);
  progress = [];
  started = [];
  runner = new ExperimentRunner({ store, emit: (_event, payload) => progress.push(payload as Experiment) });
});
afterEach(async () => {
  await runner.stopAll();
  await Promise.all(started.map((target) => target.stop()));
  store.close();
  await harness.dispose();
});

/**
 * Starts a fixture as a plain child of this test (not detached): in this test's session, so where the
 * kernel groups scheduling by session (autogroup) the target competes with the spinners by nice.
 */
async function start(name: string, seconds: number): Promise<RunningTarget> {
  const target = await startTarget(name, [String(seconds)]);
  started.push(target);
  return target;
}

/** Two CPU spinners a core, competing with the target. */
async function spinners(seconds: number): Promise<void> {
  await Promise.all(Array.from({ length: availableParallelism() * 2 }, () => start('cpu-busy.js', seconds)));
}

/** Resolves with an experiment started through the API once it is over. */
function experimentOver(id: number): Promise<Experiment> {
  return new Promise((resolveOver) => {
    const unsubscribe = harness.engine.subscribe((event, payload) => {
      const experiment = payload as Experiment;
      if (event !== 'experimentDidProgress' || experiment.id !== id || experiment.state === 'running') return;
      unsubscribe();
      resolveOver(experiment);
    });
  });
}

/** Every thread's nice value. */
function threadNice(pid: number): number[] {
  return [...new Set((threadIds(pid) ?? []).map((tid) => getPriority(tid)))];
}

function priorityRequest(session: SessionSummary, pid: number, runs = 5) {
  const running = { pid, startTicks: processStartTicks(pid)! };
  return {
    sessionId: session.id,
    recommendationId: 'cpu-priority',
    rule: 'cpu-priority',
    diagnosis: 'cpu-bound-single' as const,
    title: 'Run it at a higher scheduling priority (nice −5)',
    action: { kind: 'priority' as const, nice: -5 },
    process: running,
    targetKey: processTargetKey(running),
    runs,
    maximumRuns: 12,
    metric: null,
    windowMs: 500,
  };
}

describe.skipIf(!isRoot)('an experiment on a running process', () => {
  it('is applied through the API to a CPU-bound process among spinners, keeps nice −5 on every thread, and writes no preset', async () => {
    const target = await start('cpu-busy.js', 120);
    await spinners(120);
    const session = await recordedByPid(harness.engine, target.pid);
    const { recommendations } = await harness.engine.api.getDiagnosis({ sessionId: session.id });
    const recommendation = recommendations.find((entry) => entry.id === 'cpu-priority');
    expect(recommendation).toMatchObject({ action: { kind: 'priority', nice: -5 }, actionUnavailable: null });
    // What a running process cannot have: a metric printed by a command.
    const refused = await harness.engine.dispatch('startExperiment', {
      session: session.id,
      recommendation: 'cpu-priority',
      outcome: 'X=(\\d+)',
    });
    expect(!refused.ok && refused.error.message).toMatch(/measures its time waiting for a CPU/);

    const running = await harness.engine.api.startExperiment({
      session: session.id,
      recommendation: 'cpu-priority',
      windowMs: 500,
    });
    const ended = await experimentOver(running.id);
    const waits = (side: string) => ended.runs.filter((run) => run.side === side).map((run) => Math.round(run.metric!));
    console.log(
      `cpu-busy among spinners: ${ended.verdict}; waiting ms/s baseline ${waits('baseline').join(' ')}, changed ${waits('changed').join(' ')}`,
    );
    expect(ended.state).toBe('kept');
    expect(ended.outcome).toBe('time waiting for a CPU');
    expect(ended.targetKey).toBe(`pid:${target.pid}:${processStartTicks(target.pid)}`);
    expect(ended.comparison!.change!.estimate).toBeLessThan(-0.1);
    expect(ended.verdict).toMatch(
      new RegExp(
        `% time waiting for a CPU \\[.*\\], p [<=] .*; kept on PID ${target.pid} until it exits; a running process has no launch preset$`,
      ),
    );
    expect(ended.runs.slice(0, 4).map((run) => run.side)).toEqual(['baseline', 'changed', 'baseline', 'changed']);
    expect(threadNice(target.pid)).toEqual([-5]);
    expect(await harness.engine.api.listPresets({})).toEqual([]);
    // Kept: nothing left in the journal for a restart to undo.
    expect(store.abandonedLeftovers()).toEqual([]);
  }, 90_000);

  it('rolls back on an idle process, whose threads wait for nothing either way, to their original nice', async () => {
    const target = await start('sleeper.js', 120);
    setPriority(target.pid, 3);
    const session = await recordedByPid(harness.engine, target.pid);
    const ended = await runner.whenOver(runner.start(priorityRequest(session, target.pid)).id);
    console.log(`sleeper: ${ended.verdict} (${ended.runs.length} windows)`);
    expect(ended.state).toBe('rolled-back');
    expect(ended.verdict).toMatch(
      new RegExp(`PID ${target.pid}'s threads are back at their own nice values? \\(.*3.*\\)$`),
    );
    // The main thread had 3 of its own; the others kept what they had.
    expect(getPriority(target.pid)).toBe(3);
    expect(threadNice(target.pid)).not.toContain(-5);
  }, 90_000);

  it('cancelled mid-way restores the original nice', async () => {
    const target = await start('cpu-busy.js', 120);
    const session = await recordedByPid(harness.engine, target.pid);
    const running = runner.start(priorityRequest(session, target.pid));
    // Inside the first changed window.
    expect(await eventually(() => threadNice(target.pid).includes(-5), 20_000)).toBe(true);
    const ended = await runner.cancel(running.id);
    expect(ended.state).toBe('cancelled');
    expect(ended.verdict).toMatch(/^cancelled after \d+ windows?; nothing was kept; PID \d+'s threads are back/);
    expect(threadNice(target.pid)).toEqual([0]);
  }, 30_000);

  it('fails with a sentence when the process exits mid-way, with nothing to restore', async () => {
    const target = await start('cpu-busy.js', 120);
    const session = await recordedByPid(harness.engine, target.pid);
    const running = runner.start(priorityRequest(session, target.pid));
    expect(await eventually(() => progress.some((event) => event.runs.length >= 1), 20_000)).toBe(true);
    await target.stop();
    const ended = await runner.whenOver(running.id);
    expect(ended.state).toBe('failed');
    expect(ended.verdict).toMatch(/^PID \d+ has exited .* during window \d+ .*nothing to restore/);
    expect(store.abandonedLeftovers()).toEqual([]);
  }, 30_000);
});

describe.skipIf(!isRoot)('an engine killed during an experiment on a running process', () => {
  it('has the original nice restored by the next engine to start', async () => {
    const target = await start('cpu-busy.js', 120);
    const session = await recordedByPid(harness.engine, target.pid);
    const child = await experimentInAnotherEngine(harness.databasePath, session.id, target.pid);
    expect(await eventually(() => threadNice(target.pid).includes(-5), 20_000)).toBe(true);
    await killEngine(child);
    expect(threadNice(target.pid)).toContain(-5);

    const next = createEngine({ databasePath: harness.databasePath, mode: 'cli' });
    try {
      expect(await eventually(() => threadNice(target.pid).join() === '0', 10_000)).toBe(true);
      const [recovered] = await next.api.listExperiments({});
      expect(recovered).toMatchObject({ state: 'interrupted' });
    } finally {
      await next.close();
    }
    expect(store.abandonedLeftovers()).toEqual([]);
  }, 40_000);
});
