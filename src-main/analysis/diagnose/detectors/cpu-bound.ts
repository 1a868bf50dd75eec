// CPU-bound: the target keeps one thread (or several) on a core most of the time. With per-thread
// readings, one dominant thread makes it single-threaded and several busy threads near the cores'
// capacity make it multi-threaded; without them, the total CPU decides. The hottest function comes
// from the CPU profile, over the range where the CPU was high.

import type { Diagnosis } from '../../../../src-shared/diagnosis/diagnosis';
import { formatPercent } from '../../../../src-shared/format/units';
import { evidence, ramp, type DiagnosisContext } from '../context';
import { topFunctions } from '../profile-facts';
import { mean, spanWhere } from '../series-facts';
import { summarizeThreads } from '../thread-facts';

/** CPU (100 = one core) above which a sample counts as busy. */
const busyCpu = 60;

export function detectCpuBound(context: DiagnosisContext): Diagnosis[] {
  const { input, cpu } = context;
  const span = spanWhere(input.samples.times, cpu, (value) => value >= busyCpu);
  if (!span) return [];
  const inSpan = cpu.filter(
    (_, index) => input.samples.times[index]! >= span.from && input.samples.times[index]! <= span.to,
  );
  const spanCpu = mean(inSpan);
  const coverage = context.durationMs > 0 ? (span.to - span.from) / context.durationMs : 1;
  const cores = Math.max(1, input.cpuCount);
  // The threads over the busy range only: a burst in a quiet session is judged by its own threads.
  const threads = (input.threads ? summarizeThreads(input.threads, span.from, span.to) : [])
    .filter((thread) => thread.readings >= 2)
    .sort((left, right) => right.cpuMean - left.cpuMean);
  const busyThreads = threads.filter((thread) => thread.cpuMean >= 40);
  let multi: boolean;
  let utilisation: number;
  if (threads.length > 0) {
    multi = busyThreads.length >= 2 && busyThreads[1]!.cpuMean >= 0.5 * busyThreads[0]!.cpuMean;
    // Single: how much of its core the busiest thread used. Multi: how much of the cores the busy threads could use.
    utilisation = multi
      ? spanCpu / (100 * Math.min(busyThreads.length, cores))
      : Math.min(1, threads[0]!.cpuMean / 100);
  } else {
    multi = cores > 1 && spanCpu > 130;
    utilisation = multi ? spanCpu / (100 * cores) : Math.min(1, spanCpu / 100);
  }
  // Several threads sharing cores with other programs rarely fill them: judge them more gently.
  const busy = multi ? ramp(utilisation, 0.45, 0.75) : ramp(utilisation, 0.55, 0.85);
  // CPU spent collecting garbage is better explained by GC pressure: its share lowers this finding.
  const kinds = context.profileKinds;
  const gcShare = kinds && context.profileWeight > kinds.idle ? kinds.gc / (context.profileWeight - kinds.idle) : 0;
  const score = busy * (0.5 + 0.5 * ramp(coverage, 0.2, 0.6)) * (threads.length > 0 ? 1 : 0.85) * (1 - gcShare);
  if (score <= 0) return [];
  const hot = input.cpuProfile ? (topFunctions(input.cpuProfile, 1, span.from, span.to)[0] ?? null) : null;
  const where = hot ? `${hot.functionName} ${formatPercent(hot.share * 100)} of self time` : null;
  const title = multi
    ? `CPU-bound in ${busyThreads.length || 'several'} threads: ${formatPercent(spanCpu)} of ${cores} cores${where ? `; ${where}` : ''}`
    : `CPU-bound in one thread${threads[0] ? ` (${threads[0].name})` : ''}: ${where ?? `${formatPercent(spanCpu)} of a core`}`;
  const detail = multi
    ? 'The program keeps several cores busy. It goes faster only with less work per core: the hottest functions are where to look.'
    : 'One thread does the work while the others wait: the program cannot go faster than that thread. Make its hottest functions cheaper, or split the work across threads.';
  const facts = [
    evidence('CPU over the range', spanCpu, 'corePercent'),
    evidence('Range of the session', coverage * 100, 'percent'),
  ];
  if (threads[0]) facts.push(evidence(`Busiest thread (${threads[0].name})`, threads[0].cpuMean, 'corePercent'));
  if (multi) facts.push(evidence('Busy threads', busyThreads.length, 'count'));
  if (hot) facts.push(evidence(`Self time in ${hot.functionName}`, hot.share * 100, 'percent'));
  return [
    {
      class: multi ? 'cpu-bound-multi' : 'cpu-bound-single',
      title,
      detail,
      confidence: score,
      evidence: facts,
      range: span,
      location: hot,
    },
  ];
}
