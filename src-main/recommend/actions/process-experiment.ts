// An experiment on a running process (a session recorded by pid): its priority is changed in place in
// alternating windows (baseline, changed, baseline, …, W each) and the outcome of each window is the
// time its threads waited for a CPU per second (thread-priority.ts). The plan and the verdict are the
// launched command's (run-plan.ts, verdict.ts), so "kept" means the same thing. The original nice
// values are journaled before anything changes, so a Thermograph that crashed restores them at its
// next start; kept leaves the change on the process until it exits, anything else restores them.

import type { Experiment, ExperimentRun, ExperimentState } from '../../../src-shared/diagnosis/experiment';
import type { Action } from '../../../src-shared/diagnosis/recommendation';
import type { LeftoverEntry } from '../../../src-shared/model/leftover';
import type { EpochMilliseconds } from '../../../src-shared/units';
import { nextStep } from './run-plan';
import {
  processStartTicks,
  readRunDelay,
  readThreadNice,
  restoreThreadNice,
  setThreadNice,
  waitingPerSecond,
  type ThreadNice,
} from './thread-priority';
import { decide } from './verdict';

/** The process an experiment changes: its pid and start time (so a reused pid is never touched). */
export interface RunningProcessTarget {
  pid: number;
  startTicks: number;
}

/** How long each window lasts by default. */
export const processWindowMs = 2000;

/** What a running-process experiment measures, lower being better. */
export const waitingOutcome = 'time waiting for a CPU';

/** The launch preset key's counterpart for a running process: never a preset, one process's identity. */
export function processTargetKey(target: RunningProcessTarget): string {
  return `pid:${target.pid}:${target.startTicks}`;
}

/** What the loop needs from the runner. */
export interface ProcessExperimentHooks {
  action: Action;
  target: RunningProcessTarget;
  windowMs: number;
  runs: number;
  maximumRuns: number;
  threshold: number;
  alpha: number;
  /** The cancel message once cancelled, else null. */
  cancelled(): string | null;
  /** The window in progress, which cancel ends early. */
  setCurrent(window: { kill(): void } | null): void;
  progress(runs: ExperimentRun[], planned: number): void;
  end(
    state: Exclude<ExperimentState, 'running' | 'interrupted'>,
    runs: ExperimentRun[],
    planned: number,
    verdict: string,
    comparison?: Experiment['comparison'],
  ): Experiment;
  remember(entry: LeftoverEntry): number;
  forget(id: number): void;
  now(): EpochMilliseconds;
}

/** Runs the windows and ends the experiment; never throws. */
export async function runProcessExperiment(hooks: ProcessExperimentHooks): Promise<Experiment> {
  const { pid, startTicks } = hooks.target;
  const runs: ExperimentRun[] = [];
  let planned = hooks.runs;
  if (hooks.action.kind !== 'priority')
    return hooks.end(
      'failed',
      runs,
      planned,
      `a running process can only have its priority changed, not ${hooks.action.kind}; nothing was changed.`,
    );
  const nice = hooks.action.nice;
  const original = processStartTicks(pid) === startTicks ? readThreadNice(pid) : null;
  if (original === null) return hooks.end('failed', runs, planned, `${gone(pid)}; nothing was changed.`);
  let journal: number;
  try {
    journal = hooks.remember({ kind: 'priority', pid, startTicks, detail: Object.fromEntries(original) });
  } catch (error) {
    // Without the journal a crash could leave the change behind: change nothing.
    const message = error instanceof Error ? error.message : String(error);
    return hooks.end('failed', runs, planned, `${message.replace(/\.$/, '')}; nothing was changed.`);
  }
  const restored = (sentence: string) => {
    const back = restoreThreadNice(pid, original);
    hooks.forget(journal);
    return back
      ? `${sentence}; ${restoreSentence(pid, original)}`
      : `${sentence}; the process has exited, nothing to restore`;
  };
  const values = { baseline: [] as number[], changed: [] as number[] };
  try {
    for (;;) {
      const step = nextStep({
        ...values,
        planned,
        maximum: hooks.maximumRuns,
        threshold: hooks.threshold,
        alpha: hooks.alpha,
      });
      planned = step.planned;
      const cancelled = hooks.cancelled();
      if (cancelled !== null)
        return hooks.end(
          'cancelled',
          runs,
          planned,
          restored(`${cancelled} after ${plural(runs.length)}; nothing was kept`),
        );
      if (step.kind === 'done') {
        const verdict = (removed: string) =>
          decide(step.comparison, waitingOutcome, hooks.threshold, hooks.alpha, {
            kept: `kept on PID ${pid} until it exits; a running process has no launch preset`,
            removed,
          });
        const decision = verdict('');
        if (!decision.keep) {
          const back = restoreThreadNice(pid, original);
          hooks.forget(journal);
          const removed = back ? restoreSentence(pid, original) : 'the process has exited, nothing to restore';
          return hooks.end('rolled-back', runs, planned, verdict(removed).sentence, step.comparison);
        }
        // Kept: the change stays where the last changed window left it, on every thread.
        const kept = setThreadNice(pid, nice);
        hooks.forget(journal);
        if (!kept)
          return hooks.end(
            'failed',
            runs,
            planned,
            `${gone(pid)} before the verdict; nothing to keep or restore.`,
            step.comparison,
          );
        return hooks.end('kept', runs, planned, decision.sentence, step.comparison);
      }
      const applied = step.side === 'changed' ? setThreadNice(pid, nice) : restoreThreadNice(pid, original);
      const startedAt = hooks.now();
      const before = readRunDelay(pid);
      const began = process.hrtime.bigint();
      if (applied && before !== null) await wait(hooks.windowMs, hooks.setCurrent);
      const after = readRunDelay(pid);
      const elapsedMs = Number(process.hrtime.bigint() - began) / 1e6;
      if (!applied || before === null || after === null || processStartTicks(pid) !== startTicks) {
        hooks.forget(journal);
        return hooks.end(
          'failed',
          runs,
          planned,
          `${gone(pid)} during window ${runs.length + 1} (${step.side}); nothing was kept and there is nothing to restore. Record the program again while it runs, then apply again.`,
        );
      }
      if (hooks.cancelled() !== null) continue;
      // To 0.1 ms/s: finer than any window can tell, and what the UI and CLI show as is.
      const outcome = Math.round(waitingPerSecond(before, after, elapsedMs) * 10) / 10;
      runs.push({ side: step.side, startedAt, wallMs: elapsedMs, metric: outcome, exitCode: null });
      values[step.side].push(outcome);
      hooks.progress(runs, planned);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return hooks.end('failed', runs, planned, restored(message.replace(/\.$/, '')));
  }
}

/** Waits a window, or less when cancel ends it. */
function wait(windowMs: number, setCurrent: ProcessExperimentHooks['setCurrent']): Promise<void> {
  return new Promise((resolveWait) => {
    const timer = setTimeout(done, windowMs);
    function done() {
      clearTimeout(timer);
      setCurrent(null);
      resolveWait();
    }
    setCurrent({ kill: done });
  });
}

function restoreSentence(pid: number, original: ThreadNice): string {
  const values = [...new Set(original.values())].sort((a, b) => a - b);
  return `PID ${pid}'s threads are back at their own nice value${values.length === 1 ? '' : 's'} (${values.join(', ')})`;
}

function gone(pid: number): string {
  return `PID ${pid} has exited (or its pid now belongs to another program)`;
}

function plural(count: number): string {
  return `${count} window${count === 1 ? '' : 's'}`;
}
