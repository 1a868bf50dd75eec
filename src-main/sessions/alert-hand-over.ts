// When the reading pump hands readings over for alert rules, so an alert reaches the user within two
// sample intervals of the reading that fired it, while a recording still wakes Node.js about once a
// batch (a second). By rule:
// - One that must hold for at least a batch (cpu>90%:10s) needs nothing early: its first reading
//   over arrives with a batch before it can fire, and the engine asks for the readings when it is due
//   (Recording.askForDecision).
// - One on a value read once a second in the engine (open files, PSS, context switches, the JS heap,
//   the system's figures) gains nothing from early readings.
// - One on a level the pump reads whole (RSS, virtual size, threads, of the target alone) becomes a
//   condition the pump compares at every tick, handing over the tick at which it turns: a busy target
//   whose readings change at every tick still costs a wakeup a batch.
// - Any other (a rate such as CPU or I/O that must hold less than a batch, or a sum over children)
//   has the pump hand over a changed tick once two intervals have passed since its last batch.

import type { RecordingSettings } from '../../src-shared/model/session';
import { metricKeys } from '../../src-shared/model/resource';
import type { AlertMetric, AlertRule } from '../../src-shared/model/watch';
import type { Pid } from '../../src-shared/units';
import { pageSize } from '../collectors/proc/kernel';
import { statFieldIndexes } from '../collectors/proc/parse-process-stat';
import type { PumpCondition } from './reading-pump';

/** How the pump hands readings over for a set of rules. */
export interface HandOverPlan {
  /** Hand a changed tick over this long after the last batch; null: by batch (and conditions) only. */
  changeMs: number | null;
  /** Values the pump compares at every tick. */
  conditions: PumpCondition[];
}

const alertHandOverIntervals = 2;
const shortestHandOverMs = 100;

/** What the sampler takes from the pump's files (stat, io) at every tick; the rest it reads once a second. */
const tickMetrics = new Set<AlertMetric>(['cpu', 'cpuUser', 'cpuSystem', 'rss', 'virtual', 'threads']);
for (const key of metricKeys) if (/(Bytes|Syscall|Fault)Rate$/.test(key)) tickMetrics.add(key);

/** Levels read whole from /proc/PID/stat: the token and the scale the sampler multiplies it by. */
function statLevel(metric: AlertMetric): { token: number; scale: number } | null {
  if (metric === 'rss') return { token: statFieldIndexes.rssPages, scale: pageSize() };
  if (metric === 'virtual') return { token: statFieldIndexes.virtualBytes, scale: 1 };
  if (metric === 'threads') return { token: statFieldIndexes.threads, scale: 1 };
  return null;
}

/** The plan for `rules` on the recording of `pid` (see the file comment). */
export function alertHandOver(
  rules: readonly AlertRule[],
  settings: Pick<RecordingSettings, 'intervalMs' | 'includeChildren'>,
  pid: Pid,
  batchMs: number,
): HandOverPlan {
  const conditions: PumpCondition[] = [];
  let changed = false;
  for (const rule of rules) {
    if (rule.durationMs >= batchMs || !tickMetrics.has(rule.metric)) continue;
    const level = settings.includeChildren ? null : statLevel(rule.metric);
    if (level === null) {
      changed = true;
      continue;
    }
    conditions.push({ path: `/proc/${pid}/stat`, ...level, comparison: rule.comparison, threshold: rule.threshold });
  }
  const changeMs = Math.min(batchMs, Math.max(shortestHandOverMs, alertHandOverIntervals * settings.intervalMs));
  return { changeMs: changed ? changeMs : null, conditions };
}
