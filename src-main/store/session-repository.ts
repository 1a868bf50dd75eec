// Session rows and their tags. Target, host, settings and limitations are JSON: they are read and
// written whole, never queried by field, and their shapes belong to src-shared/model.

import type { Database, Statement } from 'better-sqlite3';
import type { SamplerLimitation } from '../../src-shared/model/resource';
import type { ProfilerStatus, ProfileSummary } from '../../src-shared/profile/views';
import type {
  EndReason,
  HostInfo,
  RecordingOverhead,
  RecordingSettings,
  SessionSummary,
  TargetDescription,
} from '../../src-shared/model/session';
import type { RunMetrics } from '../../src-shared/compare/run-metrics';
import type { EpochMilliseconds } from '../../src-shared/units';
import type { RecorderIdentity } from './recorder-identity';

/** What a new session starts with. */
export interface NewSession {
  name: string;
  target: TargetDescription;
  host: HostInfo;
  settings: RecordingSettings;
  startedAt: EpochMilliseconds;
}

/** How a session ended. */
export interface SessionEnd {
  endedAt: EpochMilliseconds;
  endReason: EndReason;
  endMessage: string | null;
  exitCode: number | null;
  exitSignal: string | null;
  /** What the recording cost Thermograph; absent or null when it was not measured. */
  overhead?: RecordingOverhead | null;
  /** The run's figures for comparisons; absent or null when not computed. */
  runMetrics?: RunMetrics | null;
}

/** A session still marked as recording, as crash recovery needs it. */
export interface OpenSession {
  id: number;
  startedAt: EpochMilliseconds;
  /** Null for sessions from a Thermograph that did not store its pid. */
  recorder: RecorderIdentity | null;
}

/** What a write to a session needs to know first: whether it exists, how it ended, who records it. */
export interface SessionWriteState {
  status: 'recording' | 'ended';
  endedAt: EpochMilliseconds | null;
  endReason: EndReason | null;
  recorder: RecorderIdentity | null;
}

interface RecorderColumns {
  recorder_pid: number | null;
  recorder_started_at: number | null;
}

function recorderOf(row: RecorderColumns): RecorderIdentity | null {
  return row.recorder_pid === null ? null : { pid: row.recorder_pid, startTicks: row.recorder_started_at };
}

interface SummaryRow {
  id: number;
  name: string;
  target: string;
  host: string;
  settings: string;
  status: 'recording' | 'ended';
  started_at: number;
  ended_at: number | null;
  end_reason: EndReason | null;
  end_message: string | null;
  exit_code: number | null;
  exit_signal: string | null;
  baseline: 0 | 1;
  limitations: string;
  sample_count: number;
  tags: string;
  profiler_status: string | null;
  profiles: string;
  overhead: string | null;
  run_metrics: string | null;
}

// The sample count comes from the per-chunk counts: a few hundred rows for a million samples.
const summaryColumns = `
  s.id, s.name, s.target, s.host, s.settings, s.status, s.started_at, s.ended_at, s.end_reason, s.end_message,
  s.exit_code, s.exit_signal, s.baseline, s.limitations, s.profiler_status, s.overhead, s.run_metrics,
  (SELECT json_group_array(json(p.summary)) FROM profiles p WHERE p.session_id = s.id) AS profiles,
  (SELECT COALESCE(SUM(c.count), 0) FROM sample_chunks c WHERE c.session_id = s.id) AS sample_count,
  (SELECT json_group_array(t.tag ORDER BY t.position) FROM session_tags t WHERE t.session_id = s.id) AS tags`;

function summaryOf(row: SummaryRow): SessionSummary {
  return {
    id: row.id,
    name: row.name,
    target: JSON.parse(row.target) as TargetDescription,
    host: JSON.parse(row.host) as HostInfo,
    // Sessions recorded before profilers existed have no profiler settings.
    settings: {
      profiler: 'none',
      samplingHz: null,
      allocations: false,
      // …and sessions recorded before watching existed, no alert rules.
      alertRules: [],
      anomalyDetection: false,
      ...(JSON.parse(row.settings) as object),
    } as unknown as RecordingSettings,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
    endMessage: row.end_message,
    exitCode: row.exit_code,
    exitSignal: row.exit_signal,
    tags: JSON.parse(row.tags) as string[],
    baseline: row.baseline === 1,
    sampleCount: row.sample_count,
    limitations: JSON.parse(row.limitations) as SamplerLimitation[],
    profiles: (JSON.parse(row.profiles) as ProfileSummary[]).sort((left, right) => left.kind.localeCompare(right.kind)),
    profiler: row.profiler_status === null ? null : (JSON.parse(row.profiler_status) as ProfilerStatus),
    overhead: row.overhead === null ? null : (JSON.parse(row.overhead) as RecordingOverhead),
    runMetrics: row.run_metrics === null ? null : (JSON.parse(row.run_metrics) as RunMetrics),
  };
}

/** Reads and writes session rows and tags. Mutations return whether the session existed. */
export class SessionRepository {
  private readonly insert: Statement<[string, string, string, string, number, number, number | null]>;
  private readonly byId: Statement<[number]>;
  private readonly all: Statement<[]>;
  private readonly open: Statement<[]>;
  private readonly writeStateOf: Statement<[number]>;
  private readonly updateTargetStatement: Statement<[string, number]>;
  private readonly updateSettingsStatement: Statement<[string, number]>;
  private readonly updateLimitations: Statement<[string, number]>;
  private readonly updateProfilerStatus: Statement<[string, number]>;
  private readonly updateEnd: Statement<
    [number, string, string | null, number | null, string | null, string | null, string | null, number]
  >;
  private readonly reopenRecovered: Statement<[number]>;
  private readonly updateImported: Statement<[number, string, number]>;
  private readonly updateName: Statement<[string, number]>;
  private readonly updateBaseline: Statement<[number, number]>;
  private readonly exists: Statement<[number]>;
  private readonly deleteTags: Statement<[number]>;
  private readonly insertTag: Statement<[number, string, number]>;
  private readonly deleteSession: Statement<[number]>;
  private readonly replaceTags: (id: number, tags: readonly string[]) => boolean;

  constructor(database: Database) {
    this.insert = database.prepare(
      "INSERT INTO sessions (name, target, host, settings, status, started_at, recorder_pid, recorder_started_at) VALUES (?, ?, ?, ?, 'recording', ?, ?, ?)",
    );
    this.byId = database.prepare(`SELECT ${summaryColumns} FROM sessions s WHERE s.id = ?`);
    this.all = database.prepare(`SELECT ${summaryColumns} FROM sessions s ORDER BY s.started_at DESC, s.id DESC`);
    this.open = database.prepare(
      "SELECT id, started_at, recorder_pid, recorder_started_at FROM sessions WHERE status = 'recording'",
    );
    this.writeStateOf = database.prepare(
      'SELECT status, ended_at, end_reason, recorder_pid, recorder_started_at FROM sessions WHERE id = ?',
    );
    this.updateTargetStatement = database.prepare('UPDATE sessions SET target = ? WHERE id = ?');
    this.updateSettingsStatement = database.prepare('UPDATE sessions SET settings = ? WHERE id = ?');
    this.updateLimitations = database.prepare('UPDATE sessions SET limitations = ? WHERE id = ?');
    this.updateProfilerStatus = database.prepare('UPDATE sessions SET profiler_status = ? WHERE id = ?');
    // The first end wins: a target exiting while the user presses Stop must not rewrite the reason.
    this.updateEnd = database.prepare(
      "UPDATE sessions SET status = 'ended', ended_at = ?, end_reason = ?, end_message = ?, exit_code = ?, exit_signal = ?, overhead = ?, run_metrics = ? WHERE id = ? AND status = 'recording'",
    );
    this.reopenRecovered = database.prepare(
      "UPDATE sessions SET status = 'recording', ended_at = NULL, end_reason = NULL, end_message = NULL, exit_code = NULL, exit_signal = NULL WHERE id = ? AND status = 'ended' AND end_reason = 'recovered-after-crash'",
    );
    // An imported profile has no recording to end: no end reason, just when its samples end.
    this.updateImported = database.prepare(
      "UPDATE sessions SET status = 'ended', ended_at = ?, end_message = ? WHERE id = ? AND status = 'recording'",
    );
    this.updateName = database.prepare('UPDATE sessions SET name = ? WHERE id = ?');
    this.updateBaseline = database.prepare('UPDATE sessions SET baseline = ? WHERE id = ?');
    this.exists = database.prepare('SELECT 1 FROM sessions WHERE id = ?').pluck();
    this.deleteTags = database.prepare('DELETE FROM session_tags WHERE session_id = ?');
    this.insertTag = database.prepare('INSERT INTO session_tags (session_id, tag, position) VALUES (?, ?, ?)');
    this.deleteSession = database.prepare('DELETE FROM sessions WHERE id = ?');
    this.replaceTags = database.transaction((id: number, tags: readonly string[]) => {
      if (!this.has(id)) return false;
      this.deleteTags.run(id);
      tags.forEach((tag, position) => this.insertTag.run(id, tag, position));
      return true;
    });
  }

  /** Inserts a session in status "recording", recorded by `recorder`, and returns its id. */
  create(input: NewSession, recorder: RecorderIdentity): number {
    const { name, target, host, settings, startedAt } = input;
    const result = this.insert.run(
      name,
      JSON.stringify(target),
      JSON.stringify(host),
      JSON.stringify(settings),
      startedAt,
      recorder.pid,
      recorder.startTicks,
    );
    return Number(result.lastInsertRowid);
  }

  /** The session's summary, or null when there is no such session. */
  get(id: number): SessionSummary | null {
    const row = this.byId.get(id) as SummaryRow | undefined;
    return row ? summaryOf(row) : null;
  }

  /** Every session, newest first. */
  list(): SessionSummary[] {
    return (this.all.all() as SummaryRow[]).map(summaryOf);
  }

  /** Sessions whose status is still "recording". */
  listOpen(): OpenSession[] {
    const rows = this.open.all() as ({ id: number; started_at: number } & RecorderColumns)[];
    return rows.map((row) => ({ id: row.id, startedAt: row.started_at, recorder: recorderOf(row) }));
  }

  /** The session's status, end and recorder, or null when there is no such session. */
  writeState(id: number): SessionWriteState | null {
    const row = this.writeStateOf.get(id) as
      | ({ status: 'recording' | 'ended'; ended_at: number | null; end_reason: EndReason | null } & RecorderColumns)
      | undefined;
    if (!row) return null;
    return { status: row.status, endedAt: row.ended_at, endReason: row.end_reason, recorder: recorderOf(row) };
  }

  /** True when the session exists. */
  has(id: number): boolean {
    return this.exists.get(id) !== undefined;
  }

  /** Replaces the target description (a launched command learns its pid once started). */
  updateSettings(id: number, settings: RecordingSettings): boolean {
    return this.updateSettingsStatement.run(JSON.stringify(settings), id).changes > 0;
  }

  updateTarget(id: number, target: TargetDescription): boolean {
    return this.updateTargetStatement.run(JSON.stringify(target), id).changes > 0;
  }

  /** Replaces the sampler limitations. */
  setLimitations(id: number, limitations: readonly SamplerLimitation[]): boolean {
    return this.updateLimitations.run(JSON.stringify(limitations), id).changes > 0;
  }

  /** Replaces the profiler's status. */
  setProfilerStatus(id: number, status: ProfilerStatus): boolean {
    return this.updateProfilerStatus.run(JSON.stringify(status), id).changes > 0;
  }

  /** Ends a recording session; a session that already ended keeps its first end (and this returns false). */
  end(id: number, end: SessionEnd): boolean {
    const overhead = end.overhead ? JSON.stringify(end.overhead) : null;
    const metrics = end.runMetrics ? JSON.stringify(end.runMetrics) : null;
    const { endedAt, endReason, endMessage, exitCode, exitSignal } = end;
    return this.updateEnd.run(endedAt, endReason, endMessage, exitCode, exitSignal, overhead, metrics, id).changes > 0;
  }

  /** Ends a session created for an imported profile file. */
  endImported(id: number, endedAt: EpochMilliseconds, message: string): boolean {
    return this.updateImported.run(endedAt, message, id).changes > 0;
  }

  /** Puts a session closed as recovered-after-crash back to "recording"; false when it is not one. */
  reopen(id: number): boolean {
    return this.reopenRecovered.run(id).changes > 0;
  }

  /** Renames a session. */
  rename(id: number, name: string): boolean {
    return this.updateName.run(name, id).changes > 0;
  }

  /** Replaces the tags, keeping their order and dropping blanks and duplicates. */
  setTags(id: number, tags: readonly string[]): boolean {
    const unique = [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag.length > 0))];
    return this.replaceTags(id, unique);
  }

  /** Marks or unmarks a session as a baseline. */
  setBaseline(id: number, baseline: boolean): boolean {
    return this.updateBaseline.run(baseline ? 1 : 0, id).changes > 0;
  }

  /** Deletes a session; its samples, output, tags and markers go with it (ON DELETE CASCADE). */
  delete(id: number): boolean {
    return this.deleteSession.run(id).changes > 0;
  }
}
