// What per-thread sampling costs the recorder: two built CLIs record the same 50-thread target at 1 s
// side by side, one with per-thread readings (the default) and one without
// (THERMOGRAPH_THREAD_SAMPLING=off), and their CPU (with every process each started) is compared over
// the same steady windows, so both see the same load on a shared machine. The goal, a ratio, is the
// median over the windows.

import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchRow } from './table';

const cli = resolve('out/main/cli.js');
const python = join(homedir(), '.pyenv/versions/3.11.7/bin/python3');
const warmUpSeconds = 12;
const windows = 5;
const windowSeconds = 12;
/** python-thread-mix.py with 48 idle threads and no spinner: main + napper + 48 = 50 threads. */
const idleThreads = 48;

const sleep = (milliseconds: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, milliseconds));

/** Starts the 50-thread target; resolves with its pid once it printed "ready". */
function startTarget(seconds: number): Promise<ChildProcess & { pid: number }> {
  const script = resolve('test/fixtures/targets/python-thread-mix.py');
  const child = spawn(python, [script, String(seconds), String(idleThreads), '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveStart, reject) => {
    child.stdout.once('data', () => resolveStart(child as ChildProcess & { pid: number }));
    child.once('error', reject);
  });
}

/** Runs the recorder comparison and returns its row; `treeCpuSeconds` and `processTree` come from recorder-bench.ts. */
export async function runThreadSamplingBench(tools: {
  processTree: (pid: number) => number[];
  treeCpuSeconds: (pids: number[]) => number;
}): Promise<BenchRow> {
  const total = warmUpSeconds + windows * windowSeconds + 5;
  const target = await startTarget(total + 10);
  const recorders: { child: ChildProcess; database: string }[] = [];
  try {
    for (const threads of ['on', 'off']) {
      const database = join(tmpdir(), `thermograph-bench-threads-${threads}-${process.pid}.db`);
      const environment = { ...process.env, ...(threads === 'off' ? { THERMOGRAPH_THREAD_SAMPLING: 'off' } : {}) };
      const args = [cli, 'record', '--db', database, '--pid', String(target.pid), '--interval', '1000'];
      const child = spawn(process.execPath, [...args, '--profile', 'none', '--duration', String(total)], {
        stdio: 'ignore',
        env: environment,
      });
      recorders.push({ child, database });
    }
    await sleep(warmUpSeconds * 1000);
    const trees = recorders.map(({ child }) => tools.processTree(child.pid!));
    const ratios: number[] = [];
    const shares: number[][] = [];
    for (let window = 0; window < windows; window++) {
      const before = trees.map(tools.treeCpuSeconds);
      await sleep(windowSeconds * 1000);
      const used = trees.map((tree, index) => tools.treeCpuSeconds(tree) - before[index]!);
      shares.push(used.map((seconds) => (seconds / windowSeconds) * 100));
      ratios.push(used[0]! / used[1]!);
    }
    const median = [...ratios].sort((left, right) => left - right)[Math.floor(ratios.length / 2)]!;
    const middle = shares[ratios.indexOf(median)]!;
    return {
      group: 'recorder',
      measure: `CLI recording a 50-thread target at 1 s, with per-thread sampling vs without, same ${windowSeconds} s windows (median of ${windows})`,
      ours: `${middle[0]!.toFixed(3)}% (${median.toFixed(2)}× without; windows ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')})`,
      peer: `${middle[1]!.toFixed(3)}% (THERMOGRAPH_THREAD_SAMPLING=off)`,
      floor: '—',
      goal: '≤ 1.5× without',
      met: median <= 1.5,
    };
  } finally {
    for (const { child, database } of recorders) {
      child.kill('SIGINT');
      if (child.exitCode === null) await new Promise((resolveExit) => child.once('exit', resolveExit));
      for (const suffix of ['', '-wal', '-shm']) rmSync(database + suffix, { force: true });
    }
    target.kill('SIGKILL');
  }
}
