// Child-process heavy: most of the CPU of the recorded tree is spent in child processes, not in the
// target itself. Needs a recording that includes children (the samples sum the tree) and per-thread
// readings (which say what the target's own threads used); the difference is the children's.

import type { Diagnosis } from '../../../../src-shared/diagnosis/diagnosis';
import { formatPercent } from '../../../../src-shared/format/units';
import { evidence, ramp, type DiagnosisContext } from '../context';
import { mean, metricValues } from '../series-facts';

export function detectChildProcesses(context: DiagnosisContext): Diagnosis[] {
  const { input } = context;
  if (!input.includeChildren || !context.threads || input.pid === null) return [];
  const treeCpu = context.cpuMean;
  const ownCpu = context.threads
    .filter((thread) => thread.pid === input.pid)
    .reduce((sum, thread) => sum + thread.cpuMean, 0);
  if (!(treeCpu > 0)) return [];
  const childShare = Math.max(0, Math.min(1, 1 - ownCpu / treeCpu));
  const score = ramp(childShare, 0.4, 0.75) * ramp(treeCpu, 10, 40);
  if (score <= 0) return [];
  const processes = metricValues(input.samples, ['processCount']);
  let most = 0;
  for (const value of processes) if (value > most) most = value;
  return [
    {
      class: 'child-processes',
      title: `Child-process heavy: ${formatPercent(childShare * 100)} of the CPU is in child processes (up to ${most} processes at once)`,
      detail:
        'The target spends little CPU itself and waits for the programs it starts. Starting a process costs milliseconds: do the work in-process, start fewer longer-lived children, or profile the children.',
      confidence: score,
      evidence: [
        evidence('CPU of the tree', treeCpu, 'corePercent'),
        evidence('CPU of the target itself', ownCpu, 'corePercent'),
        evidence('Share in children', childShare * 100, 'percent'),
        evidence('Processes, mean', mean(processes) || 1, 'count'),
      ],
      range: context.range,
      location: null,
    },
  ];
}
