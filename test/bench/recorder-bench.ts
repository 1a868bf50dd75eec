// Whole-recorder overhead, measured on the shipped path: the built CLI records a sleeping target at
// 10 Hz (sampling, events, SQLite batches, timers) and its CPU time is read from /proc over a steady
// window after start-up, with every process it started (the reading pump, the guardian). The peer
// is `top` following the same PID at the same rate, run at the same time over the same window, so both see the same load on a shared machine and the goal, a ratio,
// holds on a slower one. The last column is the sampler alone on a Node.js timer at that rate, in
// this process: what a recorder without the reading pump cannot go below.

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createResourceSampler } from '../../src-main/collectors/resource-sampler';
import { startTarget } from '../fixtures/targets/start-target';
import { printTable, type BenchRow } from './table';
import { runThreadSamplingBench } from './thread-sampling-bench';

// V8's memory reducer runs a few full collections about 8 s after start (once, ~60 ms CPU): the
// steady window starts after it and that cost is part of the start-up row.
const warmUpSeconds = 12;
const windowSeconds = 30;
const intervalMs = 100;
const cli = resolve('out/main/cli.js');

/** The process and every process below it (the CLI's reading pump and guardian are its children). */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let index = 0; index < tree.length; index++) {
    for (const thread of readdirSync(`/proc/${tree[index]}/task`)) {
      try {
        const children = readFileSync(`/proc/${tree[index]}/task/${thread}/children`, 'latin1').trim();
        if (children) tree.push(...children.split(' ').map(Number));
      } catch {
        // the thread ended between the listing and the read
      }
    }
  }
  return tree;
}

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

/** CPU seconds of a process and the processes it started (the same ones at both ends of a window). */
export function treeCpuSeconds(pids: number[]): number {
  let seconds = 0;
  for (const pid of pids) {
    try {
      seconds += processCpuSeconds(pid);
    } catch {
      // gone: a short-lived helper; the window measures the steady state, where there are none
    }
  }
  return seconds;
}

/**
 * Percent of one core each running process uses with all it started (Thermograph's pump and
 * guardian count as its own), over one steady window, and its CPU during warm-up.
 */
async function steadyShares(children: ChildProcess[]): Promise<{ share: number; warmUpMs: number }[]> {
  await sleep(warmUpSeconds * 1000);
  const trees = children.map((child) => processTree(child.pid!));
  const before = trees.map(treeCpuSeconds);
  const startedAt = performance.now();
  await sleep(windowSeconds * 1000);
  const seconds = (performance.now() - startedAt) / 1000;
  return children.map((_child, index) => ({
    share: ((treeCpuSeconds(trees[index]!) - before[index]!) / seconds) * 100,
    warmUpMs: before[index]! * 1000,
  }));
}

/** Watching a service as the example does: three alert rules and anomaly detection. */
const watchArguments = ['--alert', 'cpu>90%:10s', '--alert', 'rss>1.5GB', '--alert', 'fds>900'];

/**
 * The CLI recording the target (without watching: no rules, --no-anomalies), the CLI recording it
 * with alert rules and anomaly detection, and `top` following it, side by side over the same window.
 */
async function measureCliBesideTop(
  targetPid: number,
): Promise<{ cli: number; warmUpMs: number; anomalies: number; watching: number; top: number }> {
  const databases = ['plain', 'anomalies', 'watching'].map((name) =>
    join(tmpdir(), `thermograph-bench-${process.pid}-${name}.db`),
  );
  const duration = String(warmUpSeconds + windowSeconds + 2);
  const record = (database: string, extra: string[]) =>
    spawn(
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
        ...extra,
      ],
      { stdio: 'ignore' },
    );
  const recorders = [
    record(databases[0]!, ['--no-anomalies']),
    record(databases[1]!, []),
    record(databases[2]!, watchArguments),
  ];
  const top = spawn('top', ['-b', '-d', String(intervalMs / 1000), '-p', String(targetPid)], { stdio: 'ignore' });
  try {
    const [plain, anomalies, watching, peer] = await steadyShares([...recorders, top]);
    return {
      cli: plain!.share,
      warmUpMs: plain!.warmUpMs,
      anomalies: anomalies!.share,
      watching: watching!.share,
      top: peer!.share,
    };
  } finally {
    top.kill();
    for (const recorder of recorders) {
      recorder.kill('SIGINT');
      await new Promise((resolveExit) => recorder.once('exit', resolveExit));
    }
    for (const database of databases)
      for (const suffix of ['', '-wal', '-shm']) rmSync(database + suffix, { force: true });
  }
}

/** The recorder with and without watching on a target that spins one core, side by side. */
async function measureBusyTarget(): Promise<{ cli: number; watching: number }> {
  const busy = await startTarget('cpu-busy.js', [String(warmUpSeconds + windowSeconds + 10)]);
  try {
    const measured = await measureCliBesideTop(busy.pid);
    return { cli: measured.cli, watching: measured.watching };
  } finally {
    await busy.stop();
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
    const measured = await measureCliBesideTop(target.pid);
    const floor = await measureSamplerAlone(target.pid);
    const busy = await measureBusyTarget();
    const ratio = measured.cli / measured.top;
    return [
      {
        group: 'recorder',
        measure: `CLI recording 1 PID at 10 Hz beside top on it, same steady ${windowSeconds} s (CPU of one core)`,
        ours: `${measured.cli.toFixed(2)}% (${ratio.toFixed(2)}× top)`,
        peer: `${measured.top.toFixed(2)}% (top -d 0.1)`,
        floor: `${floor.toFixed(2)}% (the sampler alone on a Node.js timer)`,
        goal: '≤ 1.2× top',
        met: ratio <= 1.2,
      },
      {
        group: 'recorder',
        measure: 'The same with anomaly detection (8 metrics, the CLI default), same window',
        ours: `${measured.anomalies.toFixed(2)}% (${(measured.anomalies / measured.cli).toFixed(2)}× without)`,
        peer: `${measured.cli.toFixed(2)}% (the CLI without watching, --no-anomalies)`,
        floor: '—',
        goal: '≤ 1.2× without watching',
        met: measured.anomalies <= 1.2 * measured.cli,
      },
      {
        group: 'recorder',
        measure: `The same with 3 alert rules and anomaly detection (${watchArguments.filter((_, index) => index % 2 === 1).join(', ')}), same window`,
        ours: `${measured.watching.toFixed(2)}% (${(measured.watching / measured.cli).toFixed(2)}× without)`,
        peer: `${measured.cli.toFixed(2)}% (the CLI without watching, --no-anomalies)`,
        floor: '—',
        goal: '≤ 1.2× without watching',
        met: measured.watching <= 1.2 * measured.cli,
      },
      {
        group: 'recorder',
        measure: `The same 3 rules and anomaly detection on a busy target (one core spinning: its readings change at every tick)`,
        ours: `${busy.watching.toFixed(2)}% (${(busy.watching / busy.cli).toFixed(2)}× without)`,
        peer: `${busy.cli.toFixed(2)}% (the CLI without watching, --no-anomalies)`,
        floor: '—',
        goal: '≤ 1.2× without watching',
        met: busy.watching <= 1.2 * busy.cli,
      },
      {
        group: 'recorder',
        measure: 'CLI start-up to steady recording (CPU, once)',
        ours: `${Math.round(measured.warmUpMs)} ms`,
        peer: '—',
        floor: '—',
        goal: 'reported',
        met: true,
      },
      await runThreadSamplingBench({ processTree, treeCpuSeconds }),
    ];
  } finally {
    await target.stop();
  }
}

if (process.argv[1]?.endsWith('recorder-bench.ts')) {
  void runRecorderBench().then(printTable);
}
