// Benchmark of one resource sample (CPU, memory, I/O) of one PID, beside pidusage on the same
// target and the floor: reading /proc/PID/stat, status and io with readFileSync. Each goal is a
// ratio to the peer or a floor measured in the same run, so it holds on a slower machine.
// Run alone with `npx tsx test/bench/sampler-bench.ts`; `npm run bench` imports runSamplerBench.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import pidusage from 'pidusage';
import { createResourceSampler } from '../../src-main/collectors/resource-sampler';
import { startTarget } from '../fixtures/targets/start-target';
import { median, printTable, type BenchRow } from './table';

const warmUpIterations = 2_000;
const iterations = 20_000;
// CPU time is read per block: process.cpuUsage has microsecond resolution and costs about as much
// as a sample, so timing each call on its own would mostly measure the clock.
const blockSize = 100;
const pidusageIterations = 5_000;

const microseconds = (value: number) => `${value.toFixed(1)} µs`;

/** Median wall time per call in µs, timing each call with the monotonic clock. */
function medianWallMicroseconds(run: () => unknown, count: number): number {
  const times: number[] = new Array(count);
  for (let index = 0; index < count; index++) {
    const start = process.hrtime.bigint();
    run();
    times[index] = Number(process.hrtime.bigint() - start) / 1000;
  }
  return median(times);
}

/** Median CPU time (user + system of this process) per call in µs, over blocks of calls. */
function medianCpuMicroseconds(run: () => unknown, count: number): number {
  const perCall: number[] = [];
  for (let block = 0; block < count / blockSize; block++) {
    const start = process.cpuUsage();
    for (let index = 0; index < blockSize; index++) run();
    const used = process.cpuUsage(start);
    perCall.push((used.user + used.system) / blockSize);
  }
  return median(perCall);
}

/** Median wall time per awaited pidusage call in µs, with its defaults on Linux (procfile, fd kept open). */
async function medianPidusageMicroseconds(pid: number, count: number): Promise<number> {
  // The default maxage (60 s) keeps pidusage's history and the open fd of /proc/PID/stat between
  // calls, which is its fast path; maxage 0 would make it re-read everything and loop.
  for (let index = 0; index < 200; index++) await pidusage(pid);
  const times: number[] = new Array(count);
  for (let index = 0; index < count; index++) {
    const start = process.hrtime.bigint();
    await pidusage(pid);
    times[index] = Number(process.hrtime.bigint() - start) / 1000;
  }
  return median(times);
}

/** Measures one sample of a sleeping target against pidusage and the /proc floor. */
export async function runSamplerBench(): Promise<BenchRow[]> {
  const target = await startTarget('sleeper.js', ['120']);
  try {
    const sampler = createResourceSampler({ pid: target.pid, includeChildren: false });
    const sample = () => sampler.sample();
    for (let index = 0; index < warmUpIterations; index++) sample();
    const wall = medianWallMicroseconds(sample, iterations);
    const cpu = medianCpuMicroseconds(sample, iterations);
    sampler.close();

    const base = `/proc/${target.pid}/`;
    const floorRead = () => {
      readFileSync(base + 'stat');
      readFileSync(base + 'status');
      readFileSync(base + 'io');
    };
    for (let index = 0; index < warmUpIterations; index++) floorRead();
    const floor = medianWallMicroseconds(floorRead, iterations);
    // The floor of what a fast-tier sample reads: stat and io through fds kept open, not parsed.
    const descriptors = [openSync(base + 'stat', 'r'), openSync(base + 'io', 'r')];
    const buffer = Buffer.allocUnsafe(4096);
    const preadFloor = () => {
      for (const descriptor of descriptors) readSync(descriptor, buffer, 0, buffer.length, 0);
    };
    for (let index = 0; index < warmUpIterations; index++) preadFloor();
    const openFloor = medianWallMicroseconds(preadFloor, iterations);
    for (const descriptor of descriptors) closeSync(descriptor);

    const peer = await medianPidusageMicroseconds(target.pid, pidusageIterations);
    pidusage.clear();
    const speedUp = peer / wall;
    const wallShare = wall / floor;
    const cpuShare = cpu / openFloor;
    const peerText = `${microseconds(peer)} (pidusage, CPU + memory only)`;
    const floorText = `${microseconds(floor)} (readFileSync stat+status+io)`;
    return [
      {
        group: 'sampler',
        measure: 'one sample, 1 PID (wall, median)',
        ours: `${microseconds(wall)} (${wallShare.toFixed(2)}× the floor)`,
        peer: peerText,
        floor: floorText,
        goal: '≤ 0.5× reading the files afresh',
        met: wallShare <= 0.5,
      },
      {
        group: 'sampler',
        measure: 'one sample, 1 PID (CPU, median)',
        ours: `${microseconds(cpu)} (${cpuShare.toFixed(2)}× the floor)`,
        peer: '—',
        floor: `${microseconds(openFloor)} (pread stat+io, open fds, no parsing)`,
        goal: '≤ 3× its own reads',
        met: cpuShare <= 3,
      },
      {
        group: 'sampler',
        measure: 'speed-up over pidusage',
        ours: `${speedUp.toFixed(1)}×`,
        peer: peerText,
        floor: '—',
        goal: '≥ 3× faster than pidusage',
        met: speedUp >= 3,
      },
    ];
  } finally {
    await target.stop();
  }
}

// Run main only when executed directly (tsx), not when bundled into the bench runner.
if (process.argv[1]?.endsWith('sampler-bench.ts')) {
  runSamplerBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
