// libuv thread pool saturation (Node.js): every pool thread ("libuv-worker", as Node.js 22 and later
// name them) is busy — running, or blocked in a file system call — in most readings, while the main
// thread waits for their results. An idle pool thread waits on a futex (its condition variable).

import type { Diagnosis } from '../../../../src-shared/diagnosis/diagnosis';
import { formatPercent } from '../../../../src-shared/format/units';
import { evidence, ramp, type DiagnosisContext } from '../context';
import { isBusy } from '../thread-facts';

const poolThreadName = 'libuv-worker';

export function detectThreadPoolSaturation(context: DiagnosisContext): Diagnosis[] {
  const { input } = context;
  const timeline = input.threads;
  if (input.runtime !== 'node' || !timeline) return [];
  const pool = new Set(
    timeline.identities
      .filter((thread) => thread.name === poolThreadName && (input.pid === null || thread.pid === input.pid))
      .map((thread) => thread.tid),
  );
  if (pool.size === 0) return [];
  let saturated = 0;
  let counted = 0;
  let first = -1;
  let last = -1;
  let busyTotal = 0;
  for (const sample of timeline.samples) {
    const poolReadings = sample.threads.filter((reading) => pool.has(reading.tid));
    if (poolReadings.length === 0) continue;
    counted += 1;
    const busy = poolReadings.filter(isBusy).length;
    busyTotal += busy;
    if (busy === poolReadings.length) {
      saturated += 1;
      if (first < 0) first = sample.time;
      last = sample.time;
    }
  }
  if (counted < 2) return [];
  const share = saturated / counted;
  const main = (context.threads ?? []).find((thread) => thread.tid === input.pid);
  const mainCpu = main?.cpuMean ?? context.cpuMean;
  const score = ramp(share, 0.3, 0.7) * (mainCpu < 50 ? 1 : 0.5);
  if (score <= 0) return [];
  return [
    {
      class: 'thread-pool-saturated',
      title: `libuv thread pool saturated: ${pool.size} of ${pool.size} pool threads busy in ${formatPercent(share * 100)} of readings while the main thread waits (CPU ${formatPercent(mainCpu)})`,
      detail:
        "File system, DNS lookup, crypto and zlib calls queue for the pool's threads; with all of them busy, the next call waits even though the process has CPU to spare. A larger pool (UV_THREADPOOL_SIZE) helps when the calls wait rather than compute.",
      confidence: score,
      evidence: [
        evidence('Pool threads', pool.size, 'count'),
        evidence('Readings with every pool thread busy', share * 100, 'percent'),
        evidence('Busy pool threads, mean', busyTotal / counted, 'count'),
        evidence('Main thread CPU', mainCpu, 'corePercent'),
      ],
      range: first >= 0 ? { from: first, to: last } : context.range,
      location: null,
    },
  ];
}
