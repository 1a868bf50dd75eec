// An experiment on a running process (a session recorded by pid): one of its per-thread settings (nice,
// I/O priority, CPU affinity: process-changes.ts) is changed in place in alternating windows
// (baseline, changed, baseline, …, W each), and each window's outcome is measured (the time its threads
// waited for a CPU per second, or the milliseconds per MiB of disk I/O it did). The plan and the verdict
// are the launched command's (run-plan.ts, verdict.ts), so "kept" means the same thing. Every thread's
// original is journaled before anything changes, so a Thermograph that crashed restores them at its
// next start; kept leaves the change on the process until it exits, anything else restores them.

import { windowLimits } from '../../../src-shared/api/limits';
import type { Experiment, ExperimentRun, ExperimentState } from '../../../src-shared/diagnosis/experiment';
import type { Action } from '../../../src-shared/diagnosis/recommendation';
import type { LeftoverEntry } from '../../../src-shared/model/leftover';
import type { EpochMilliseconds } from '../../../src-shared/units';
import { processChange } from './process-changes';
import { processStartTicks } from './process-threads';
import { nextStep } from './run-plan';
import { restoredSentence, restoreThreads } from './thread-setting';
import { decide } from './verdict';

/** The process an experiment changes: its pid and start time (so a reused pid is never touched). */
export interface RunningProcessTarget {
  pid: number;
  startTicks: number;
}

/** How long each window lasts by default. */
export const processWindowMs = windowLimits.defaultMs;

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
  const change = processChange(hooks.action);
  if (change === null)
    return hooks.end(
      'failed',
      runs,
      planned,
      `a running process can have its priority, I/O priority or CPU affinity changed, not ${hooks.action.kind}; nothing was changed.`,
    );
  const { setting, value, measure } = change;
  let original: Map<number, string | number> | null;
  let journal: number;
  try {
    await setting.ready?.();
    original = processStartTicks(pid) === startTicks ? await setting.read(pid) : null;
    if (original === null) return hooks.end('failed', runs, planned, `${gone(pid)}; nothing was changed.`);
    journal = hooks.remember({ kind: setting.leftover, pid, startTicks, detail: Object.fromEntries(original) });
  } catch (error) {
    // Without the tool, the originals or the journal (a crash could leave the change behind): change nothing.
    return hooks.end('failed', runs, planned, `${messageOf(error)}; nothing was changed.`);
  }
  const originals = original;
  /** Every thread back at its original; the sentence that says so (or that there was nothing to restore). */
  const restore = async () => {
    const back = await restoreThreads(setting, pid, originals);
    hooks.forget(journal);
    return back ? restoredSentence(setting, pid, originals) : 'the process has exited, nothing to restore';
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
          `${cancelled} after ${plural(runs.length)}; nothing was kept; ${await restore()}`,
        );
      if (step.kind === 'done') {
        const verdict = (removed: string) =>
          decide(step.comparison, measure.outcome, hooks.threshold, hooks.alpha, {
            kept: `kept on PID ${pid} until it exits; a running process has no launch preset`,
            removed,
          });
        const decision = verdict('');
        if (!decision.keep)
          return hooks.end('rolled-back', runs, planned, verdict(await restore()).sentence, step.comparison);
        // Kept: set again, so a thread born during the last baseline window has it too.
        const kept = await setting.set(pid, value);
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
      const applied =
        step.side === 'changed' ? await setting.set(pid, value) : await restoreThreads(setting, pid, originals);
      const startedAt = hooks.now();
      const before = measure.read(pid);
      const began = process.hrtime.bigint();
      if (applied && before !== null) await wait(hooks.windowMs, hooks.setCurrent);
      const after = measure.read(pid);
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
      const outcome = measure.value(before, after, elapsedMs);
      if ('none' in outcome)
        return hooks.end(
          'failed',
          runs,
          planned,
          `PID ${pid} has no ${measure.outcome} for window ${runs.length + 1} (${step.side}): ${outcome.none}; nothing was kept; ${await restore()}.`,
        );
      runs.push({ side: step.side, startedAt, wallMs: elapsedMs, metric: outcome.value, exitCode: null });
      values[step.side].push(outcome.value);
      hooks.progress(runs, planned);
    }
  } catch (error) {
    const restored = await restore().catch((failure: unknown) => `and restoring failed too: ${messageOf(failure)}`);
    return hooks.end('failed', runs, planned, `${messageOf(error)}; ${restored}`);
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

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}

function gone(pid: number): string {
  return `PID ${pid} has exited (or its pid now belongs to another program)`;
}

function plural(count: number): string {
  return `${count} window${count === 1 ? '' : 's'}`;
}
