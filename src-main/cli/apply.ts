// `thermograph apply SESSION RECOMMENDATION`: a recommendation's action tried as an experiment from
// the command line, a line per run as it ends, then the verdict. Ctrl-C cancels it (nothing is kept).

import type { ApiEvent } from '../../src-shared/api/contract';
import type { Experiment, ExperimentRun } from '../../src-shared/diagnosis/experiment';
import { describeAction, experimentStateLabels } from '../../src-shared/format/experiment';
import { formatDuration, significant } from '../../src-shared/format/units';
import type { Engine } from '../api/engine-types';
import { waitingOutcome } from '../recommend/actions/thread-priority';
import type { Command } from './arguments';

type ApplyCommand = Extract<Command, { name: 'apply' }>;

/** Runs the experiment to its end; exit code 0 when the change was kept, 1 for any other end. */
export async function runApply(engine: Engine, command: ApplyCommand): Promise<number> {
  const { api } = engine;
  let experimentId: number | null = null;
  let cancelling: Promise<unknown> | null = null;
  let interrupts = 0;
  // Until the experiment is known, a Ctrl-C is remembered and acted on once it is.
  const cancel = () => {
    if (experimentId !== null) cancelling ??= api.cancelExperiment({ experiment: experimentId }).catch(() => undefined);
  };
  const onInterrupt = () => {
    // A second Ctrl-C does not wait: the guardian ends the run in progress when this process exits.
    if (++interrupts > 1) process.exit(1);
    if (!command.json) process.stderr.write('\nCancelling…\n');
    cancel();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);

  const lines = new RunLines(process.stderr.isTTY && !command.json, !command.json);
  // Events that came before startExperiment answered: the id they belong to is not known yet.
  const early: Experiment[] = [];
  let resolveOver: (experiment: Experiment) => void = () => undefined;
  const over = new Promise<Experiment>((resolve) => (resolveOver = resolve));
  const follow = (experiment: Experiment) => {
    lines.show(experiment);
    if (experiment.state !== 'running') resolveOver(experiment);
  };
  const unsubscribe = engine.subscribe((event: ApiEvent, payload: unknown) => {
    if (event !== 'experimentDidProgress') return;
    const experiment = payload as Experiment;
    if (experimentId === null) early.push(experiment);
    else if (experiment.id === experimentId) follow(experiment);
  });
  try {
    const started = await api.startExperiment({
      session: command.sessionId,
      recommendation: command.recommendation,
      runs: command.runs,
      maximumRuns: command.maximumRuns,
      ...(command.metric === null ? {} : { outcome: command.metric }),
      ...(command.windowMs === null ? {} : { windowMs: command.windowMs }),
    });
    experimentId = started.id;
    if (!command.json)
      process.stderr.write(
        `Experiment ${started.id}: ${describeAction(started.action)} on ${subject(started, command.sessionId)}, ` +
          `${started.plannedRuns} to ${started.maximumRuns} ${runWord(started)}s a side (baseline and changed in turn), measuring ${outcomeLabel(started)}; press Ctrl-C to cancel.\n`,
      );
    for (const experiment of [started, ...early]) if (experiment.id === started.id) follow(experiment);
    if (interrupts > 0) cancel();
    const ended = await over;
    lines.clear();
    if (command.json) process.stdout.write(`${JSON.stringify({ schemaVersion: 1, experiment: ended })}\n`);
    else process.stdout.write(`${verdictText(ended)}\n`);
    return ended.state === 'kept' ? 0 : 1;
  } finally {
    unsubscribe();
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}

/** The end of an experiment for people: its state, the verdict sentence, the medians of both sides. */
export function verdictText(experiment: Experiment): string {
  const label = experimentStateLabels[experiment.state];
  const sentence = experiment.verdict ?? 'no verdict was recorded';
  // "cancelled after 3 runs; …" already says its state.
  const said = sentence.toLowerCase().startsWith(label.toLowerCase());
  const first = said ? `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}` : `${label}: ${sentence}`;
  const lines = [`${first}${/[.!?]$/.test(sentence) ? '' : '.'}`];
  const comparison = experiment.comparison;
  if (comparison) {
    const unit = experiment.outcome === 'wall' ? formatDuration : significant;
    lines.push(
      `  baseline  median ${unit(comparison.baseline.median)} over ${comparison.baseline.count} ${runWord(experiment)}s`,
      `  changed   median ${unit(comparison.candidate.median)} over ${comparison.candidate.count} ${runWord(experiment)}s (${describeAction(experiment.action)})`,
    );
  }
  if (experiment.state === 'kept' && experiment.sessionId !== null && !onRunningProcess(experiment))
    lines.push(
      `Every launch of this command now gets it: \`thermograph presets ${experiment.sessionId}\` lists the preset, --remove undoes it.`,
    );
  return lines.join('\n');
}

/** A session's experiments as lines of \`show\`: "experiment 3  Kept  NODE_OPTIONS += …: −23 % wall time …". */
export function experimentLines(experiments: Experiment[]): string[] {
  return experiments.map(
    (experiment) =>
      `  experiment ${experiment.id}  ${experimentStateLabels[experiment.state]}  ${describeAction(experiment.action)}${experiment.verdict ? `: ${experiment.verdict}` : ` (${experiment.runs.length} runs so far)`}`,
  );
}

function outcomeLabel(experiment: Experiment): string {
  // The time waiting for a CPU is a rate; the milliseconds per MiB of disk I/O already say their unit.
  if (onRunningProcess(experiment))
    return `its ${experiment.outcome}${experiment.outcome === waitingOutcome ? ' per second' : ''}`;
  return experiment.outcome === 'wall' ? 'the wall time' : `the printed metric ${experiment.outcome}`;
}

/** True for an experiment on a running process (its target key names the process, not a command). */
function onRunningProcess(experiment: Experiment): boolean {
  return experiment.targetKey.startsWith('pid:');
}

/** What the experiment changes: a session's command, or the running process it recorded. */
function subject(experiment: Experiment, sessionId: number): string {
  return onRunningProcess(experiment)
    ? `the running PID ${experiment.targetKey.split(':')[1]} (session ${sessionId})`
    : `session ${sessionId}'s command`;
}

/** A running process is measured in windows of time, a command in runs. */
function runWord(experiment: Experiment): string {
  return onRunningProcess(experiment) ? 'window' : 'run';
}

/**
 * The runs on stderr as they end: `run 3/10  changed     412 ms`. On a terminal one line is rewritten;
 * otherwise (a log, a test) each run gets its own line.
 */
class RunLines {
  private shown = 0;

  constructor(
    private readonly rewrite: boolean,
    private readonly enabled: boolean,
  ) {}

  show(experiment: Experiment): void {
    if (!this.enabled) return;
    const total = experiment.plannedRuns * 2;
    for (; this.shown < experiment.runs.length; this.shown++) {
      const text = runLine(experiment.runs[this.shown]!, this.shown + 1, Math.max(total, this.shown + 1), experiment);
      process.stderr.write(this.rewrite ? `\r\x1b[2K${text}` : `${text}\n`);
    }
  }

  clear(): void {
    if (this.enabled && this.rewrite && this.shown > 0) process.stderr.write('\r\x1b[2K');
  }
}

function runLine(run: ExperimentRun, index: number, total: number, experiment: Experiment): string {
  const place = `${runWord(experiment)} ${index}/${total}`.padEnd(10);
  const side = run.side.padEnd(8);
  const wall = formatDuration(run.wallMs).padStart(8);
  return `${place}  ${side}  ${wall}${run.metric === null ? '' : `  ${experiment.outcome} ${significant(run.metric)}`}`;
}
