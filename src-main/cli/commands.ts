// What a parsed command line is: the commands and their options, as arguments.ts produces them and
// the command runners read them.

import type { ExportFormat, ProfilerChoice } from '../../src-shared/profile/formats';
import type { ProfileKind } from '../../src-shared/profile/profile';
import type { TransformSpec } from './export-transforms';
import type { ActionPattern } from './presets';

/** Options every command accepts. */
export interface GlobalOptions {
  database: string | undefined;
  json: boolean;
}

/** A parsed command line. */
export type Command =
  | { name: 'help'; topic: string | undefined }
  | { name: 'version' }
  | ({ name: 'record' } & GlobalOptions & RecordOptions)
  | ({ name: 'sessions' } & GlobalOptions)
  | ({ name: 'show'; sessionId: number } & GlobalOptions)
  | ({ name: 'delete'; sessionIds: number[]; yes: boolean } & GlobalOptions)
  | ({ name: 'serve'; port: number | undefined } & GlobalOptions)
  | ({
      name: 'hotspots';
      sessionId: number;
      top: number;
      kind: ProfileKind;
      range: SecondsRange | null;
    } & GlobalOptions)
  | ({
      name: 'source';
      sessionId: number;
      /** NAME, or NAME@FILE (the end of its file path). */
      functionName: string;
      kind: ProfileKind;
      range: SecondsRange | null;
    } & GlobalOptions)
  | ({ name: 'import'; file: string; sessionName: string | undefined } & GlobalOptions)
  | ({
      name: 'export';
      sessionId: number;
      format: ExportFormat;
      out: string;
      /** --transform specs, applied in order (names resolved by the engine). */
      transforms: TransformSpec[];
      kind: ProfileKind;
      range: SecondsRange | null;
    } & GlobalOptions)
  | ({ name: 'rename'; sessionId: number; newName: string } & GlobalOptions)
  | ({ name: 'tag'; sessionId: number; tags: string[]; remove: boolean } & GlobalOptions)
  | ({ name: 'baseline'; sessionId: number; clear: boolean } & GlobalOptions)
  | ({ name: 'output'; sessionId: number; follow: boolean } & GlobalOptions)
  | ({ name: 'doctor' } & GlobalOptions)
  | ({ name: 'compare' } & GlobalOptions & CompareOptions)
  | ({
      name: 'trends';
      /** A session id, a session name, a command line or a target key; null lists the targets. */
      target: string | null;
      /** A run metric, or output:NAME read from each session's output with `pattern`. */
      metric: string;
      pattern: string | null;
    } & GlobalOptions)
  | ({
      name: 'report';
      session: string;
      compareWith: string | null;
      out: string;
      /** --trend METRIC: hold the metric's trend across the session's target. */
      trendMetric: string | null;
    } & GlobalOptions)
  | ({ name: 'diagnose' | 'recommend'; sessionId: number } & GlobalOptions)
  | ({ name: 'apply' } & GlobalOptions & ApplyOptions)
  | ({ name: 'presets'; sessionId: number | null; remove: ActionPattern | null } & GlobalOptions);

/**
 * --from/--to: seconds from the session's start (as the timeline's axis shows them); an end left out is
 * the session's start or end. Checked against the session once it is read.
 */
export interface SecondsRange {
  from: number;
  to: number | null;
}

/** What \`apply\` was asked to do. */
export interface ApplyOptions {
  sessionId: number;
  recommendation: string;
  /** Runs a side to start with, and the most the experiment may add up to when the answer is not clear. */
  runs: number;
  maximumRuns: number;
  /** NAME=REGEX: a number each run prints, compared instead of the wall time; null for the wall time. */
  metric: string | null;
  /** Each window's length (ms) on a running process; null for the default. */
  windowMs: number | null;
}

/** What `compare` was asked to do. */
export interface CompareOptions {
  baseline: string;
  candidate: string;
  alpha: number;
  failOn: string[];
  /** NAME=REGEX metrics read from each run's stored output. */
  metrics: string[];
  format: 'text' | 'markdown' | 'json';
}

/** What `record` was asked to do. */
export interface RecordOptions {
  target: { kind: 'pid'; pid: number } | { kind: 'command'; argv: string[] };
  /** Runs of a launched command to record one after another, as a series under one name (1: one session). */
  repeat: number;
  /** Runs before those, recorded and then deleted (a JIT, caches and disk warming up). */
  warmup: number;
  durationSeconds: number | null;
  intervalMs: number;
  includeChildren: boolean;
  sessionName: string | undefined;
  /** Tags every recorded session gets (`compare` takes a tag as a side). */
  tags: string[];
  profiler: ProfilerChoice;
  /** Requested profiler samples per second; null for the profiler's default. */
  samplingHz: number | null;
  /** Record an allocation profile too (Node.js). */
  allocations: boolean;
  /** Allow sending SIGUSR1 to a running Node.js process to open its inspector. */
  nodeAttachSignal: boolean;
  /** Keep a launched command's output from the terminal (it is stored either way). */
  quiet: boolean;
  /** --alert rules as written ("cpu>90%:10s"), checked; null takes the target's saved defaults. */
  alertRules: string[] | null;
  /** The least time between two alerts of one rule. */
  alertCooldownMs: number;
  /** A shell command run when an alert fires or an anomaly is found (THERMOGRAPH_* variables describe it). */
  onAlert: string | null;
  /** Look for anomalies (on unless --no-anomalies). */
  anomalyDetection: boolean;
}
