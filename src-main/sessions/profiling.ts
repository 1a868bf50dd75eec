// The profiler side of one recording: prepares the launch, starts the chosen profiler on the target,
// stops it before the target is ended, and stores the profiles with a status the UI shows. A
// profiler that cannot run never stops the recording: the timeline goes on and the status says why
// and what to do.

import type { ProfilerChoiceResult } from '../profilers/choose';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ThermographError } from '../../src-shared/api/errors';
import type { Profile } from '../../src-shared/profile/profile';
import type { ProfilerStatus } from '../../src-shared/profile/views';
import type { SessionSummary } from '../../src-shared/model/session';
import type { Bytes, SessionId } from '../../src-shared/units';
import { summarizeProfile } from '../analysis/profile-summary';
import type { ApiEventListener as EngineListener } from '../../src-shared/api/contract';
import type {
  LaunchPlan,
  LeftoverJournal,
  ProfilerOptions,
  ProfilerTarget,
  RunningProfiler,
} from '../profilers/profiler';
import { withoutInspectorMessages } from '../profilers/node';
import type { SessionStore } from '../store/session-store';
import type { RetentionState } from '../../src-shared/model/retention';
import { foldProfile } from '../../src-shared/profile/sample-folding';
import { profileFoldPeriodMs, profileFoldRule } from './profile-retention';

/** The latest heap usage a runtime profiler reported, merged into timeline samples. */
export interface HeapReading {
  used: Bytes;
  total: Bytes;
}

/** Profiling of one session, from launch preparation to stored profiles. */
export class SessionProfiling {
  private running: Promise<RunningProfiler | null> | null = null;
  private stopping: Promise<void> | null = null;
  /** Updated by the profiler; the recording copies it into each sample. */
  heap: HeapReading | null = null;

  private sessionId: SessionId = 0;
  private store: SessionStore | null = null;
  private foldTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly choice: ProfilerChoiceResult,
    private readonly options: ProfilerOptions,
    private readonly emit: EngineListener,
  ) {}

  /**
   * Binds to the session once it exists and stores the first status: pending, or unavailable with
   * the reason. Returns the session's summary with that status.
   */
  attach(sessionId: SessionId, store: SessionStore): SessionSummary {
    this.sessionId = sessionId;
    this.store = store;
    const { problem, name } = this.choice;
    const status: ProfilerStatus = problem
      ? { profiler: name, state: 'unavailable', message: problem.message, fix: problem.fix }
      : { profiler: name, state: 'pending', message: null, fix: null };
    return store.setProfilerStatus(sessionId, status);
  }

  /** The command to launch, with the profiler's flags or environment added. */
  prepareLaunch(plan: LaunchPlan): LaunchPlan {
    return this.choice.profiler && !this.choice.problem ? this.choice.profiler.prepareLaunch(plan, this.options) : plan;
  }

  /** Starts the profiler on the running target, in the background; the status follows. */
  start(target: ProfilerTarget): void {
    const profiler = this.choice.profiler;
    if (!profiler || !this.store || this.choice.problem || this.running) return;
    this.running = (async () => {
      const problem = await profiler.check(target);
      if (problem) {
        this.setStatus({ state: 'unavailable', message: problem.message, fix: problem.fix });
        return null;
      }
      const running = await profiler.start(
        target,
        this.options,
        {
          heapUsage: (sample) => (this.heap = { used: sample.used, total: sample.total }),
          warning: (message) => this.emit('recordingDidWarn', { sessionId: this.sessionId, message }),
        },
        this.journal(),
      );
      this.setStatus({ state: 'running', message: null, fix: null });
      if (running.fold && !this.stopping) this.foldEvery(running);
      return running;
    })().catch((error: unknown) => {
      this.setStatus(failure(error, 'start'));
      return null;
    });
  }

  /** Stops the profiler, collects and stores its profiles. Idempotent; never rejects. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const running = await this.running;
      if (this.foldTimer) clearTimeout(this.foldTimer);
      if (!running) return;
      let profiles: Profile[];
      try {
        profiles = await running.stop();
      } catch (error) {
        this.setStatus(failure(error, 'stop'));
        return;
      }
      const rule = this.foldRule();
      const kept = profiles
        .filter((profile) => profile.samples.length > 0)
        .map((profile) => (rule ? foldProfile(profile, rule) : profile));
      try {
        for (const profile of kept) this.store!.saveProfile(this.sessionId, profile, summarizeProfile(profile));
      } catch (error) {
        this.setStatus({
          state: 'failed',
          message: `The profile could not be saved: ${(error as Error).message}`,
          fix: 'Free some disk space and record again.',
        });
        return;
      }
      this.setStatus(
        kept.length > 0
          ? { state: 'done', message: null, fix: null }
          : {
              state: 'done',
              message: 'The profiler collected no samples: the target ended or stayed idle before the first sample.',
              fix: 'Record for longer, or while the program is busy.',
            },
      );
    })();
    return this.stopping;
  }

  // Folds the running profiler's old samples as the retention says, re-reading it each time (pins
  // and settings change while recording), so a profile of hours stays bounded in memory.
  // One read of the retention a fold gives both the rule and the time to the next fold.
  private foldEvery(running: RunningProfiler): void {
    const after = (retention: RetentionState | null) => {
      this.foldTimer = setTimeout(() => {
        const current = this.retention();
        if (current) running.fold!(profileFoldRule(current, Date.now()));
        after(current);
      }, profileFoldPeriodMs(retention));
      this.foldTimer.unref();
    };
    after(this.retention());
  }

  private foldRule(): ReturnType<typeof profileFoldRule> | null {
    const retention = this.retention();
    return retention && profileFoldRule(retention, Date.now());
  }

  // The session's retention; null when the store cannot say (a malformed THERMOGRAPH_RETENTION, a
  // deleted session): the profile then stays whole, and the timeline's retention line says why.
  private retention(): RetentionState | null {
    try {
      return this.store!.getRetention(this.sessionId);
    } catch {
      return null;
    }
  }

  /** Removes from a launched target's stderr what the profiler made it print, if anything. */
  stderrFilter(): ((text: string) => string) | undefined {
    return this.choice.name === 'node' && !this.choice.problem ? withoutInspectorMessages : undefined;
  }

  /**
   * After Thermograph ended a target it launched: removes the symbol map (/tmp/perf-PID.map) that
   * the flags perf profiling added made the target write. Only launched targets: an attached
   * process wrote its map because its own user asked for it.
   */
  targetEnded(pid: number): void {
    if (this.choice.name !== 'perf' && this.choice.name !== 'python-perf') return;
    rmSync(join(tmpdir(), `perf-${pid}.map`), { force: true });
  }

  private journal(): LeftoverJournal {
    return {
      remember: (entry) => this.store!.rememberLeftover(entry),
      forget: (id) => {
        try {
          this.store!.forgetLeftover(id);
        } catch (error) {
          // A full or read-only disk: the entry stays, and the next start finds nothing left to end.
          console.error(`Thermograph: could not update the profiler journal of session ${this.sessionId}:`, error);
        }
      },
    };
  }

  private setStatus(status: Omit<ProfilerStatus, 'profiler'>): void {
    try {
      const summary = this.store!.setProfilerStatus(this.sessionId, { profiler: this.choice.name, ...status });
      this.emit('sessionDidChange', summary);
    } catch (error) {
      // Deleted by another Thermograph while recording: the recording ends by itself, nothing to say.
      if (error instanceof ThermographError && error.code === 'not-found') return;
      // The status is informative; a refused write must not break the recording.
      console.error(`Thermograph: could not save the profiler status of session ${this.sessionId}:`, error);
    }
  }
}

function failure(error: unknown, phase: 'start' | 'stop'): Omit<ProfilerStatus, 'profiler'> {
  const message = error instanceof Error ? error.message : String(error);
  const known = error instanceof ThermographError;
  return {
    state: 'failed',
    message: known ? message : `The profiler failed to ${phase}: ${message}`,
    fix: known ? null : 'Run `thermograph doctor` to check what this machine can profile.',
  };
}
