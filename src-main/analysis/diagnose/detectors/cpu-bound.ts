// CPU-bound: the target keeps one thread (or several) on a core most of the time. With per-thread
// readings, one dominant thread makes it single-threaded and several busy threads near the cores'
// capacity make it multi-threaded; without them, the total CPU decides. The hottest function comes
// from the CPU profile, over the range where the CPU was high.

import type { Diagnosis } from '../../../../src-shared/diagnosis/diagnosis';
import { formatPercent } from '../../../../src-shared/format/units';
import { evidence, ramp, type DiagnosisContext } from '../context';
import { topFunctions } from '../profile-facts';
import { mean, otherProgramsCpu, spanWhere } from '../series-facts';
import { summarizeThreads, type ThreadSummary } from '../thread-facts';

/** The share of the CPU the target could get (100 = one core) above which a sample counts as busy. */
const busyShare = 0.6;

/**
 * The CPU the target could have had, 100 = one core: the cores less what other programs used
 * meanwhile (the machine's CPU less the target's). A program sharing the cores with others is CPU-bound
 * when it takes all it can get, even if that is less than a core.
 */
function availableCpu(context: DiagnosisContext): number {
  const cores = Math.max(1, context.input.cpuCount);
  const others = otherProgramsCpu(context.input.samples, cores);
  return Number.isNaN(others) ? 100 * cores : Math.max(25, Math.min(100 * cores, 100 * cores - others));
}

export function detectCpuBound(context: DiagnosisContext): Diagnosis[] {
  const { input, cpu } = context;
  const available = availableCpu(context);
  const busyCpu = busyShare * Math.min(100, available);
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
  // Busy: a good part of a core, or runnable in most readings while other programs held the cores.
  const wantsToRun = (thread: ThreadSummary) => thread.runningShare >= 0.75 && thread.cpuMean >= 15;
  const busyThreads = threads.filter((thread) => thread.cpuMean >= 40 || wantsToRun(thread));
  let multi: boolean;
  let utilisation: number;
  if (threads.length > 0) {
    multi =
      busyThreads.length >= 2 &&
      (busyThreads[1]!.cpuMean >= 0.5 * busyThreads[0]!.cpuMean || wantsToRun(busyThreads[1]!));
    // Single: how much of its core the busiest thread used. Multi: how much of the cores the busy threads could use.
    utilisation = multi
      ? spanCpu / Math.min(100 * Math.min(busyThreads.length, cores), available)
      : Math.min(1, threads[0]!.cpuMean / Math.min(100, available));
  } else {
    multi = cores > 1 && spanCpu > 130;
    utilisation = Math.min(1, spanCpu / Math.min(multi ? 100 * cores : 100, available));
  }
  // Several threads sharing cores with other programs rarely fill them: judge them more gently.
  const busy = multi ? ramp(utilisation, 0.45, 0.75) : ramp(utilisation, 0.55, 0.85);
  // CPU spent collecting garbage is better explained by GC pressure: its share lowers this finding.
  const kinds = context.profileKinds;
  const gcShare = kinds && context.profileWeight > kinds.idle ? kinds.gc / (context.profileWeight - kinds.idle) : 0;
  // Threads that take turns on a lock also look busy when other programs keep them waiting for a core;
  // when most of them sleep, and on a futex, contention explains them better: this finding steps back.
  const takingTurns =
    multi &&
    busyThreads.filter((thread) => thread.runningShare < 0.9 && thread.futexShareOfSleep >= 0.5).length * 2 >=
      busyThreads.length;
  const score =
    busy *
    (0.5 + 0.5 * ramp(coverage, 0.2, 0.6)) *
    (threads.length > 0 ? 1 : 0.85) *
    (1 - gcShare) *
    (takingTurns ? 0.5 : 1);
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
  if (available < 100 * cores - 50) facts.push(evidence('CPU other programs left it', available, 'corePercent'));
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
