// `thermograph record` at 10 Hz, where the reading pump (out/main/proc-pump) takes the readings, on
// the paths where the pump and the recorder can disagree: Ctrl-C in a terminal (the signal goes to
// the whole foreground process group, the pump included), an engine that is PID 1 (a container's
// entry point), a target that execs mid-batch (its I/O must keep its own times), and a PID that exits
// mid-batch (the session ends when the target was found gone, not when the batch arrived).
// The Node.js timer (THERMOGRAPH_READING_PUMP=off) runs the Ctrl-C check as the reference. A copy of
// the build with a broken pump in place of out/main/proc-pump checks that the recording falls back.

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../src-main/store/session-store';
import { sleep } from '../../helpers/engine';
import { cli, startRecorder, useCliDatabase } from './cli-harness';

const harness = useCliDatabase();

const clocks = [
  ['the reading pump', {}],
  ['the Node.js timer', { THERMOGRAPH_READING_PUMP: 'off' }],
] as const;
/**
 * The paths only the pump's batches can get wrong (an exec or an exit mid-batch, a child reaped
 * between a listing and its batch) run with the pump alone: on the timer each reading is taken and
 * judged at once, as every recording at 1 s does (record-exec.test.ts, children-accounting.test.ts).
 */
const pumpOnly = clocks.slice(0, 1);

/** A shell loop that reads ≈ 100 KB from /dev/zero every ≈ 25 ms: a steady read rate at every 100 ms sample. */
const steadyReader = 'while :; do head -c 100000 /dev/zero >/dev/null; sleep 0.02; done';

/**
 * A Node.js parent that starts a child every 150 ms for `seconds`; each child reads 16 MiB from
 * /dev/zero at once, idles 1.2 s (so the once-a-second listing of descendants sees it) and exits.
 * Once all are reaped the parent prints `total-read <bytes>`: its rchar, which the kernel has
 * folded every child's into, so what a recording with --children must add up to.
 */
function readingChildren(seconds: number): string {
  return `const { spawn } = require('node:child_process');
const fs = require('node:fs');
const work = "const fs = require('node:fs'); const chunk = Buffer.alloc(1 << 20); const zero = fs.openSync('/dev/zero', 'r'); for (let i = 0; i < 16; i++) fs.readSync(zero, chunk, 0, chunk.length, null); setTimeout(() => {}, 1200);";
const end = Date.now() + ${seconds * 1000};
let live = 0;
const timer = setInterval(() => {
  if (Date.now() < end) {
    live++;
    spawn(process.execPath, ['-e', work], { stdio: 'ignore' }).once('exit', () => live--);
    return;
  }
  clearInterval(timer);
  const done = setInterval(() => {
    if (live > 0) return;
    clearInterval(done);
    console.log('total-read ' + /rchar: (\\d+)/.exec(fs.readFileSync('/proc/self/io', 'latin1'))[1]);
  }, 20);
}, 150);`;
}

/** Samples (time and read rate), markers and end of session 1 in the database the CLI wrote. */
function recorded() {
  const store = SessionStore.open(harness.database);
  try {
    const session = store.getSession(1)!;
    const samples = store.readSamples(1, { metrics: ['readBytesRate'] });
    return {
      times: [...samples.times],
      readRates: [...samples.columns.readBytesRate!],
      markers: store.listMarkers(1),
      endedAt: session.endedAt!,
      endReason: session.endReason!,
    };
  } finally {
    store.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Read rates after the exec marker: steady, with no burst of the batch's I/O and no gap of zeros after it. */
function expectSteadyReadsAfterExec(): void {
  const { times, readRates, markers, endReason } = recorded();
  expect(endReason).toBe('duration-elapsed');
  const execs = markers.filter((marker) => marker.kind === 'target-exec');
  expect(execs).toHaveLength(1);
  // From the second sample after the exec on, the loop runs at every sample.
  const after = readRates.filter((_rate, index) => times[index]! > execs[0]!.time).slice(1);
  expect(after.length).toBeGreaterThanOrEqual(15);
  expect(after.filter((rate) => !(rate > 0))).toEqual([]);
  expect(Math.max(...after)).toBeLessThanOrEqual(4 * median(after));
}

/**
 * Runs `thermograph record --pid` at 10 Hz with `args` on a shell that runs `onSignal` once the
 * recorder has sampled it for half a second (SIGUSR1), then stops it. A fixed delay in the target
 * instead raced a recorder slow to start on a loaded machine: the exec came before its first sample.
 */
async function recordPid(onSignal: string, args: string[], extra: NodeJS.ProcessEnv): Promise<void> {
  const target = spawn('sh', ['-c', `trap '${onSignal}' USR1; while :; do sleep 0.05; done`], { stdio: 'ignore' });
  try {
    const recorder = await startRecorder(
      harness.database,
      ['--pid', String(target.pid), '--interval', '100', '--profile', 'none', ...args],
      extra,
    );
    const exited = new Promise<number | null>((resolve) => recorder.once('exit', resolve));
    await sleep(500);
    target.kill('SIGUSR1');
    expect(await exited).toBe(0);
  } finally {
    target.kill();
  }
}

/** Runs `COMMAND… record --db DATABASE --interval 100 --duration SECONDS --profile none -- sleep 30`, where `command` starts the bin; returns its stderr. */
function recordSleep(command: string[], seconds: number): string {
  const args = ['record', '--db', harness.database, '--interval', '100', '--duration', String(seconds)];
  const result = spawnSync(command[0]!, [...command.slice(1), ...args, '--profile', 'none', '--', 'sleep', '30'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stderr;
}

/** True when this machine lets root start a command in a new PID namespace, as its PID 1. */
function canBePidOne(): boolean {
  return spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;
}

describe('record at 10 Hz', () => {
  it.each(clocks)(
    'keeps the last second when Ctrl-C reaches the whole process group, with %s',
    async (_clock, extra) => {
      // Detached: the recorder leads its own process group, as a command in a terminal does, and the
      // terminal's Ctrl-C is a SIGINT to every process of that group.
      const recorder = spawn(
        process.execPath,
        [cli, 'record', '--db', harness.database, '--interval', '100', '--profile', 'none', '--', 'sleep', '30'],
        { stdio: ['ignore', 'ignore', 'pipe'], detached: true, env: { ...process.env, ...extra } },
      );
      let stderr = '';
      recorder.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
      const exited = new Promise<number | null>((resolve) => recorder.once('exit', resolve));
      try {
        while (!stderr.includes('Recording session') && recorder.exitCode === null) await sleep(20);
        // Well inside the pump's third batch (it hands one over a second after it started).
        await sleep(2_600);
        const interruptedAt = Date.now();
        process.kill(-recorder.pid!, 'SIGINT');
        expect(await exited, stderr).toBe(0);
        const { times, endReason } = recorded();
        expect(endReason).toBe('user-stopped');
        // The pump ignores the group's SIGINT and hands over its readings up to the stop; killed by
        // it, the recording lost the readings since its last batch (up to a second).
        expect(times.at(-1)!).toBeGreaterThanOrEqual(interruptedAt - 250);
        expect(stderr).not.toContain('warning');
      } finally {
        if (recorder.exitCode === null) process.kill(-recorder.pid!, 'SIGKILL');
      }
    },
  );

  it.skipIf(!canBePidOne())('samples through the pump when the recorder is PID 1 (a container entry point)', () => {
    const stderr = recordSleep(['unshare', '--pid', '--fork', '--mount-proc', process.execPath, cli], 2);
    // The pump took its parent being PID 1 for an orphan and exited at once: the recording fell back
    // to the timer with a warning.
    expect(stderr).not.toContain('warning');
    expect(recorded().times.length).toBeGreaterThanOrEqual(17);
  });

  it.each(pumpOnly)('keeps a launched command’s I/O on its own times through an exec, with %s', (_clock, extra) => {
    const result = harness.run(
      'record',
      [
        '--interval',
        '100',
        '--duration',
        '3',
        '--profile',
        'none',
        '--',
        'sh',
        '-c',
        `sleep 0.5; exec sh -c '${steadyReader}'`,
      ],
      extra,
    );
    expect(result.code, result.stderr).toBe(0);
    expectSteadyReadsAfterExec();
  });

  it.each(pumpOnly)('keeps a PID’s I/O on its own times through an exec, with %s', async (_clock, extra) => {
    await recordPid(`exec sh -c "${steadyReader}"`, ['--duration', '3'], extra);
    expectSteadyReadsAfterExec();
  });

  it.each(pumpOnly)(
    'ends when a PID was found gone mid-batch, with its samples up to then, with %s',
    async (_clock, extra) => {
      await recordPid('sleep 2; exit 0', [], extra);
      const { times, markers, endedAt, endReason } = recorded();
      expect(endReason).toBe('target-exited');
      const exits = markers.filter((marker) => marker.kind === 'target-exited');
      expect(exits).toHaveLength(1);
      // Samples up to the exit, none after it.
      expect(times.length).toBeGreaterThanOrEqual(20);
      expect(times.at(-1)!).toBeLessThanOrEqual(exits[0]!.time);
      expect(exits[0]!.time - times.at(-1)!).toBeLessThanOrEqual(250);
      // The session ends when the target was found gone; from the pump that was up to a second
      // before the batch arrived, and the end was stamped with the batch's arrival.
      expect(endedAt - exits[0]!.time).toBeLessThanOrEqual(150);
    },
  );

  it.each(pumpOnly)('counts each reaped child’s I/O once with --children, with %s', (_clock, extra) => {
    // 498 ms: the sampler lists descendants on the tick before the one that ends a batch, so a
    // batch is taken in half a second after that listing. A child reaped in between was read alive
    // at that tick and taken for reparented: dropped without a credit, its parent's reap counted
    // its reads a second time.
    const result = harness.run(
      'record',
      ['--interval', '498', '--children', '--profile', 'none', '--', process.execPath, '-e', readingChildren(6)],
      extra,
    );
    expect(result.code, result.stderr).toBe(0);
    const store = SessionStore.open(harness.database);
    try {
      const output = store
        .readOutput(1, -1, 100)
        .map((chunk) => chunk.text)
        .join('');
      const total = Number(/total-read (\d+)/.exec(output)![1]);
      const samples = store.readSamples(1, { metrics: ['readBytesRate'] });
      const times = samples.times;
      const rates = samples.columns.readBytesRate!;
      let recorded = 0;
      for (let index = 1; index < times.length; index++)
        if (!Number.isNaN(rates[index]!)) recorded += (rates[index]! * (times[index]! - times[index - 1]!)) / 1000;
      // Every child's 16 MiB once: within a quarter of one child's reads.
      expect(Math.abs(recorded - total)).toBeLessThan(4 * 1024 * 1024);
    } finally {
      store.close();
    }
  });
});

describe('record at 10 Hz with a broken reading pump', () => {
  /** A copy of the built CLI (out/main, package.json, node_modules linked) whose pump is `pump`; returns its cli.js. */
  function buildWithPump(pump: string | null): string {
    const root = join(harness.folder, 'build');
    const main = join(root, 'out', 'main');
    mkdirSync(dirname(main), { recursive: true });
    cpSync(dirname(cli), main, { recursive: true });
    const project = join(dirname(cli), '..', '..');
    cpSync(join(project, 'package.json'), join(root, 'package.json'));
    symlinkSync(join(project, 'node_modules'), join(root, 'node_modules'));
    const executable = join(main, 'proc-pump');
    if (pump === null) chmodSync(executable, 0o644);
    else writeFileSync(executable, `#!/bin/sh\n${pump}\n`, { mode: 0o755 });
    return join(main, 'cli.js');
  }

  it.each([
    ['cannot be run', null, 3, 'could not start'],
    ['exits at once', 'exit 3', 3, 'stopped (code 3)'],
    // Before the watchdog: one sample for the whole recording, and no warning.
    ['stays silent', 'exec sleep 60', 7, 'handed nothing over'],
    [
      'writes what is not its records',
      "printf '\\004\\000\\000\\000\\007\\000\\000\\000'; exec sleep 60",
      3,
      'unreadable',
    ],
  ])('falls back to the timer, with one warning, when the pump %s', (_case, pump, seconds, reason) => {
    const stderr = recordSleep([process.execPath, buildWithPump(pump)], seconds);
    const warnings = stderr.split('\n').filter((line) => line.startsWith('warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("Sampling goes on with Node.js's timer");
    expect(warnings[0]).toContain(reason);
    const { times, endReason } = recorded();
    expect(endReason).toBe('duration-elapsed');
    // The 3 s cases fall back within a moment; a silent pump is given up after 4 s.
    expect(times.length).toBeGreaterThanOrEqual(20);
  });
});
