// Whole-recorder overhead: one engine records a sleeping target at 10 Hz (sampling, events, SQLite
// batches) and we measure this process's CPU time per wall second. The peer is `top` following the
// same PID at the same rate; the floor is the sampler's share alone.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResourceSampler } from '../../src-main/collectors/resource-sampler';
import { startTarget } from '../fixtures/targets/start-target';
import { startEngine, waitForEnd } from '../helpers/engine';
import { printTable, type BenchRow } from './table';

const recordSeconds = 10;
const intervalMs = 100;

/** CPU seconds a process has used so far, from /proc/PID/stat (utime + stime, USER_HZ 100). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function measureRecorder(targetPid: number): Promise<number> {
  const { engine, dispose } = startEngine();
  try {
    const before = process.cpuUsage();
    const startedAt = performance.now();
    const session = await engine.api.startRecording({
      target: { kind: 'pid', pid: targetPid },
      intervalMs,
      includeChildren: false,
      durationSeconds: recordSeconds,
    });
    await waitForEnd(engine, session.id, (recordSeconds + 10) * 1000);
    const used = process.cpuUsage(before);
    return ((used.user + used.system) / 1000 / (performance.now() - startedAt)) * 100;
  } finally {
    await dispose();
  }
}

async function measureTop(targetPid: number): Promise<number> {
  const top = spawn(
    'top',
    ['-b', '-d', String(intervalMs / 1000), '-p', String(targetPid), '-n', String((recordSeconds * 1000) / intervalMs)],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  );
  await new Promise((resolveWait) => setTimeout(resolveWait, 300));
  const cpuBefore = processCpuSeconds(top.pid!);
  const startedAt = performance.now();
  await new Promise((resolveWait) => setTimeout(resolveWait, (recordSeconds - 1) * 1000));
  const share = ((processCpuSeconds(top.pid!) - cpuBefore) / ((performance.now() - startedAt) / 1000)) * 100;
  top.kill();
  return share;
}

function measureSamplerAlone(targetPid: number): number {
  const sampler = createResourceSampler({ pid: targetPid, includeChildren: false });
  const before = process.cpuUsage();
  const samplesPerSecond = 1000 / intervalMs;
  const rounds = 2_000;
  for (let index = 0; index < rounds; index++) sampler.sample();
  const used = process.cpuUsage(before);
  sampler.close();
  return (((used.user + used.system) / 1000 / rounds) * samplesPerSecond) / 10;
}

/** Runs the recorder overhead measurement and returns its rows. */
export async function runRecorderBench(): Promise<BenchRow[]> {
  const target = await startTarget('sleeper.js', [String(recordSeconds * 3)]);
  try {
    const ours = await measureRecorder(target.pid);
    const peer = await measureTop(target.pid);
    const floor = measureSamplerAlone(target.pid);
    return [
      {
        group: 'recorder',
        measure: `recording 1 PID at 10 Hz for ${recordSeconds} s (CPU of one core)`,
        ours: `${ours.toFixed(2)}%`,
        peer: `${peer.toFixed(2)}% (top -d 0.1)`,
        floor: `${floor.toFixed(3)}% (sampling alone)`,
        goal: '≤ 0.5%',
        met: ours <= 0.5,
      },
    ];
  } finally {
    await target.stop();
  }
}

if (process.argv[1] && join(process.argv[1]) === join(__filename)) {
  void runRecorderBench().then(printTable);
}
