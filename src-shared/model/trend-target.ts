// A target as the Trends view and `thermograph trends` list it: the sessions that are "the same
// target" (baselineTargetKey), how many there are and over what time, and which run metrics they
// measured, so a picker offers only metrics that have a history.

import type { RunMetricName } from '../compare/run-metrics';
import type { EpochMilliseconds } from '../units';

/** One target with ended sessions. */
export interface TrendTarget {
  /** baselineTargetKey of its sessions: what getTrend takes back. */
  key: string;
  /** The newest session's name. */
  name: string;
  /** The command line, process command line or file path, as a person reads it. */
  label: string;
  /** Ended sessions of the target. */
  sessions: number;
  /** The first and the last session's start. */
  first: EpochMilliseconds;
  last: EpochMilliseconds;
  /** The newest session, to open from the list. */
  newestSessionId: number;
  /** Run metrics at least one session measured, in runMetricNames order. */
  metrics: RunMetricName[];
}
