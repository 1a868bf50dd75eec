// Diagnosis benchmark: the engine's `diagnose()` on a 1-hour Node.js session at 1 s (every metric:
// noisy CPU, a growing RSS, a sawtooth JS heap), per-thread readings of 20 threads each second, and
// a CPU profile of 1M samples over ≈ 50k stacks with idle stretches and GC frames (the profile
// benchmarks' call-tree generator), then `recommend()` on its findings. The input is built so that
// every detector does its full work (a busy main thread, an event loop that idles between tasks, a
// libuv pool, children included). The floor, measured in the same run, is one pass that sums the
// profile's sample weights and every sample column: the least any diagnosis must read.
// Run alone with `npx tsx test/bench/diagnosis-bench.ts`.

import { diagnose, type DiagnosisInput } from '../../src-main/analysis/diagnose/diagnose';
import { recommend } from '../../src-main/recommend/recommend';
import type { ThreadIdentity, ThreadReading, ThreadSample, ThreadTimeline } from '../../src-shared/diagnosis/threads';
import { metricKeys, type MetricKey } from '../../src-shared/model/resource';
import { ProfileBuilder } from '../../src-shared/profile/builder';
import type { FrameKind, Profile } from '../../src-shared/profile/profile';
import { seededRandom } from '../../src-shared/seeded-random';
import type { SampleColumns } from '../../src-shared/timeline/summarize';
import { scaled } from './profile/bench-cache';
import { quickNote } from './profile/inputs';
import { makeCallTree } from './profile/call-tree';
import { median, printTable, type BenchRow } from './table';

const group = 'diagnosis';
const seconds = 3_600;
const start = 1_700_000_000_000;
const pid = 4242;
const cpuCount = 8;
const threadCount = 20;
const profileSamples = scaled(1_000_000);
const profileStacks = scaled(50_000);
const runs = 7;
const mebibyte = 1024 * 1024;

/** Names V8 gives its own frames, and the kind each stands for. */
const specialKinds = new Map<string, FrameKind>([
  ['(program)', 'program'],
  ['(idle)', 'idle'],
  ['(garbage collector)', 'gc'],
]);

/** Every metric once a second for an hour, as a busy Node.js service shows them. */
function resourceSamples(random: () => number): SampleColumns {
  const times = Float64Array.from({ length: seconds }, (_, index) => start + index * 1000);
  const columns: Partial<Record<MetricKey, Float64Array>> = {};
  const column = (make: (index: number) => number) => Float64Array.from({ length: seconds }, (_, index) => make(index));
  const noise = (spread: number) => (random() - 0.5) * 2 * spread;
  for (const key of metricKeys) columns[key] = column(() => noise(1) + 1);
  columns.cpuUser = column(() => Math.max(0, 72 + noise(18)));
  columns.cpuSystem = column(() => Math.max(0, 6 + noise(4)));
  // Grows ≈ 20 KiB/s under noise (≈ 70 MiB over the hour), the kind of slope a leak check must weigh.
  columns.rss = column((index) => 180 * mebibyte + index * 20 * 1024 + noise(3 * mebibyte));
  columns.pss = column((index) => columns.rss![index]! * 0.9);
  columns.virtual = column(() => 1.2 * 1024 * mebibyte);
  columns.threads = column(() => threadCount);
  columns.fileDescriptors = column(() => 40 + Math.round(noise(5)));
  columns.readBytesRate = column(() => Math.max(0, 30 * 1024 + noise(30 * 1024)));
  columns.writeBytesRate = column(() => Math.max(0, 8 * 1024 + noise(8 * 1024)));
  columns.processCount = column(() => 1);
  columns.systemCpu = column(
    (index) => (columns.cpuUser![index]! + columns.cpuSystem![index]! + 60 + noise(20)) / cpuCount,
  );
  columns.systemMemoryTotal = column(() => 16 * 1024 * mebibyte);
  columns.systemMemoryUsed = column(() => 6 * 1024 * mebibyte + noise(100 * mebibyte));
  // A sawtooth: the young generation fills for ≈ 30 s, a collection drops it back to the live set.
  columns.jsHeapUsed = column((index) => 40 * mebibyte + ((index % 30) / 30) * 80 * mebibyte + noise(mebibyte));
  columns.jsHeapTotal = column(() => 160 * mebibyte);
  return { times, columns };
}

/** 20 threads read once a second: the main thread, four libuv pool threads, V8's helpers and idle others. */
function threadTimeline(random: () => number): ThreadTimeline {
  const identities: ThreadIdentity[] = [{ tid: pid, pid, name: 'node' }];
  for (let index = 1; index < threadCount; index++) {
    const name = index <= 4 ? 'libuv-worker' : index <= 8 ? 'V8Worker' : index === 9 ? 'node' : `worker-${index}`;
    identities.push({ tid: pid + index, pid, name });
  }
  const samples: ThreadSample[] = [];
  for (let second = 0; second < seconds; second++) {
    const threads: ThreadReading[] = identities.map(({ tid }, index) => {
      const main = index === 0;
      const running = random() < (main ? 0.75 : index <= 4 ? 0.3 : 0.05);
      const cpu = main ? 70 + (random() - 0.5) * 30 : running ? 20 * random() : random();
      return {
        tid,
        pid,
        state: running ? 'running' : random() < 0.01 ? 'disk-wait' : 'sleeping',
        cpu: second === 0 ? null : cpu,
        voluntarySwitchRate: second === 0 ? null : Math.round(random() * (main ? 300 : 40)),
        involuntarySwitchRate: second === 0 ? null : Math.round(random() * 20),
        waitChannel: running ? null : main ? 'do_epoll_wait' : 'futex_do_wait',
      };
    });
    samples.push({ time: start + second * 1000, threads });
  }
  return { sessionId: 1, identities, samples };
}

/**
 * A wall-time CPU profile over the hour: profileSamples samples on the stacks of a profileStacks-node
 * call tree, drawn by its self-sample weights. The main thread alternates between tasks (runs of
 * work samples, ≈ 10 % of them in the garbage collector) and idle stretches, as an event loop does.
 */
function cpuProfile(random: () => number): Profile {
  const tree = makeCallTree({ nodes: profileStacks, seed: 11, deepening: 0.5, maximumDepth: 400 });
  const builder = new ProfileBuilder({
    kind: 'cpu',
    weightUnit: 'milliseconds',
    startTime: start,
    source: { tool: 'bench', requestedIntervalMs: 1 },
  });
  const frames = tree.functions.map((fn) => {
    const name = fn.name || '(anonymous)';
    const kind = specialKinds.get(name) ?? (fn.url === '' ? 'native' : 'js');
    return builder.frame({ name, kind, file: fn.url, line: fn.line, column: fn.column });
  });
  const stackOf = new Int32Array(tree.parent.length);
  for (let node = 0; node < tree.parent.length; node++) {
    const parent = tree.parent[node]!;
    stackOf[node] = builder.stack(parent < 0 ? -1 : stackOf[parent]!, frames[tree.func[node]!]!);
  }
  // Nodes 1–3 are (program), (idle) and the garbage collector (call-tree.ts): drawn on their own below.
  const cumulative = new Float64Array(tree.parent.length);
  let total = 0;
  for (let node = 4; node < tree.parent.length; node++) cumulative[node] = total += tree.selfSamples[node]!;
  const workStack = (): number => {
    const target = random() * total;
    let low = 4;
    let high = tree.parent.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! <= target) low = middle + 1;
      else high = middle;
    }
    return stackOf[low]!;
  };
  const intervalMs = (seconds * 1000) / profileSamples;
  const stacks = new Int32Array(profileSamples);
  const times = new Float64Array(profileSamples);
  const weights = new Float64Array(profileSamples).fill(intervalMs);
  let idle = false;
  for (let index = 0; index < profileSamples; index++) {
    // Tasks of ≈ 35 samples, idle stretches of ≈ 10.
    idle = idle ? random() < 0.9 : random() < 0.03;
    stacks[index] = idle ? stackOf[2]! : random() < 0.1 ? stackOf[3]! : random() < 0.01 ? stackOf[1]! : workStack();
    times[index] = index * intervalMs;
  }
  builder.samples(stacks, times, weights);
  return builder.build(seconds * 1000);
}

/** One pass over what every diagnosis must read: the profile's sample weights and each sample column. */
function floorPass(input: DiagnosisInput): number {
  let sum = 0;
  const weight = input.cpuProfile!.samples.weight;
  for (let index = 0; index < weight.length; index++) sum += weight[index]!;
  for (const values of Object.values(input.samples.columns))
    for (let index = 0; index < values.length; index++) sum += values[index]!;
  return sum;
}

function timed(work: () => void): number {
  const began = performance.now();
  work();
  return performance.now() - began;
}

/** Runs the diagnosis benchmark and returns its rows. */
export async function runDiagnosisBench(): Promise<BenchRow[]> {
  const random = seededRandom(17);
  const input: DiagnosisInput = {
    runtime: 'node',
    pid,
    includeChildren: true,
    cpuCount,
    samples: resourceSamples(random),
    threads: threadTimeline(random),
    cpuProfile: cpuProfile(random),
    allocationProfile: null,
  };
  const facts = {
    target: {
      kind: 'command' as const,
      argv: ['node', 'server.js'],
      cwd: '/app',
      env: {},
      pid,
      runtime: 'node' as const,
    },
    threadsPeak: threadCount,
    otherCpu: 60,
    heapUsedPeak: 120 * mebibyte,
  };
  const diagnoseTimes: number[] = [];
  const recommendTimes: number[] = [];
  const floorTimes: number[] = [];
  let found: ReturnType<typeof diagnose> = { diagnoses: [], notes: [] };
  let recommendations = 0;
  let checksum = 0;
  for (let run = 0; run < runs; run++) {
    floorTimes.push(timed(() => (checksum += floorPass(input))));
    diagnoseTimes.push(timed(() => (found = diagnose(input))));
    recommendTimes.push(timed(() => (recommendations = recommend(found.diagnoses, facts, 'bench', []).length)));
  }
  if (!Number.isFinite(checksum)) throw new Error('The floor pass read a non-finite value: the input is malformed.');
  const took = median(diagnoseTimes.slice());
  const floor = median(floorTimes.slice());
  const recommended = median(recommendTimes.slice());
  const classes = found.diagnoses.map((diagnosis) => diagnosis.class).join(', ') || 'none';
  const stacks = input.cpuProfile!.stacks.length.toLocaleString('en-US');
  return [
    {
      group,
      measure: `diagnose a 1-hour session at 1 s, ${threadCount} threads, ${profileSamples.toLocaleString('en-US')}-sample profile over ${stacks} stacks (found: ${classes}; median of ${runs}, the first ${diagnoseTimes[0]!.toFixed(0)} ms)${quickNote}`,
      ours: `${took.toFixed(0)} ms (${(took / floor).toFixed(1)}× the floor)`,
      peer: '— (clinic doctor diagnoses Node only, from its own recording)',
      floor: `${floor.toFixed(1)} ms (one pass over the profile's weights and the sample columns)`,
      goal: '≤ 200 ms',
      met: took <= 200,
    },
    {
      group,
      measure: `recommend() on those ${found.diagnoses.length} diagnoses (${recommendations} recommendations; median of ${runs})`,
      ours: `${recommended.toFixed(2)} ms`,
      peer: '—',
      floor: '—',
      goal: '— (part of the 200 ms above)',
      met: took + recommended <= 200,
    },
  ];
}

if (process.argv[1]?.endsWith('diagnosis-bench.ts')) void runDiagnosisBench().then(printTable);
