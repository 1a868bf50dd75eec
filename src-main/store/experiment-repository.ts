// Experiment rows (src-shared/diagnosis/experiment.ts). Runs, the comparison and the action are
// JSON: an experiment has at most a few dozen runs and is always read whole.

import type { Database, Statement } from 'better-sqlite3';
import type { Experiment, ExperimentState } from '../../src-shared/diagnosis/experiment';
import type { RecorderIdentity } from './recorder-identity';

/** What starting an experiment stores; the rest starts empty. */
export interface NewExperiment {
  sessionId: number;
  recommendationId: string;
  rule: string;
  diagnosis: Experiment['diagnosis'];
  title: string;
  action: Experiment['action'];
  targetKey: string;
  outcome: string;
  startedAt: number;
  plannedRuns: number;
  maximumRuns: number;
}

/** What changes as an experiment goes on. */
export type ExperimentProgress = Pick<
  Experiment,
  'state' | 'endedAt' | 'plannedRuns' | 'runs' | 'comparison' | 'verdict'
>;

/** The process group of an experiment's run in progress: its leader's pid and start time. */
export interface RunGroup {
  pid: number;
  startTicks: number | null;
}

/** A running experiment as crash recovery sees it. */
export interface OpenExperiment {
  id: number;
  runner: RecorderIdentity;
  runGroup: RunGroup | null;
}

/** A judged or ended experiment as learning from outcomes reads it. */
export interface ExperimentOutcome {
  rule: string;
  diagnosis: Experiment['diagnosis'];
  targetKey: string;
  state: ExperimentState;
  /** The relative change of its outcome (−0.18 = 18 % lower), when it had a comparison. */
  change: number | null;
}

interface ExperimentRow {
  id: number;
  session_id: number | null;
  recommendation_id: string;
  rule: string;
  diagnosis: string;
  title: string;
  action: string;
  target_key: string;
  state: ExperimentState;
  outcome: string;
  started_at: number;
  ended_at: number | null;
  planned_runs: number;
  maximum_runs: number;
  runs: string;
  comparison: string | null;
  verdict: string | null;
  runner_pid: number;
  runner_started_at: number | null;
  run_group: number | null;
  run_group_started_at: number | null;
}

/** Creates, updates and reads experiments. */
export class ExperimentRepository {
  private readonly insert: Statement<unknown[]>;
  private readonly update: Statement<unknown[]>;
  private readonly setGroup: Statement<[number | null, number | null, number]>;
  private readonly byId: Statement<[number]>;
  private readonly all: Statement<[]>;
  private readonly bySession: Statement<[number]>;
  private readonly running: Statement<[]>;
  private readonly outcomes: Statement<[]>;

  constructor(database: Database) {
    this.insert = database.prepare(
      `INSERT INTO experiments (session_id, recommendation_id, rule, diagnosis, title, action, target_key, state,
         outcome, started_at, planned_runs, maximum_runs, runner_pid, runner_started_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)`,
    );
    this.update = database.prepare(
      `UPDATE experiments SET state = ?, ended_at = ?, planned_runs = ?, runs = ?, comparison = ?, verdict = ?
       WHERE id = ? AND state = 'running'`,
    );
    this.setGroup = database.prepare('UPDATE experiments SET run_group = ?, run_group_started_at = ? WHERE id = ?');
    this.byId = database.prepare('SELECT * FROM experiments WHERE id = ?');
    this.all = database.prepare('SELECT * FROM experiments ORDER BY id DESC');
    this.bySession = database.prepare('SELECT * FROM experiments WHERE session_id = ? ORDER BY id DESC');
    this.running = database.prepare(`SELECT * FROM experiments WHERE state = 'running' ORDER BY id`);
    this.outcomes = database.prepare(
      `SELECT rule, diagnosis, target_key, state, json_extract(comparison, '$.change.estimate') AS change
       FROM experiments WHERE state != 'running' ORDER BY id`,
    );
  }

  /** Stores a new experiment in state running, run by `runner`; returns its id. */
  create(input: NewExperiment, runner: RecorderIdentity): number {
    const result = this.insert.run(
      input.sessionId,
      input.recommendationId,
      input.rule,
      input.diagnosis,
      input.title,
      JSON.stringify(input.action),
      input.targetKey,
      input.outcome,
      input.startedAt,
      input.plannedRuns,
      input.maximumRuns,
      runner.pid,
      runner.startTicks,
    );
    return Number(result.lastInsertRowid);
  }

  /** Writes an experiment's progress; false when it is no longer running (it ended, or recovery closed it). */
  progress(id: number, progress: ExperimentProgress): boolean {
    const { state, endedAt, plannedRuns, runs, comparison, verdict } = progress;
    const comparisonText = comparison === null ? null : JSON.stringify(comparison);
    return this.update.run(state, endedAt, plannedRuns, JSON.stringify(runs), comparisonText, verdict, id).changes > 0;
  }

  /** Remembers (or, with null, forgets) the process group of the run in progress. */
  setRunGroup(id: number, group: RunGroup | null): void {
    this.setGroup.run(group?.pid ?? null, group?.startTicks ?? null, id);
  }

  /** One experiment, or null. */
  get(id: number): Experiment | null {
    const row = this.byId.get(id) as ExperimentRow | undefined;
    return row ? experimentFrom(row) : null;
  }

  /** Every experiment (of one session when given), newest first. */
  list(sessionId?: number): Experiment[] {
    const rows = (sessionId === undefined ? this.all.all() : this.bySession.all(sessionId)) as ExperimentRow[];
    return rows.map(experimentFrom);
  }

  /** Every experiment that ended, oldest first, as learning from outcomes reads it. */
  listOutcomes(): ExperimentOutcome[] {
    type Row = {
      rule: string;
      diagnosis: Experiment['diagnosis'];
      target_key: string;
      state: ExperimentState;
      change: number | null;
    };
    return (this.outcomes.all() as Row[]).map((row) => ({
      rule: row.rule,
      diagnosis: row.diagnosis,
      targetKey: row.target_key,
      state: row.state,
      change: row.change,
    }));
  }

  /** The experiments stored as running, with who runs them. */
  listRunning(): OpenExperiment[] {
    return (this.running.all() as ExperimentRow[]).map((row) => ({
      id: row.id,
      runner: { pid: row.runner_pid, startTicks: row.runner_started_at },
      runGroup: row.run_group === null ? null : { pid: row.run_group, startTicks: row.run_group_started_at },
    }));
  }
}

function experimentFrom(row: ExperimentRow): Experiment {
  return {
    id: row.id,
    sessionId: row.session_id,
    recommendationId: row.recommendation_id,
    rule: row.rule,
    diagnosis: row.diagnosis as Experiment['diagnosis'],
    title: row.title,
    action: JSON.parse(row.action) as Experiment['action'],
    targetKey: row.target_key,
    state: row.state,
    outcome: row.outcome,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    plannedRuns: row.planned_runs,
    maximumRuns: row.maximum_runs,
    runs: JSON.parse(row.runs) as Experiment['runs'],
    comparison: row.comparison === null ? null : (JSON.parse(row.comparison) as Experiment['comparison']),
    verdict: row.verdict,
  };
}
