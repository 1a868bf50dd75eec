import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ThermographError } from '../../../src-shared/api/errors';
import { parseProcessStat } from '../../../src-main/collectors/proc/parse-process-stat';
import { processExists } from '../../../src-main/collectors/process-exists';
import type { LeftoverJournal, ProfilerTarget } from '../../../src-main/profilers/profiler';
import { cleanUpNodeLeftover, nodeProfiler } from '../../../src-main/profilers/node';
import {
  catchesSignal,
  nonLoopbackInspectorHosts,
  splitNodeOptions,
} from '../../../src-main/profilers/node/attach-checks';
import { listeningSockets } from '../../../src-main/profilers/node/inspector-discovery';
import { prepareNodeLaunch } from '../../../src-main/profilers/node/launch-plan';
import { startTarget, targetPath } from '../../fixtures/targets/start-target';

const children: ChildProcess[] = [];
const stops: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const stop of stops.splice(0)) await stop();
});

const refusingJournal: LeftoverJournal = {
  remember: () => {
    throw new Error('nothing may be opened in a refused target');
  },
  forget: () => undefined,
};

const attachTo = (pid: number): ProfilerTarget => ({ pid, launched: false, runtime: 'node', argv: [] });

async function expectRefused(pid: number, message: RegExp): Promise<void> {
  const problem = await nodeProfiler.check(attachTo(pid));
  expect(problem?.message).toMatch(message);
  expect(problem?.fix).toBeTruthy();
  const error = await nodeProfiler
    .start(attachTo(pid), { samplingHz: 1000, allocations: false }, { warning: () => undefined }, refusingJournal)
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ThermographError);
  expect((error as ThermographError).code).toBe('profiler-unavailable');
  expect((error as ThermographError).message).toMatch(message);
}

/** A process started with `node <flags> sleeper.js` (startTarget cannot add node flags), once it is ready. */
async function sleeperWith(flags: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [...flags, targetPath('sleeper.js'), '30'], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  await new Promise((resolve) => child.stdout!.once('data', resolve));
  return { pid: child.pid!, child };
}

describe('Node.js profiler refusals', () => {
  it('refuses a process that is not Node.js', async () => {
    const sleep = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(sleep);
    await delay(100);
    await expectRefused(sleep.pid!, /is not a Node\.js process/);
    expect(sleep.exitCode).toBeNull();
  });

  it('refuses, without signalling, a Node.js process whose inspector would listen on 0.0.0.0', async () => {
    const target = await sleeperWith(['--inspect-port=0.0.0.0:0']);
    await expectRefused(target.pid, /0\.0\.0\.0/);
    await delay(300);
    // A SIGUSR1 would have opened the inspector; nothing listens and the process still runs.
    expect(listeningSockets(target.pid)).toEqual([]);
    expect(processExists(target.pid)).toBe(true);
  });

  it('reads NODE_OPTIONS from the environment the process started with', async () => {
    const target = await sleeperWith([], { NODE_OPTIONS: '--inspect-port=[::]:0' });
    await expectRefused(target.pid, /on ::/);
    expect(listeningSockets(target.pid)).toEqual([]);
  });

  it('reports a process that does not exist', async () => {
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.once('exit', resolve));
    const problem = await nodeProfiler.check(attachTo(gone.pid!));
    expect(problem?.message).toMatch(/No process with PID/);
  });
});

describe('Node.js attach checks (pure parts)', () => {
  it('finds non-loopback inspector hosts in every spelling Node accepts', () => {
    expect(nonLoopbackInspectorHosts(['--inspect=0.0.0.0:9229'])).toEqual(['0.0.0.0']);
    expect(nonLoopbackInspectorHosts(['--inspect-port', '10.0.0.5:0'])).toEqual(['10.0.0.5']);
    expect(nonLoopbackInspectorHosts(['--inspect-brk=[::]:9229'])).toEqual(['::']);
    expect(nonLoopbackInspectorHosts(['--inspect=example.com'])).toEqual(['example.com']);
    expect(
      nonLoopbackInspectorHosts([
        '--inspect',
        '--inspect=9230',
        '--inspect=127.0.0.1:0',
        '--inspect=[::1]:0',
        '--inspect=localhost',
      ]),
    ).toEqual([]);
    // Names and lookalikes are not loopback: only parsed IP literals and `localhost` are.
    expect(
      nonLoopbackInspectorHosts([
        '--inspect-port=127.0.0.1.example.com:9229',
        '--inspect=127.1',
        '--inspect=0x7f.0.0.1:0',
        '--inspect=[::ffff:10.0.0.1]:0',
        '--inspect=[fe80::1]:0',
        '--inspect=[::]:0',
      ]),
    ).toEqual(['127.0.0.1.example.com', '127.1', '0x7f.0.0.1', '::ffff:10.0.0.1', 'fe80::1', '::']);
    expect(
      nonLoopbackInspectorHosts([
        '--inspect=127.255.0.9:0',
        '--inspect=[0:0:0:0:0:0:0:1]:0',
        '--inspect=[::ffff:127.0.0.1]:0',
        '--inspect=LOCALHOST:0',
      ]),
    ).toEqual([]);
    expect(splitNodeOptions('--max-old-space-size=64  "--inspect-port=0.0.0.0:1"')).toEqual([
      '--max-old-space-size=64',
      '--inspect-port=0.0.0.0:1',
    ]);
  });

  it('reads the SIGUSR1 bit of SigCgt', () => {
    expect(catchesSignal('Name:\tnode\nSigCgt:\t0000000100004602\n', 10)).toBe(true);
    expect(catchesSignal('Name:\tsleep\nSigCgt:\t0000000000000000\n', 10)).toBe(false);
    expect(catchesSignal('Name:\tx\nSigCgt:\t0000000000000200\n', 10)).toBe(true);
    expect(catchesSignal('Name:\tx\n', 10)).toBeNull();
  });

  it('puts the flag after node, or appends it to the inherited NODE_OPTIONS', () => {
    expect(prepareNodeLaunch({ argv: ['node', 'app.js'], env: {} }).argv).toEqual([
      'node',
      '--inspect=127.0.0.1:0',
      'app.js',
    ]);
    expect(prepareNodeLaunch({ argv: ['/usr/bin/nodejs'], env: {} }).argv).toEqual([
      '/usr/bin/nodejs',
      '--inspect=127.0.0.1:0',
    ]);
    expect(prepareNodeLaunch({ argv: ['npm', 'start'], env: { NODE_OPTIONS: '--trace-warnings' } })).toEqual({
      argv: ['npm', 'start'],
      env: { NODE_OPTIONS: '--trace-warnings --inspect=127.0.0.1:0' },
    });
  });
});

describe('clean-up of inspectors a crashed Thermograph left open', () => {
  it('closes the inspector of the same process, and leaves a reused pid alone', async () => {
    const started = await startTarget('node-hot.js', ['30']);
    stops.push(started.stop);
    const startTicks = parseProcessStat(readFileSync(`/proc/${started.pid}/stat`, 'latin1'))!.startTicks;
    process.kill(started.pid, 'SIGUSR1');
    let port = 0;
    for (let attempt = 0; attempt < 100 && port === 0; attempt++) {
      port = listeningSockets(started.pid)[0]?.port ?? 0;
      await delay(20);
    }
    expect(port).toBeGreaterThan(0);
    await cleanUpNodeLeftover({ kind: 'inspector', pid: started.pid, startTicks: startTicks + 1, detail: { port } });
    expect(listeningSockets(started.pid).map((socket) => socket.port)).toEqual([port]);
    await cleanUpNodeLeftover({ kind: 'inspector', pid: started.pid, startTicks, detail: { port } });
    expect(listeningSockets(started.pid)).toEqual([]);
    expect(processExists(started.pid)).toBe(true);
  });
});
