// Idle: almost no CPU, no I/O and no thread in disk wait. Not a bottleneck: the program waits on
// something outside what Thermograph measures (a timer, input, the network, another service).

import type { Diagnosis } from '../../../../src-shared/diagnosis/diagnosis';
import { formatPercent } from '../../../../src-shared/format/units';
import { evidence, type DiagnosisContext } from '../context';
import { mean, median, metricValues } from '../series-facts';

/** CPU (100 = one core) and I/O (bytes/s) below which a session is idle. */
const idleCpu = 3;
const idleIo = 64 * 1024;

export function detectIdle(context: DiagnosisContext): Diagnosis[] {
  const { input } = context;
  const io = mean(metricValues(input.samples, ['readBytesRate', 'writeBytesRate'])) || 0;
  // The median, not the mean: a program's start-up (loading, a profiler attaching) is not what it does.
  const cpu = median(context.cpu);
  const diskWait = (input.threads?.samples ?? []).some((sample) =>
    sample.threads.some((thread) => thread.state === 'disk-wait'),
  );
  if (!(cpu < idleCpu) || io >= idleIo || diskWait) return [];
  return [
    {
      class: 'idle',
      title: `Idle: ${formatPercent(cpu)} of a core and no I/O to speak of; the process waits on nothing Thermograph measures`,
      detail:
        'No bottleneck here: the program waits for a timer, input, the network or another service. If it should be busy, look at what it waits for (its logs, the service it calls).',
      confidence: 1 - cpu / idleCpu,
      evidence: [evidence('CPU, median', cpu, 'corePercent'), evidence('I/O, mean', io, 'bytesPerSecond')],
      range: context.range,
      location: null,
    },
  ];
}
