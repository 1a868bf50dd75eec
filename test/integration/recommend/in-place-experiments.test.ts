// Experiments on a running process's CPU affinity and I/O priority: each changes every thread of the
// live process in alternating windows and ends kept or rolled back with every thread's original
// restored; a cancel restores it; an engine killed mid-experiment has it restored by the next engine
// to start. The recommendations a recorded process gets on this machine: wider CPUs for one kept on
// CPU 0; the realtime I/O class for a direct reader beside a direct writer (kept), and none for an
// fsync-bound writer (its writes reach the disk at the kernel's priority).
// Without ionice or taskset, an experiment fails before anything changes. Needs root (the realtime I/O
// class), util-linux's ionice and taskset, and two CPUs to widen onto: without them these tests skip.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src-main/api/engine';
import { ExperimentRunner } from '../../../src-main/recommend/actions/experiment-runner';
import { processTargetKey } from '../../../src-main/recommend/actions/process-experiment';
import { processStartTicks } from '../../../src-main/recommend/actions/process-threads';
import { threadAffinity } from '../../../src-main/recommend/actions/thread-affinity';
import { threadIoPriority } from '../../../src-main/recommend/actions/thread-io-priority';
import { SessionStore } from '../../../src-main/store/session-store';
import type { Experiment } from '../../../src-shared/diagnosis/experiment';
import type { Action } from '../../../src-shared/diagnosis/recommendation';
import type { SessionSummary } from '../../../src-shared/model/session';
import { startEngine } from '../../helpers/engine';
import { startTarget, targetPath, type RunningTarget } from '../../fixtures/targets/start-target';
import { startProgram, type StartedProgram } from '../profilers/perf-targets';
import { eventually } from '../cli/cli-harness';
import { experimentInAnotherEngine, killEngine, recordedByPid } from './running-process';

const hasTools = ['ionice', 'taskset'].every((tool) => spawnSync(tool, ['--version']).status === 0);
const runnable = process.getuid?.() === 0 && hasTools && availableParallelism() >= 2;
const widened = { kind: 'cpu-affinity', cpus: [0, 1] } as const satisfies Action;
const realtime = { kind: 'io-priority', ioClass: 'realtime', level: 4 } as const satisfies Action;
/** The CPython direct-io.py is checked on (any CPython 3 with os.preadv would do). */
const python = '/usr/bin/python3';

let harness: ReturnType<typeof startEngine>;
let store: SessionStore;
let runner: ExperimentRunner;
let started: RunningTarget[];
let programs: StartedProgram[];

beforeEach(() => {
  harness = startEngine();
  store = SessionStore.open(harness.databasePath);
  started = [];
  programs = [];
  runner = new ExperimentRunner({ store, emit: () => undefined });
});
afterEach(async () => {
  await runner.stopAll();
  await Promise.all([...started, ...programs].map((target) => target.stop()));
  store.close();
  await harness.dispose();
});

async function start(name: string): Promise<RunningTarget> {
  const target = await startTarget(name, ['60']);
  started.push(target);
  return target;
}

/** A fixture with every thread kept on CPU 0 (once its worker threads, if any, have started). */
async function pinned(name: string): Promise<RunningTarget> {
  const target = await start(name);
  await new Promise((resolveWait) => setTimeout(resolveWait, 300));
  await threadAffinity.set(target.pid, '0');
  return target;
}

/** The distinct values of a setting over every thread. */
async function values(setting: typeof threadAffinity, pid: number): Promise<string[]> {
  return [...new Set((await setting.read(pid))?.values() ?? [])].sort();
}

/** Starts an experiment on a running process with short windows (4 a side, no more). */
function experiment(session: SessionSummary, pid: number, action: Action, windowMs = 500): Experiment {
  const running = { pid, startTicks: processStartTicks(pid)! };
  return runner.start({
    sessionId: session.id,
    recommendationId: action.kind,
    rule: action.kind,
    diagnosis: action.kind === 'io-priority' ? 'io-bound' : 'cpu-bound-multi',
    title: action.kind,
    action,
    process: running,
    targetKey: processTargetKey(running),
    windowMs,
    runs: 4,
    maximumRuns: 4,
    metric: null,
  });
}

function medians(ended: Experiment): string {
  return `baseline ${ended.comparison?.baseline.median}, changed ${ended.comparison?.candidate.median}`;
}

describe.skipIf(!runnable)('a CPU affinity experiment on a running process', () => {
  it('is recommended for a CPU-bound process kept on CPU 0, and ends kept on every CPU or back on CPU 0 on every thread', async () => {
    const target = await pinned('cpu-busy.js');
    const session = await recordedByPid(harness.engine, target.pid);
    const { recommendations } = await harness.engine.api.getDiagnosis({ sessionId: session.id });
    const every = Array.from({ length: availableParallelism() }, (_, cpu) => cpu);
    expect(recommendations.find((entry) => entry.id === 'cpu-affinity')).toMatchObject({
      action: { kind: 'cpu-affinity', cpus: every },
      actionUnavailable: null,
    });

    // One thread with CPU 0 to itself gains nothing from more CPUs unless others crowd CPU 0: either verdict.
    const ended = await runner.whenOver(experiment(session, target.pid, { kind: 'cpu-affinity', cpus: every }).id);
    console.log(`cpu-busy on CPU 0: ${ended.state}: ${ended.verdict} (${medians(ended)})`);
    expect(ended.outcome).toBe('time waiting for a CPU');
    expect(ended.runs.map((run) => run.side)).toEqual(Array(4).fill(['baseline', 'changed']).flat());
    expect(['kept', 'rolled-back']).toContain(ended.state);
    expect(await values(threadAffinity, target.pid)).toEqual([ended.state === 'kept' ? '0-1' : '0']);
    expect(store.abandonedLeftovers()).toEqual([]);
  }, 30_000);

  it('is kept for two busy threads kept on one CPU, on every thread', async () => {
    const target = await pinned('diagnosis/cpu-multi.js');
    const session = await recordedByPid(harness.engine, target.pid);
    const ended = await runner.whenOver(experiment(session, target.pid, widened).id);
    console.log(`cpu-multi on CPU 0: ${ended.state}: ${ended.verdict} (${medians(ended)})`);
    // Two spinning threads on one CPU: one of them waits for it about half of every second.
    expect(ended.comparison!.baseline.median).toBeGreaterThan(300);
    expect(ended.state).toBe('kept');
    expect(await values(threadAffinity, target.pid)).toEqual(['0-1']);
  }, 30_000);

  it('cancelled mid-way gives every thread its CPU list back', async () => {
    const target = await pinned('cpu-busy.js');
    const session = await recordedByPid(harness.engine, target.pid);
    const running = experiment(session, target.pid, widened, 2000);
    expect(await eventually(async () => (await values(threadAffinity, target.pid)).includes('0-1'), 10_000)).toBe(true);
    const ended = await runner.cancel(running.id);
    expect(ended.state).toBe('cancelled');
    expect(ended.verdict).toMatch(
      new RegExp(`nothing was kept; PID ${target.pid}'s threads are back at their own CPU list \\(0\\)$`),
    );
    expect(await values(threadAffinity, target.pid)).toEqual(['0']);
  }, 20_000);
});

describe.skipIf(!runnable)('an I/O priority experiment on a running process', () => {
  it('is not offered to a writer, and ends kept in realtime or back at its own I/O priority on every thread', async () => {
    const target = await start('diagnosis/io-fsync.js');
    const original = await values(threadIoPriority, target.pid);
    const session = await recordedByPid(harness.engine, target.pid);
    const { recommendations } = await harness.engine.api.getDiagnosis({ sessionId: session.id });
    const offered = recommendations.find((entry) => entry.id === 'io-priority');
    // Only when the recording found it I/O-bound (the disk may be fast enough not to be).
    if (offered)
      expect(offered).toMatchObject({ action: null, actionUnavailable: expect.stringMatching(/writes|scheduler/) });

    const ended = await runner.whenOver(experiment(session, target.pid, realtime).id);
    console.log(`io-fsync: ${ended.state}: ${ended.verdict} (${medians(ended)})`);
    expect(ended.outcome).toBe('milliseconds per MiB of disk I/O');
    expect(ended.runs.every((run) => run.metric! > 0)).toBe(true);
    expect(['kept', 'rolled-back']).toContain(ended.state);
    expect(await values(threadIoPriority, target.pid)).toEqual(ended.state === 'kept' ? ['realtime 4'] : original);
  }, 30_000);

  it.skipIf(!existsSync(python))(
    'is offered to a reader whose disk a writer shares, and kept in realtime on every thread',
    async () => {
      const reader = await startProgram([python, targetPath('direct-io.py'), '60', 'read']);
      const writer = await startProgram([python, targetPath('direct-io.py'), '60', 'write']);
      programs.push(reader, writer);
      const session = await recordedByPid(harness.engine, reader.pid);
      const { recommendations } = await harness.engine.api.getDiagnosis({ sessionId: session.id });
      expect(recommendations.find((entry) => entry.id === 'io-priority')).toMatchObject({
        action: realtime,
        actionUnavailable: null,
      });

      const ended = await runner.whenOver(experiment(session, reader.pid, realtime).id);
      console.log(`direct reader beside a direct writer: ${ended.verdict} (${medians(ended)})`);
      expect(ended.state).toBe('kept');
      expect(ended.comparison!.change!.estimate).toBeLessThan(-0.2);
      expect(await values(threadIoPriority, reader.pid)).toEqual(['realtime 4']);
    },
    30_000,
  );

  it('fails, restored, on a process that does no disk I/O', async () => {
    const target = await start('sleeper.js');
    const original = await values(threadIoPriority, target.pid);
    const session = await recordedByPid(harness.engine, target.pid);
    const ended = await runner.whenOver(experiment(session, target.pid, realtime).id);
    expect(ended.state).toBe('failed');
    expect(ended.verdict).toMatch(
      new RegExp(
        `^PID ${target.pid} has no milliseconds per MiB of disk I/O for window 1 \\(baseline\\): it did no disk I/O in that window.*; PID ${target.pid}'s threads are back at their own I/O priorit`,
      ),
    );
    expect(await values(threadIoPriority, target.pid)).toEqual(original);
    expect(store.abandonedLeftovers()).toEqual([]);
  }, 20_000);

  it('cancelled mid-way gives every thread its I/O priority back', async () => {
    const target = await start('diagnosis/io-fsync.js');
    const original = await values(threadIoPriority, target.pid);
    const session = await recordedByPid(harness.engine, target.pid);
    const running = experiment(session, target.pid, realtime, 2000);
    expect(
      await eventually(async () => (await values(threadIoPriority, target.pid)).includes('realtime 4'), 10_000),
    ).toBe(true);
    const ended = await runner.cancel(running.id);
    expect(ended.state).toBe('cancelled');
    expect(await values(threadIoPriority, target.pid)).toEqual(original);
  }, 20_000);
});

describe.skipIf(!runnable)('an experiment on a running process without ionice or taskset', () => {
  it('fails before anything changes, saying what to install', async () => {
    const target = await pinned('sleeper.js');
    const original = {
      affinity: await values(threadAffinity, target.pid),
      io: await values(threadIoPriority, target.pid),
    };
    const session = await recordedByPid(harness.engine, target.pid);
    const path = process.env.PATH;
    // A PATH where neither tool is found, as on a system without util-linux's.
    process.env.PATH = dirname(harness.databasePath);
    try {
      for (const [action, tool] of [
        [widened, 'taskset'],
        [realtime, 'ionice'],
      ] as const) {
        const ended = await runner.whenOver(experiment(session, target.pid, action).id);
        expect(ended).toMatchObject({ state: 'failed', runs: [] });
        expect(ended.verdict).toBe(
          `${tool} is not installed: install util-linux (it has ${tool}; apt install util-linux), then apply again; nothing was changed.`,
        );
      }
    } finally {
      process.env.PATH = path;
    }
    expect(await values(threadAffinity, target.pid)).toEqual(original.affinity);
    expect(await values(threadIoPriority, target.pid)).toEqual(original.io);
    expect(store.abandonedLeftovers()).toEqual([]);
  }, 20_000);
});

describe.skipIf(!runnable)('an engine killed during an I/O priority or CPU affinity experiment', () => {
  it.each([
    ['CPU affinity', 'cpu-busy.js', widened, threadAffinity, '0-1'],
    ['I/O priority', 'diagnosis/io-fsync.js', realtime, threadIoPriority, 'realtime 4'],
  ] as const)(
    'has the original %s restored by the next engine to start',
    async (_, name, action, setting, changed) => {
      const target = await (action.kind === 'cpu-affinity' ? pinned(name) : start(name));
      const original = await values(setting, target.pid);
      const session = await recordedByPid(harness.engine, target.pid);
      const child = await experimentInAnotherEngine(harness.databasePath, session.id, target.pid, action);
      expect(await eventually(async () => (await values(setting, target.pid)).includes(changed), 20_000)).toBe(true);
      await killEngine(child);
      expect(await values(setting, target.pid)).toContain(changed);

      const next = createEngine({ databasePath: harness.databasePath, mode: 'cli' });
      try {
        expect(
          await eventually(async () => (await values(setting, target.pid)).join() === original.join(), 10_000),
        ).toBe(true);
      } finally {
        await next.close();
      }
      expect(store.abandonedLeftovers()).toEqual([]);
    },
    30_000,
  );
});
