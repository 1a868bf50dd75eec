// What watched a session, for `thermograph show`: its alert rules and, one line each, the alerts
// and anomalies found, at their offset into the recording.

import { describeMemoryForecast, describeWatchEvent, watchEventOffset } from '../../src-shared/format/watch';
import type { SessionSummary } from '../../src-shared/model/session';
import { watchEventTime, type SessionWatch } from '../../src-shared/model/watch';

/** The most events listed; `--json` has them all. */
const shownEvents = 20;

/** The rules line and a line per event; nothing for a session nothing watched. */
export function watchLines(session: SessionSummary, watch: SessionWatch): string[] {
  if (watch.rules.length === 0 && !watch.anomalyDetection && watch.events.length === 0) return [];
  const rules = watch.rules.map((rule) => rule.text).join(', ') || 'no alert rules';
  const lines = [`  watch      ${rules}${watch.anomalyDetection ? '; anomaly detection on' : ''}`];
  if (watch.events.length === 0) lines.push('             nothing fired and no anomaly was found');
  for (const event of watch.events.slice(0, shownEvents)) {
    const label = event.kind === 'anomaly' ? 'anomaly' : event.alert.kind === 'fired' ? 'alert  ' : 'cleared';
    lines.push(
      `  ${label}    ${watchEventOffset(watchEventTime(event), session.startedAt)}  ${describeWatchEvent(event)}`,
    );
  }
  if (watch.memory) lines.push(`  memory     ${describeMemoryForecast(watch.memory)}`);
  if (watch.events.length > shownEvents)
    lines.push(`             … and ${watch.events.length - shownEvents} more (thermograph show ${session.id} --json)`);
  return lines;
}
