// Idle: almost no CPU, no I/O and no thread in disk wait. Not a bottleneck: the program waits on
// something outside what Thermograph measures (a timer, input, the network, another service).

import type { Diagnosis } from '../../../../src-shared/diagnosis/diagnosis';
import { formatPercent } from '../../../../src-shared/format/units';
import { evidence, type DiagnosisContext } from '../context';
import { median, metricValues } from '../series-facts';

/**
 * CPU (100 = one core) and I/O (bytes/s) below which a session is idle. The CPU allows for a sampling
 * profiler's own cost inside the target (≈ 3 % at 1 kHz on this machine's host, 7 % on it as a virtual
 * machine: the V8 sampler thread's thousand wakeups a second are dearer there; an idle Node.js program
 * under the profiler measured 6.9–7.6 % of a core) and for tick rounding (one 10 ms tick is 4 % of a
 * 250 ms sample).
 */
const idleCpu = 10;
const idleIo = 64 * 1024;

export function detectIdle(context: DiagnosisContext): Diagnosis[] {
  const { input } = context;
  // Medians, not means: a program's start-up (loading, a profiler attaching) is not what it does.
  const io = median(metricValues(input.samples, ['readBytesRate', 'writeBytesRate'])) || 0;
  const cpu = median(context.cpu);
  // Most readings, not any: loading the program from disk at start-up can show one in disk wait.
  const readings = input.threads?.samples ?? [];
  const diskWait = readings.filter((sample) => sample.threads.some((thread) => thread.state === 'disk-wait')).length;
  const waitsOnDisk = readings.length > 0 && diskWait / readings.length >= 0.2;
  if (!(cpu < idleCpu) || io >= idleIo || waitsOnDisk) return [];
  return [
    {
      class: 'idle',
      title: `Idle: ${formatPercent(cpu)} of a core and no I/O to speak of; the process waits on nothing Thermograph measures`,
      detail:
        'No bottleneck here: the program waits for a timer, input, the network or another service. If it should be busy, look at what it waits for (its logs, the service it calls).',
      confidence: 1 - cpu / (2 * idleCpu),
      evidence: [evidence('CPU, median', cpu, 'corePercent'), evidence('I/O, median', io, 'bytesPerSecond')],
      range: context.range,
      location: null,
    },
  ];
}
