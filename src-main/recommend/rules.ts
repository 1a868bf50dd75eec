// The recommendation rules: each maps one diagnosis to what to change, why, the effect to expect and,
// where a safe reversible change exists, the action an experiment can try. A code-level finding (a
// hot function, an allocation site, a blocking call) gets no made-up action: it points at the code,
// and "Verify a fix" compares a new recording against the session once the code is changed.

import type { Diagnosis, DiagnosisClass } from '../../src-shared/diagnosis/diagnosis';
import type { Recommendation } from '../../src-shared/diagnosis/recommendation';
import { cpuListText } from '../../src-shared/format/cpu-list';
import { actionUnavailable, environmentValue, oldSpaceLimit, type RecommendationFacts } from './facts';

const mebibyte = 1024 * 1024;

/** A recommendation before it is ranked with its record. */
export type Proposal = Omit<Recommendation, 'record'>;

/** One rule: the diagnoses it answers and what it proposes for one of them (null: nothing to say here). */
export interface Rule {
  id: string;
  answers: readonly DiagnosisClass[];
  propose(diagnosis: Diagnosis, facts: RecommendationFacts): Proposal | null;
}

function codeFinding(
  rule: string,
  diagnosis: Diagnosis,
  text: Pick<Proposal, 'title' | 'why' | 'what' | 'expectedEffect'>,
): Proposal {
  const location = diagnosis.location;
  return {
    id: location ? `${rule}:${location.functionName}` : rule,
    rule,
    diagnosis: diagnosis.class,
    ...text,
    evidence: diagnosis.evidence,
    action: null,
    actionUnavailable: 'A change to the code: make it, then use Verify a fix to compare a new recording with this one.',
    location,
  };
}

function evidenceValue(diagnosis: Diagnosis, label: string): number | null {
  return diagnosis.evidence.find((item) => item.label === label)?.value ?? null;
}

const oldGeneration: Rule = {
  id: 'node-old-space',
  answers: ['gc-pressure'],
  propose: (diagnosis, facts) => {
    const limit = oldSpaceLimit(facts);
    const peak = facts.heapUsedPeak;
    // Only a limit the command was given (V8's own default grows with the machine), with a heap that
    // used a good part of it when that was measured: a busy loop answers few heap readings.
    if (limit === null || (peak !== null && peak < 0.4 * limit * mebibyte)) return null;
    const proposed = limit * 4;
    return {
      id: 'node-old-space',
      rule: 'node-old-space',
      diagnosis: diagnosis.class,
      title: `Raise the heap limit (--max-old-space-size=${proposed})`,
      why: `${diagnosis.title}. The command caps the JavaScript heap at ${limit} MiB${peak === null ? '' : ` and it was seen at ${Math.round(peak / mebibyte)} MiB`}; near its limit, V8 runs full collections again and again to stay under it.`,
      what: `Add --max-old-space-size=${proposed} to NODE_OPTIONS (after the current one: the last wins), if the machine or container has the memory.`,
      expectedEffect: `Much less time in full collections when live data sits near the limit; up to ${proposed} MiB of heap, so check the container's memory limit.`,
      evidence: diagnosis.evidence,
      action: { kind: 'node-option', option: `--max-old-space-size=${proposed}` },
      actionUnavailable: actionUnavailable(facts),
      location: diagnosis.location,
    };
  },
};

const youngGeneration: Rule = {
  id: 'node-semi-space',
  answers: ['gc-pressure'],
  propose: (diagnosis, facts) => {
    const options = environmentValue(facts, 'NODE_OPTIONS') ?? '';
    if (options.includes('--max-semi-space-size')) return null;
    return {
      id: 'node-semi-space',
      rule: 'node-semi-space',
      diagnosis: diagnosis.class,
      title: 'Give V8’s young generation more room (--max-semi-space-size=64)',
      why: `${diagnosis.title}. Short-lived objects that outlive a small young generation are copied and promoted, and each scavenge costs CPU; a larger semi-space lets them die young.`,
      what: 'Add --max-semi-space-size=64 to NODE_OPTIONS (MiB per semi-space; V8’s default is 16 on 64-bit machines).',
      expectedEffect:
        'On Node.js 20 and older, often 10–40 % less wall time when objects outlive a scavenge or two (−38 % measured); Node.js 22 and later grow the young generation to 64 MiB by themselves, so expect little there (about −10 %). Up to 3 × 48 MiB more memory.',
      evidence: diagnosis.evidence,
      action: { kind: 'node-option', option: '--max-semi-space-size=64' },
      actionUnavailable: actionUnavailable(facts),
      location: diagnosis.location,
    };
  },
};

const threadPoolSize: Rule = {
  id: 'uv-threadpool-size',
  answers: ['thread-pool-saturated'],
  propose: (diagnosis, facts) => {
    const current = Number(
      environmentValue(facts, 'UV_THREADPOOL_SIZE') ?? evidenceValue(diagnosis, 'Pool threads') ?? 4,
    );
    const proposed = Math.min(1024, Math.max(16, current * 4));
    if (!(proposed > current)) return null;
    return {
      id: 'uv-threadpool-size',
      rule: 'uv-threadpool-size',
      diagnosis: diagnosis.class,
      title: `Enlarge the libuv thread pool (UV_THREADPOOL_SIZE=${proposed})`,
      why: `${diagnosis.title}. Calls that need the pool queue behind the busy threads.`,
      what: `Set UV_THREADPOOL_SIZE=${proposed} in the command’s environment (it is read when the pool starts; the default is 4).`,
      expectedEffect:
        'Large when the pool’s calls wait (slow disks, network file systems, DNS); little or none when they compute (crypto, zlib), since the cores are the limit then.',
      evidence: diagnosis.evidence,
      action: { kind: 'environment', name: 'UV_THREADPOOL_SIZE', value: String(proposed) },
      actionUnavailable: actionUnavailable(facts),
      location: null,
    };
  },
};

const mallocArenas: Rule = {
  id: 'malloc-arena-max',
  answers: ['memory-growth'],
  propose: (diagnosis, facts) => {
    if (facts.target.runtime === 'node' || (facts.threadsPeak ?? 0) < 8) return null;
    if (environmentValue(facts, 'MALLOC_ARENA_MAX') !== null) return null;
    return {
      id: 'malloc-arena-max',
      rule: 'malloc-arena-max',
      diagnosis: diagnosis.class,
      title: 'Limit glibc’s malloc arenas (MALLOC_ARENA_MAX=2)',
      why: `${diagnosis.title}. With ${facts.threadsPeak} threads, glibc gives threads their own arenas (up to 8 per core), and memory freed in one arena is not reused by another.`,
      what: 'Set MALLOC_ARENA_MAX=2 in the command’s environment.',
      expectedEffect:
        'Lower resident memory for many-threaded native programs whose growth is fragmentation; no effect on a real leak, and sometimes a little slower allocation.',
      evidence: diagnosis.evidence,
      action: { kind: 'environment', name: 'MALLOC_ARENA_MAX', value: '2' },
      actionUnavailable: actionUnavailable(facts),
      location: null,
    };
  },
};

const schedulingPriority: Rule = {
  id: 'cpu-priority',
  answers: ['cpu-bound-single', 'cpu-bound-multi'],
  propose: (diagnosis, facts) => {
    // Priority only decides who runs when the cores are contended: only for a program that got less
    // than a core because others took the rest (not one that had its fair share, as the kernel's
    // per-session scheduling groups give a program launched apart from the others).
    const left = evidenceValue(diagnosis, 'CPU other programs left it');
    if (left === null || left >= 90 || facts.otherCpu === null) return null;
    return {
      id: 'cpu-priority',
      rule: 'cpu-priority',
      diagnosis: diagnosis.class,
      title: 'Run it at a higher scheduling priority (nice −5)',
      why: `${diagnosis.title}, and it got ${Math.round(left)} % of a core while other programs used ${Math.round(facts.otherCpu)} %.`,
      what:
        facts.target.kind === 'pid'
          ? 'Give every thread of the running process a nice value of −5 (needs the right to raise priority: root or CAP_SYS_NICE).'
          : 'Start the command with a nice value of −5 (needs the right to raise priority: root or CAP_SYS_NICE).',
      expectedEffect: 'Helps only while other programs compete for the cores; none on an otherwise idle machine.',
      evidence: diagnosis.evidence,
      action: { kind: 'priority', nice: -5 },
      actionUnavailable: actionUnavailable(facts, 'priority'),
      location: null,
    };
  },
};

const cpuAffinity: Rule = {
  id: 'cpu-affinity',
  answers: ['cpu-bound-single', 'cpu-bound-multi'],
  propose: (diagnosis, facts) => {
    // Only a process kept off some of the machine's CPUs (by taskset, or whoever started it): widening
    // can let its threads, or what competes with them, spread out. Pinning a process that roams is not
    // offered: a CPU-bound thread here was measured migrating 0 times in 4 s, alone and among spinners,
    // so there was no migration cost for a pin to save (see actions/README.md).
    const allowed = facts.live?.allowedCpus;
    const online = facts.live?.onlineCpus;
    if (facts.target.kind !== 'pid' || !allowed || !online) return null;
    const barred = online.filter((cpu) => !allowed.includes(cpu));
    if (barred.length === 0) return null;
    const every = cpuListText(online);
    return {
      id: 'cpu-affinity',
      rule: 'cpu-affinity',
      diagnosis: diagnosis.class,
      title: `Let it run on every CPU (CPU affinity ${every})`,
      why: `${diagnosis.title}, and it may run only on CPU${allowed.length === 1 ? '' : 's'} ${cpuListText(allowed)} of the machine’s ${online.length}: what runs there queues while CPU${barred.length === 1 ? '' : 's'} ${cpuListText(barred)} cannot take it.`,
      what: `Allow every thread of the running process CPUs ${every} (as taskset -p -c ${every} on each thread does; another user’s process needs root or CAP_SYS_NICE, and a container’s cpuset still bounds it).`,
      expectedEffect:
        'Less time waiting for a CPU when its threads, or other programs, crowd the CPUs it is kept on while others have room; none for a single thread that has its CPU to itself (the experiment rolls back then). Whoever pinned it may have meant to keep it apart from another workload: the change stays on this process only until it exits.',
      evidence: diagnosis.evidence,
      action: { kind: 'cpu-affinity', cpus: online },
      actionUnavailable: actionUnavailable(facts, 'cpu-affinity'),
      location: null,
    };
  },
};

const hotFunction: Rule = {
  id: 'hot-function',
  answers: ['cpu-bound-single', 'cpu-bound-multi'],
  propose: (diagnosis) => {
    const location = diagnosis.location;
    if (!location) return null;
    return codeFinding('hot-function', diagnosis, {
      title: `Make ${location.functionName} cheaper`,
      why: `${diagnosis.title}. The program is limited by CPU, and this function’s own code is the largest part of it.`,
      what: `Look at ${location.functionName}${location.file ? ` in ${location.file}${location.line ? `:${location.line}` : ''}` : ''}: do less work per call (cache, hoist out of the loop, a cheaper algorithm or data structure), or call it less.`,
      expectedEffect: `At most ${Math.round(location.share * 100)} % less CPU if its cost went to zero (Amdahl); typically a part of that.`,
    });
  },
};

const leakSite: Rule = {
  id: 'leak-site',
  answers: ['memory-growth'],
  propose: (diagnosis) =>
    codeFinding('leak-site', diagnosis, {
      title: diagnosis.location
        ? `Find what keeps ${diagnosis.location.functionName}’s allocations alive`
        : 'Find what keeps growing',
      why: `${diagnosis.title}.`,
      what: 'Look for a collection that only grows (a cache without a limit or expiry, listeners or timers never removed, a global list). Bound it, or drop entries when done.',
      expectedEffect: 'Flat memory after warm-up; less GC work as the heap stops growing.',
    }),
};

const allocationChurn: Rule = {
  id: 'allocation-churn',
  answers: ['gc-pressure'],
  propose: (diagnosis) =>
    diagnosis.location
      ? codeFinding('allocation-churn', diagnosis, {
          title: `Allocate less in ${diagnosis.location.functionName}`,
          why: `${diagnosis.title}.`,
          what: 'Reuse objects and buffers across iterations, avoid building intermediate arrays and strings in the hot path.',
          expectedEffect: 'Less collector CPU in proportion to the allocations removed.',
        })
      : null,
};

const syncLess: Rule = {
  id: 'sync-less',
  answers: ['io-bound'],
  propose: (diagnosis, facts) =>
    // A running process whose disk I/O is mostly reads has no writes or syncs to batch.
    (facts.live?.diskReadShare ?? 0) >= 0.5
      ? null
      : codeFinding('sync-less', diagnosis, {
          title: 'Write in larger batches and sync less often',
          why: `${diagnosis.title}.`,
          what: 'Group small writes into larger ones; call fsync once per batch, or only where durability needs it; consider writing asynchronously.',
          expectedEffect: 'Up to the share of wall time spent waiting for storage.',
        }),
};

/**
 * Why an I/O priority cannot help this running process, or null when it can. Measured on this
 * project's test machine (mq-deadline, ext4, a competing O_DIRECT writer; the commands are in
 * actions/README.md): direct reads in the realtime class ran 2–3× faster than in best-effort, the idle
 * class cut them to a quarter, levels within best-effort changed nothing, and an fsync-bound writer
 * gained nothing from realtime (165 vs 168 MiB/s), since its data and ext4's journal reach the disk
 * from kernel threads (writeback, jbd2) at their own priority.
 */
function ioPriorityUnavailable(facts: RecommendationFacts): string | null {
  const scheduler = facts.live?.ioScheduler ?? null;
  if (scheduler === null)
    return 'Thermograph could not tell which I/O scheduler serves the disk this process uses (it has no open file on a local disk, or it has exited), and an I/O priority counts only under mq-deadline or bfq: no action is offered.';
  if (scheduler !== 'mq-deadline' && scheduler !== 'bfq')
    return `Its disk’s I/O scheduler is ${scheduler}, which serves requests without regard to I/O priority: no ionice setting would change anything. Under mq-deadline or bfq (as root: echo mq-deadline > /sys/block/DISK/queue/scheduler) the I/O classes count.`;
  const reads = facts.live?.diskReadShare ?? null;
  if (reads !== null && reads < 0.5)
    return `Most of its disk I/O is writes (${Math.round((1 - reads) * 100)} %), which reach the disk from the kernel’s writeback and journal threads at their own I/O priority, not the program’s: the realtime class measured no gain for an fsync-bound writer against a competing writer. Fewer syncs help instead.`;
  return null;
}

const ioPriority: Rule = {
  id: 'io-priority',
  answers: ['io-bound'],
  propose: (diagnosis, facts) => {
    // Only a running process: a launched command's I/O priority is not tried (yet).
    if (facts.target.kind !== 'pid') return null;
    const scheduler = facts.live?.ioScheduler ?? 'its scheduler';
    const unavailable = ioPriorityUnavailable(facts);
    return {
      id: 'io-priority',
      rule: 'io-priority',
      diagnosis: diagnosis.class,
      title: 'Serve its disk I/O first (ionice realtime)',
      why: `${diagnosis.title}. Under ${scheduler} the disk serves the realtime I/O class before best-effort (every program’s default), so its requests stop queueing behind other programs’.`,
      what: 'Put every thread of the running process in the realtime I/O class (ionice -c 1 -n 4 -p TID on each; needs root or CAP_SYS_NICE).',
      expectedEffect:
        'Only while other programs use the same disk: direct reads beside a competing writer took 74–78 % less time per MiB in the realtime class here (mq-deadline); nothing when the disk is otherwise idle, and little for buffered writes and fsync. mq-deadline ignores levels within a class (bfq honours them). Realtime I/O can hold back other programs’ I/O: the change stays on this process only until it exits.',
      evidence: diagnosis.evidence,
      action: unavailable === null ? { kind: 'io-priority', ioClass: 'realtime', level: 4 } : null,
      actionUnavailable: unavailable ?? actionUnavailable(facts, 'io-priority'),
      location: null,
    };
  },
};

const yieldingTasks: Rule = {
  id: 'split-long-tasks',
  answers: ['event-loop-blocked'],
  propose: (diagnosis) =>
    codeFinding('split-long-tasks', diagnosis, {
      title: diagnosis.location
        ? `Stop ${diagnosis.location.functionName} from holding the event loop`
        : 'Split long tasks',
      why: `${diagnosis.title}.`,
      what: 'Split the work into chunks that yield (setImmediate between chunks), move it to a worker thread, or make it cheaper.',
      expectedEffect: 'Timers and requests answered within the chunk length instead of the task length.',
    }),
};

const processesNotThreads: Rule = {
  id: 'gil-processes',
  answers: ['gil-contention'],
  propose: (diagnosis) =>
    codeFinding('gil-processes', diagnosis, {
      title: 'Use processes, not threads, for CPU-bound Python work',
      why: `${diagnosis.title}.`,
      what: 'Move the CPU-bound work to multiprocessing or concurrent.futures.ProcessPoolExecutor, or into a native extension that releases the GIL.',
      expectedEffect: 'Up to one core per process instead of one core in all.',
    }),
};

const shorterLocks: Rule = {
  id: 'shorter-locks',
  answers: ['lock-contention'],
  propose: (diagnosis) =>
    codeFinding('shorter-locks', diagnosis, {
      title: 'Hold the contended lock for less time',
      why: `${diagnosis.title}.`,
      what: 'Move work out of the critical section, split one hot lock into several, or give each thread its own data and merge at the end.',
      expectedEffect: 'Up to the idle cores’ worth of throughput.',
    }),
};

const fewerChildren: Rule = {
  id: 'fewer-children',
  answers: ['child-processes'],
  propose: (diagnosis) =>
    codeFinding('fewer-children', diagnosis, {
      title: 'Start fewer processes',
      why: `${diagnosis.title}.`,
      what: 'Do the work in-process, or keep one long-lived child and send it work, instead of starting a process per item.',
      expectedEffect: 'Saves each process’s start-up cost (milliseconds per process).',
    }),
};

/** Every rule, in the order its recommendations are listed before ranking. */
export const rules: readonly Rule[] = [
  oldGeneration,
  youngGeneration,
  threadPoolSize,
  mallocArenas,
  schedulingPriority,
  cpuAffinity,
  hotFunction,
  allocationChurn,
  leakSite,
  syncLess,
  ioPriority,
  yieldingTasks,
  processesNotThreads,
  shorterLocks,
  fewerChildren,
];
