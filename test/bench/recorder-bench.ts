// Whole-recorder overhead, measured on the shipped path: the built CLI records a sleeping target at
// 10 Hz (sampling, events, SQLite batches, timers) and its CPU time is read from /proc over a steady
// window after start-up. The peer is `top` following the same PID at the same rate; the floor is
// the /proc reads of one sample alone at that rate.

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createResourceSampler } from '../../src-main/collectors/resource-sampler';
import { startTarget } from '../fixtures/targets/start-target';
import { printTable, type BenchRow } from './table';

// V8's memory reducer runs a few full collections about 8 s after start (once, ~60 ms CPU): the
// steady window starts after it and that cost is part of the start-up row.
const warmUpSeconds = 12;
const windowSeconds = 30;
const intervalMs = 100;
const cli = resolve('out/main/cli.js');

/**
 * CPU seconds a process has used so far, in nanoseconds of precision: the sum of every thread's
 * on-CPU time from /proc/PID/task/TID/schedstat (stat's utime/stime count 10 ms ticks, too coarse
 * for a process that uses a few milliseconds a second).
 */
function processCpuSeconds(pid: number): number {
  let nanoseconds = 0;
  for (const thread of readdirSync(`/proc/${pid}/task`)) {
    try {
      nanoseconds += Number(readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'latin1').split(' ')[0]);
    } catch {
      // a thread that ended between the listing and the read: its time is no longer counted anywhere
    }
  }
  return nanoseconds / 1e9;
}

const sleep = (milliseconds: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, milliseconds));

/** Percent of one core a running process uses over the steady window, and its CPU during warm-up. */
async function steadyShare(child: ChildProcess): Promise<{ share: number; warmUpMs: number }> {
  await sleep(warmUpSeconds * 1000);
  const before = processCpuSeconds(child.pid!);
  const startedAt = performance.now();
  await sleep(windowSeconds * 1000);
  const used = processCpuSeconds(child.pid!) - before;
  return { share: (used / ((performance.now() - startedAt) / 1000)) * 100, warmUpMs: before * 1000 };
}

async function measureCli(targetPid: number): Promise<{ share: number; warmUpMs: number }> {
  const database = join(tmpdir(), `thermograph-bench-${process.pid}.db`);
  const duration = String(warmUpSeconds + windowSeconds + 2);
  const child = spawn(
    process.execPath,
    [
      cli,
      'record',
      '--db',
      database,
      '--pid',
      String(targetPid),
      '--interval',
      String(intervalMs),
      '--duration',
      duration,
    ],
    { stdio: 'ignore' },
  );
  try {
    return await steadyShare(child);
  } finally {
    child.kill('SIGINT');
    await new Promise((resolveExit) => child.once('exit', resolveExit));
    for (const suffix of ['', '-wal', '-shm']) rmSync(database + suffix, { force: true });
  }
}

async function measureTop(targetPid: number): Promise<number> {
  const top = spawn('top', ['-b', '-d', String(intervalMs / 1000), '-p', String(targetPid)], { stdio: 'ignore' });
  try {
    return (await steadyShare(top)).share;
  } finally {
    top.kill();
  }
}

/** The sampler's own cost at 10 Hz, paced like a recording so caches are as cold as in one. */
async function measureSamplerAlone(targetPid: number): Promise<number> {
  const sampler = createResourceSampler({ pid: targetPid, includeChildren: false });
  const rounds = 50;
  let cpuMicroseconds = 0;
  for (let index = 0; index < rounds; index++) {
    const before = process.cpuUsage();
    sampler.sample();
    const used = process.cpuUsage(before);
    cpuMicroseconds += used.user + used.system;
    await sleep(intervalMs);
  }
  sampler.close();
  return ((cpuMicroseconds / rounds) * (1000 / intervalMs)) / 10_000;
}

/** Runs the recorder overhead measurement and returns its rows. */
export async function runRecorderBench(): Promise<BenchRow[]> {
  const target = await startTarget('sleeper.js', [String((warmUpSeconds + windowSeconds) * 3)]);
  try {
    const ours = await measureCli(target.pid);
    const peer = await measureTop(target.pid);
    const floor = await measureSamplerAlone(target.pid);
    return [
      {
        group: 'recorder',
        measure: `CLI recording 1 PID at 10 Hz, steady ${windowSeconds} s (CPU of one core)`,
        ours: `${ours.share.toFixed(2)}%`,
        peer: `${peer.toFixed(2)}% (top -d 0.1)`,
        floor: `${floor.toFixed(2)}% (the /proc reads)`,
        goal: '≤ 0.5%',
        met: ours.share <= 0.5,
      },
      {
        group: 'recorder',
        measure: 'CLI start-up to steady recording (CPU, once)',
        ours: `${Math.round(ours.warmUpMs)} ms`,
        peer: '—',
        floor: '—',
        goal: 'reported',
        met: true,
      },
    ];
  } finally {
    await target.stop();
  }
}

if (process.argv[1]?.endsWith('recorder-bench.ts')) {
  void runRecorderBench().then(printTable);
}
