// The one interface every runtime profiler implements (node/, perf/, python/). A recording asks the
// chosen profiler to prepare a launch, start on the running pid, and stop; each profiler turns what
// its tool produced into Profile values through ProfileBuilder, so nothing downstream knows which
// tool ran.

import type { LeftoverEntry } from '../../src-shared/model/leftover';
import type { Runtime } from '../../src-shared/model/process';
import type { Profile } from '../../src-shared/profile/profile';
import type { FoldRule } from '../../src-shared/profile/sample-folding';
import type { Bytes, EpochMilliseconds, Pid } from '../../src-shared/units';

/** The profilers Thermograph has. */
export type ProfilerId = 'node' | 'perf' | 'py-spy' | 'austin' | 'python-perf';

/** A reason a profiler cannot run, in the words the UI and CLI show. */
export interface ProfilerProblem {
  /** What is missing or refused, e.g. "kernel.perf_event_paranoid is 3". */
  message: string;
  /** What to do about it, e.g. "Run: sudo sysctl kernel.perf_event_paranoid=1". */
  fix: string;
}

/** A command about to be launched; a profiler may add flags or environment variables. */
export interface LaunchPlan {
  argv: string[];
  /** Only what the user (or a profiler) adds to the engine's environment. */
  env: Record<string, string>;
}

/** What is profiled. */
export interface ProfilerTarget {
  pid: Pid;
  /** True when Thermograph launched the process (after prepareLaunch), false when attaching. */
  launched: boolean;
  runtime: Runtime;
  /** The command line as argv, for interpreter-version checks. */
  argv: string[];
  /** The user allowed the Node.js profiler to send SIGUSR1 to a running process (`--node-attach-signal`). */
  attachSignal?: boolean;
}

/** How to profile. */
export interface ProfilerOptions {
  /** Samples per second asked for (Node default 1000, i.e. 1 ms). Achieved rates are measured, not assumed. */
  samplingHz: number;
  /** Collect an allocation profile too, where the runtime supports it (Node.js). */
  allocations: boolean;
}

/** Things a running profiler reports while the recording goes on. */
export interface ProfilerEvents {
  /** JavaScript heap usage, for the timeline (Node.js). */
  heapUsage?(sample: { time: EpochMilliseconds; used: Bytes; total: Bytes }): void;
  /** A problem the profiler survived, in a sentence with its fix. */
  warning(message: string): void;
}

/**
 * Things a profiler opened in or beside a target that must be undone even if Thermograph crashes
 * (an inspector opened with SIGUSR1, a perf process). A profiler records an entry when it opens
 * something and forgets it when it has closed it; on the next start the engine calls
 * cleanUpLeftover for whatever was left.
 */
export interface LeftoverJournal {
  remember(entry: LeftoverEntry): number;
  forget(id: number): void;
}

export type { LeftoverEntry };

/** A profiler running on one target. */
export interface RunningProfiler {
  /**
   * Stops profiling and collects the profiles (CPU, and allocation where collected). Closes
   * everything the profiler opened, whether the target is still alive or has exited. Idempotent.
   * Rejects with a ThermographError whose message says what happened and what to do.
   */
  stop(): Promise<Profile[]>;
  /**
   * Folds the samples collected so far that `rule` names (src-shared/profile/sample-folding.ts), so
   * a recording of hours holds a bounded profile. Profilers whose samples wait in a file until
   * stop() (perf, austin) have nothing to fold here; their profiles are folded when stored.
   */
  fold?(rule: FoldRule): void;
}

/** One runtime profiler. */
export interface Profiler {
  readonly id: ProfilerId;
  /** Why this profiler cannot profile this target here, or null when it can. No side effects on the target. */
  check(target: ProfilerTarget): Promise<ProfilerProblem | null>;
  /** The command to launch instead, for targets Thermograph starts itself. */
  prepareLaunch(plan: LaunchPlan, options: ProfilerOptions): LaunchPlan;
  /** Starts profiling; rejects with a ThermographError (message and fix) when it cannot. */
  start(
    target: ProfilerTarget,
    options: ProfilerOptions,
    events: ProfilerEvents,
    journal: LeftoverJournal,
  ): Promise<RunningProfiler>;
}
