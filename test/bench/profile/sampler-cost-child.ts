// What Thermograph's Node profiler costs the target, measured where run-to-run noise cannot hide
// it: one process runs the benchmark workload in short windows, alternately with and without the
// exact V8 profiling Thermograph asks for (CPU samples at 1 ms, heap sampling with its settings),
// switched through an in-process inspector session. Neighbouring windows share the machine's state
// of the moment, so their ratio isolates the profiler; separate processes drift by ±15% on this
// shared 2-core machine, far more than the effect. Usage (through tsx):
//   node --import tsx sampler-cost-child.ts [windows]
// Prints one JSON line: SamplerCost.

import { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import { targetPath } from '../../fixtures/targets/start-target';
import { samplingLimits } from '../../../src-shared/profile/formats';
import { heapSamplingParameters, samplingIntervalMicroseconds } from '../../../src-main/profilers/node/node-session';

/** Main-thread CPU time of each profiled window over the unprofiled window beside it. */
export interface SamplerCost {
  ratios: number[];
  /** Median main-thread CPU time of one window, unprofiled. */
  windowMs: number;
}

interface Workload {
  oneRound(round: number): number;
  mainThreadCpuMs(): number | null;
}

// About 200 ms of work per window on this machine: long enough that switching costs nothing
// measurable, short enough that the machine's load does not change within a pair.
const roundsPerWindow = 1000;

function post(session: Session, method: string, params: object = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function measure(pairs: number): Promise<SamplerCost> {
  const workload = createRequire(__filename)(targetPath('bench-workload.js')) as Workload;
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', {
    interval: samplingIntervalMicroseconds(samplingLimits.defaultNodeHz),
  });
  let round = 0;
  let sink = 0;
  const work = (): number => {
    const started = workload.mainThreadCpuMs() ?? Number.NaN;
    for (let index = 0; index < roundsPerWindow; index++) sink += workload.oneRound(round++);
    return (workload.mainThreadCpuMs() ?? Number.NaN) - started;
  };
  work(); // JIT warm-up
  const unprofiled: number[] = [];
  const ratios: number[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    // Alternate which comes first, so a trend within a pair cancels out.
    const profiledFirst = pair % 2 === 1;
    let off = 0;
    let on = 0;
    for (const profiled of profiledFirst ? [true, false] : [false, true]) {
      if (!profiled) {
        off = work();
        continue;
      }
      await post(session, 'Profiler.start');
      await post(session, 'HeapProfiler.startSampling', heapSamplingParameters);
      on = work();
      await post(session, 'Profiler.stop');
      await post(session, 'HeapProfiler.stopSampling');
    }
    unprofiled.push(off);
    ratios.push(on / off);
  }
  session.disconnect();
  if (!Number.isFinite(sink)) throw new Error('the workload produced no result');
  unprofiled.sort((left, right) => left - right);
  return { ratios, windowMs: unprofiled[unprofiled.length >> 1]! };
}

measure(Number(process.argv[2] ?? 30)).then(
  (cost) => process.stdout.write(`${JSON.stringify(cost)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
