import type { Bytes, EpochMilliseconds, Milliseconds, Pid, SessionId } from '../units';
import type { Runtime } from './process';
import type { ProfilerChoice } from '../profile/formats';
import type { ProfilerStatus, ProfileSummary } from '../profile/views';
import type { SamplerLimitation } from './resource';
import type { RunMetrics } from '../compare/run-metrics';
import type { AlertRule } from './watch';

/** What a session records: an existing process, or a command Thermograph launched. */
export type TargetDescription =
  | { kind: 'pid'; pid: Pid; name: string; commandLine: string; runtime: Runtime }
  | {
      kind: 'command';
      /** argv as launched; argv[0] is resolved through PATH, no shell is involved. */
      argv: string[];
      cwd: string;
      /** Only the variables the user added or overrode; the rest is inherited. */
      env: Record<string, string>;
      /** Set once the command started. */
      pid: Pid | null;
      runtime: Runtime;
    }
  | {
      kind: 'file';
      /** The imported profile file. */
      path: string;
      /** The detected format, e.g. 'cpuprofile'. */
      format: string;
      runtime: Runtime | null;
    };

/** How a recording samples. */
export interface RecordingSettings {
  intervalMs: Milliseconds;
  includeChildren: boolean;
  /** Stop by itself after this long; null records until stopped or the target exits. */
  durationMs: Milliseconds | null;
  /** The profiler asked for; `auto` picks by runtime. */
  profiler: ProfilerChoice;
  /** Requested profiler samples per second; null for the profiler's default. */
  samplingHz: number | null;
  allocations: boolean;
  /** The alert rules watching the recording (editable while it records); none for older sessions. */
  alertRules: AlertRule[];
  /** Whether the recording looks for anomalies (departures from what each metric learned is usual). */
  anomalyDetection: boolean;
}

/** Why a session ended. */
export type EndReason = 'user-stopped' | 'target-exited' | 'duration-elapsed' | 'error' | 'recovered-after-crash';

/** The machine a session was recorded on. */
export interface HostInfo {
  hostname: string;
  platform: string;
  release: string;
  arch: string;
  cpuCount: number;
  totalMemoryBytes: number;
}

/** A stored session as lists and headers show it. */
export interface SessionSummary {
  id: SessionId;
  name: string;
  target: TargetDescription;
  host: HostInfo;
  settings: RecordingSettings;
  status: 'recording' | 'ended';
  startedAt: EpochMilliseconds;
  endedAt: EpochMilliseconds | null;
  endReason: EndReason | null;
  /** A human sentence about the end, such as "exited with code 1" or the error message. */
  endMessage: string | null;
  /** Exit code of a launched command, when it exited normally. */
  exitCode: number | null;
  exitSignal: string | null;
  tags: string[];
  baseline: boolean;
  sampleCount: number;
  /** Metrics that could not be read for this target, with the reason and the fix. */
  limitations: SamplerLimitation[];
  /** The profiles stored with the session (CPU, allocation); empty while recording or without a profiler. */
  profiles: ProfileSummary[];
  /** How the profiler fared; null when none was asked for. */
  profiler: ProfilerStatus | null;
  /** What recording this session cost Thermograph itself; null when not measured (imported, older, crashed). */
  overhead: RecordingOverhead | null;
  /** The run's figures comparisons use, computed when it ended; null for imported, older or crashed sessions. */
  runMetrics: RunMetrics | null;
  /**
   * Set by the engine that answers while another Thermograph process on the same database records
   * the session: that engine streams no live samples for it and cannot stop it. Absent otherwise.
   */
  recordedElsewhere?: RecordedElsewhere;
}

/**
 * Thermograph's own cost while it recorded a session: the CPU time of its process and of the reading
 * pump it started, and its process's peak memory. A profiler running inside the target (the Node.js
 * inspector) costs the target itself a few percent more CPU, which is not in these figures.
 */
export interface RecordingOverhead {
  /** CPU time of the Thermograph process (all its threads) while the session recorded. */
  processCpuMs: Milliseconds;
  /** CPU time of the reading pump, when one sampled this session. */
  pumpCpuMs: Milliseconds;
  /** Both as a share of one core over the recording (0.4 = 0.4 %). */
  cpuPercent: number;
  /** The Thermograph process's peak resident memory so far, at the end of the recording. */
  peakRssBytes: Bytes;
  /** True when the process also did other work meanwhile (other recordings, serving the UI). */
  shared: boolean;
}

/** The other Thermograph process that records a session. */
export interface RecordedElsewhere {
  pid: Pid;
}

/** A point of note on a session's timeline. */
export interface SessionMarker {
  time: EpochMilliseconds;
  kind: 'target-exited' | 'target-exec' | 'recording-stopped' | 'error' | 'child-started' | 'note';
  message: string;
}

/** A piece of a launched command's stdout or stderr. */
export interface OutputChunk {
  /** Increasing per session, so a reader can ask for what comes after the last chunk it has. */
  sequence: number;
  time: EpochMilliseconds;
  stream: 'stdout' | 'stderr';
  text: string;
}
