// Runs experiments: a recommendation's action tried on a launched command in interleaved runs
// (run-plan.ts), each run measured (measure-run.ts), the verdict from the comparison engine
// (verdict.ts); or on a running process in interleaved windows (process-experiment.ts). The only place a kept action reaches the launch preset, in the same transaction as
// the kept verdict; a roll back, a cancel, a failure or a crash writes nothing there.

import type { ApiEventListener } from '../../../src-shared/api/contract';
import { ThermographError } from '../../../src-shared/api/errors';
import type { Experiment, ExperimentRun, ExperimentState } from '../../../src-shared/diagnosis/experiment';
import { actionKey } from '../../../src-shared/diagnosis/launch-preset';
import { describeAction } from '../../../src-shared/format/experiment';
import type { Action } from '../../../src-shared/diagnosis/recommendation';
import type { EpochMilliseconds } from '../../../src-shared/units';
import { readOutputMetrics, type OutputMetricSpec } from '../../analysis/compare/output-metrics';
import type { LaunchRequest } from '../../sessions/launch';
import type { SessionStore } from '../../store/session-store';
import { applyActions } from './apply-action';
import { startRun, type StartedRun } from './measure-run';
import { processOutcome } from './process-changes';
import { processWindowMs, runProcessExperiment, type RunningProcessTarget } from './process-experiment';
import { processStartTicks } from './process-threads';
import { nextStep, perLookAlpha } from './run-plan';
import { decide } from './verdict';

/** Defaults of an experiment. */
export const experimentDefaults = {
  runs: 5,
  maximumRuns: 12,
  /** The smallest relative gain worth keeping. */
  threshold: 0.03,
  alpha: 0.05,
} as const;

/** What an experiment tries, on which command (or running process). */
export type ExperimentRequest = CommandExperimentRequest | ProcessExperimentRequest;

/** An experiment on a launched command: runs of it, again and again. */
export interface CommandExperimentRequest extends ExperimentRequestBase {
  /** The launched command as its session recorded it (its own environment additions only). */
  launch: LaunchRequest;
  process?: undefined;
}

/** An experiment on a running process: its priority, I/O priority or CPU affinity changed in place, window by window. */
export interface ProcessExperimentRequest extends ExperimentRequestBase {
  process: RunningProcessTarget;
  /** Each window's length; `processWindowMs` by default. */
  windowMs?: number;
  launch?: undefined;
  metric: null;
}

/** What every experiment request has. */
interface ExperimentRequestBase {
  sessionId: number;
  recommendationId: string;
  rule: string;
  diagnosis: Experiment['diagnosis'];
  title: string;
  action: Action;
  targetKey: string;
  runs: number;
  maximumRuns: number;
  /** A metric read from each run's output instead of its wall time; null for wall time. */
  metric: OutputMetricSpec | null;
}

/** What the runner needs from the engine. */
export interface ExperimentContext {
  store: SessionStore;
  emit: ApiEventListener;
  now?: () => EpochMilliseconds;
}

interface RunningExperiment {
  experiment: Experiment;
  current: Pick<StartedRun, 'kill'> | null;
  /** Set by cancel: the loop stops after the run in progress is ended, with this message. */
  cancelled: string | null;
  over: Promise<Experiment>;
}

/** Runs experiments, each in the background; one command's runs one after another. */
export class ExperimentRunner {
  private readonly running = new Map<number, RunningExperiment>();

  constructor(private readonly context: ExperimentContext) {}

  /** Stores the experiment and starts its runs; resolves at once, experimentDidProgress follows. */
  start(request: ExperimentRequest): Experiment {
    const now = this.now();
    const experiment = this.context.store.createExperiment({
      sessionId: request.sessionId,
      recommendationId: request.recommendationId,
      rule: request.rule,
      diagnosis: request.diagnosis,
      title: request.title,
      action: request.action,
      targetKey: request.targetKey,
      outcome: request.process
        ? (processOutcome(request.action) ?? request.action.kind)
        : (request.metric?.name ?? 'wall'),
      startedAt: now,
      plannedRuns: request.runs,
      maximumRuns: request.maximumRuns,
    });
    const entry: RunningExperiment = { experiment, current: null, cancelled: null, over: Promise.resolve(experiment) };
    this.running.set(experiment.id, entry);
    entry.over = this.run(entry, request).finally(() => this.running.delete(experiment.id));
    this.context.emit('experimentDidProgress', experiment);
    return experiment;
  }

  /** Cancels an experiment: ends its run in progress, keeps nothing. Resolves once it is over. */
  async cancel(id: number, message = 'cancelled'): Promise<Experiment> {
    const entry = this.running.get(id);
    if (!entry) {
      const stored = this.context.store.getExperiment(id);
      if (!stored)
        throw new ThermographError('not-found', `Experiment ${id} does not exist; listExperiments lists them.`);
      if (stored.state === 'running')
        throw new ThermographError(
          'busy',
          `Experiment ${id} is run by another Thermograph process; cancel it there (Ctrl-C where \`thermograph apply\` runs).`,
        );
      return stored;
    }
    entry.cancelled ??= message;
    entry.current?.kill();
    return entry.over;
  }

  /** True while an experiment of this runner runs the command that `targetKey` names. */
  isRunningOn(targetKey: string): boolean {
    return [...this.running.values()].some((entry) => entry.experiment.targetKey === targetKey);
  }

  /** Resolves with the experiment once it is over (for callers that wait, such as the CLI and tests). */
  whenOver(id: number): Promise<Experiment> {
    return this.running.get(id)?.over ?? Promise.resolve(this.context.store.getExperiment(id)!);
  }

  /** Cancels every experiment (engine shutdown). */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.running.keys()].map((id) =>
        this.cancel(id, 'stopped because Thermograph was closed').catch(() => undefined),
      ),
    );
  }

  private async run(entry: RunningExperiment, request: ExperimentRequest): Promise<Experiment> {
    if (request.process) return this.runOnProcess(entry, request);
    const { store } = this.context;
    const id = entry.experiment.id;
    const { baseline, changed } = this.launches(request);
    const values = { baseline: [] as number[], changed: [] as number[] };
    const runs: ExperimentRun[] = [];
    let planned = request.runs;
    const alpha = perLookAlpha(experimentDefaults.alpha, request.runs, request.maximumRuns);
    try {
      for (;;) {
        const step = nextStep({
          ...values,
          planned,
          maximum: request.maximumRuns,
          threshold: experimentDefaults.threshold,
          alpha,
        });
        planned = step.planned;
        if (entry.cancelled !== null) return this.end(entry, runs, planned, 'cancelled', cancelSentence(entry, runs));
        if (step.kind === 'done') {
          const outcome = request.metric?.name ?? 'wall time';
          const decision = decide(step.comparison, outcome, experimentDefaults.threshold, alpha);
          const keep = decision.keep
            ? { targetKey: request.targetKey, action: request.action, experimentId: id, addedAt: this.now() }
            : null;
          return this.end(
            entry,
            runs,
            planned,
            keep ? 'kept' : 'rolled-back',
            decision.sentence,
            step.comparison,
            keep,
          );
        }
        const launch = step.side === 'baseline' ? baseline : changed;
        const startedAt = this.now();
        // Journaled in the turn the run is spawned: an engine killed while the run starts up still
        // leaves its group for the next start to end.
        const started = await startRun(launch.request, launch.nice, request.metric !== null, (pid) =>
          store.setExperimentRunGroup(id, { pid, startTicks: processStartTicks(pid) }),
        );
        entry.current = started;
        // A cancel that came while the run was being spawned.
        if (entry.cancelled !== null) started.kill();
        const measured = await started.ended;
        entry.current = null;
        store.setExperimentRunGroup(id, null);
        if (entry.cancelled !== null) continue;
        const run: ExperimentRun = {
          side: step.side,
          startedAt,
          wallMs: measured.wallMs,
          metric: null,
          exitCode: measured.exitCode,
        };
        runs.push(run);
        if (measured.exitCode !== 0) {
          const how =
            measured.exitCode === null ? `was killed by ${measured.signal}` : `exited with code ${measured.exitCode}`;
          const stderr = measured.errorTail.trim();
          return this.end(
            entry,
            runs,
            planned,
            'failed',
            `run ${runs.length} (${step.side}) ${how}${stderr ? `: ${stderr.slice(-500)}` : ''}; nothing was kept. Fix the command so that it succeeds, then apply again.`,
          );
        }
        if (request.metric) {
          run.metric = readOutputMetrics(measured.output, [request.metric])[request.metric.name] ?? null;
          if (run.metric === null)
            return this.end(
              entry,
              runs,
              planned,
              'failed',
              `run ${runs.length} (${step.side}) printed no value for metric "${request.metric.name}" (pattern ${request.metric.pattern.source}); nothing was kept. Check the pattern against the command's output.`,
            );
        }
        values[step.side].push(run.metric ?? run.wallMs);
        this.ranOne(entry, runs, planned);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return this.end(entry, runs, planned, 'failed', `${message} Nothing was kept.`);
    }
  }

  private runOnProcess(entry: RunningExperiment, request: ProcessExperimentRequest): Promise<Experiment> {
    const { store } = this.context;
    return runProcessExperiment({
      action: request.action,
      target: request.process,
      windowMs: request.windowMs ?? processWindowMs,
      runs: request.runs,
      maximumRuns: request.maximumRuns,
      threshold: experimentDefaults.threshold,
      alpha: perLookAlpha(experimentDefaults.alpha, request.runs, request.maximumRuns),
      cancelled: () => entry.cancelled,
      setCurrent: (window) => (entry.current = window),
      progress: (runs, planned) => this.ranOne(entry, runs, planned),
      end: (state, runs, planned, verdict, comparison = null) =>
        this.end(entry, runs, planned, state, verdict, comparison),
      remember: (leftover) => store.rememberLeftover(leftover),
      forget: (id) => store.forgetLeftover(id),
      now: () => this.now(),
    });
  }

  /** The baseline as the command launches now (its preset included, less what the action changes) and the change on top. */
  private launches(request: CommandExperimentRequest) {
    const key = actionKey(request.action);
    const preset = this.context.store
      .listPresets(request.targetKey)
      .map((entry) => entry.action)
      .filter((action) => actionKey(action) !== key);
    const inherited = process.env.NODE_OPTIONS;
    const build = (actions: Action[]) => {
      const applied = applyActions(request.launch.env, actions, inherited);
      return { request: { ...request.launch, env: applied.env }, nice: applied.nice };
    };
    return { baseline: build(preset), changed: build([...preset, request.action]) };
  }

  /** Progress after a run (or a window) ended. */
  private ranOne(entry: RunningExperiment, runs: ExperimentRun[], planned: number): void {
    this.progress(entry, {
      state: 'running',
      endedAt: null,
      plannedRuns: planned,
      runs,
      comparison: null,
      verdict: null,
    });
  }

  private progress(entry: RunningExperiment, progress: Parameters<SessionStore['updateExperiment']>[1]): void {
    if (!this.context.store.updateExperiment(entry.experiment.id, progress)) return;
    entry.experiment = { ...entry.experiment, ...progress, runs: [...progress.runs] };
    this.context.emit('experimentDidProgress', entry.experiment);
  }

  private end(
    entry: RunningExperiment,
    runs: ExperimentRun[],
    planned: number,
    state: Exclude<ExperimentState, 'running' | 'interrupted'>,
    verdict: string,
    comparison: Experiment['comparison'] = null,
    keep: Parameters<SessionStore['updateExperiment']>[2] = null,
  ): Experiment {
    const progress = { state, endedAt: this.now(), plannedRuns: planned, runs: [...runs], comparison, verdict };
    if (this.context.store.updateExperiment(entry.experiment.id, progress, keep)) {
      entry.experiment = { ...entry.experiment, ...progress };
      this.context.emit('experimentDidProgress', entry.experiment);
    } else {
      entry.experiment = this.context.store.getExperiment(entry.experiment.id) ?? entry.experiment;
    }
    return entry.experiment;
  }

  private now(): EpochMilliseconds {
    return this.context.now?.() ?? Date.now();
  }
}

function cancelSentence(entry: RunningExperiment, runs: ExperimentRun[]): string {
  const action = describeAction(entry.experiment.action);
  return `${entry.cancelled} after ${runs.length} run${runs.length === 1 ? '' : 's'}; nothing was kept (${action} is not in the launch preset)`;
}
