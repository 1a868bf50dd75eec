// Lock contention (native) and GIL contention (Python): several threads want to run — each takes a
// real share of the CPU, and about the same share — but together they use far less than the cores
// they could, and when they sleep they wait on a futex (a mutex, or CPython's GIL) rather than on I/O.
// The same per-thread signature has a different cause and fix by runtime, so the runtime names it.
// A thread needs three readings (three seconds) to be judged: two say little about taking turns.

import type { Diagnosis } from '../../../../src-shared/diagnosis/diagnosis';
import { formatPercent, formatPerSecond } from '../../../../src-shared/format/units';
import { evidence, ramp, type DiagnosisContext } from '../context';

/**
 * Node.js's own helper threads: V8's parallel garbage collection and compilation workers wait on a
 * futex between phases by design (GC pressure covers their cost), and the libuv pool has its own finding.
 */
const nodeRuntimeThread = /^(V8Worker|V8 DefaultWorke|DelayedTaskSche|SignalInspector|libuv-worker)/;

export function detectContention(context: DiagnosisContext): Diagnosis[] {
  const { input } = context;
  const cores = input.cpuCount;
  if (!context.threads || cores < 2) return [];
  const contenders = context.threads.filter(
    (thread) =>
      thread.readings >= 3 &&
      thread.cpuMean >= 10 &&
      (input.pid === null || thread.pid === input.pid) &&
      !(input.runtime === 'node' && nodeRuntimeThread.test(thread.name)),
  );
  if (contenders.length < 2) return [];
  const busiest = Math.max(...contenders.map((thread) => thread.cpuMean));
  // Balanced: a busy thread beside a lightly used helper is one thread's work, not contention.
  const balanced = contenders.filter((thread) => thread.cpuMean >= 0.3 * busiest);
  if (balanced.length < 2) return [];
  const together = balanced.reduce((sum, thread) => sum + thread.cpuMean, 0);
  const capacity = 100 * Math.min(balanced.length, cores);
  const unused = 1 - together / capacity;
  const futexShare = balanced.reduce((sum, thread) => sum + thread.futexShareOfSleep, 0) / balanced.length;
  const switches = balanced.reduce((sum, thread) => sum + thread.voluntarySwitchRate, 0);
  const score = ramp(unused, 0.2, 0.4) * Math.max(ramp(futexShare, 0.3, 0.7), ramp(switches, 50, 400));
  if (score <= 0) return [];
  const gil = input.runtime === 'python';
  const facts = [
    evidence('Threads that want to run', balanced.length, 'count'),
    evidence('Their CPU together', together, 'corePercent'),
    evidence('Cores they leave unused', unused * 100, 'percent'),
    evidence('Sleeps on a futex', futexShare * 100, 'percent'),
    evidence('Voluntary switches', switches, 'perSecond'),
  ];
  const share = `${balanced.length} threads share ${formatPercent(together)} of CPU with ${cores} cores available`;
  return [
    {
      class: gil ? 'gil-contention' : 'lock-contention',
      title: gil
        ? `GIL contention: ${share}; they take turns holding the GIL (${formatPerSecond(switches)} switches)`
        : `Lock contention: ${share}, waiting on futexes ${formatPercent(futexShare * 100)} of the time they sleep (${formatPerSecond(switches)} switches)`,
      detail: gil
        ? "CPython runs one thread's Python code at a time. CPU-bound work in threads does not go faster: use processes (multiprocessing, concurrent.futures.ProcessPoolExecutor) or a native extension that releases the GIL."
        : 'The threads spend their time waiting for each other on a lock. Hold locks for less time (move work out of the critical section), split a hot lock, or use per-thread data that is merged at the end.',
      confidence: score,
      evidence: facts,
      range: context.range,
      location: null,
    },
  ];
}
