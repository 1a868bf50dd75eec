// Turns a session's watch events (alerts fired and cleared, anomalies) into what the timeline draws:
// a line per alert fired and per anomaly, a faint band per alert episode, and the sentences the
// hover readout shows near them; and merges the events pushed live into those already known. Pure,
// so the unit tests need no canvas.

import { describeWatchEvent } from '../../../src-shared/format/watch';
import { watchEventTime, type AlertEvent, type WatchEvent } from '../../../src-shared/model/watch';
import type { EpochMilliseconds, Milliseconds } from '../../../src-shared/units';
import type { MarkerLine, TimeWindow } from '../../charts/timeline/timeline-scene';

/** What the watch adds to the timeline: lines (alert fired, anomaly) and alert episodes as bands. */
export interface WatchMarks {
  lines: MarkerLine[];
  /** From each alert's `since` to its clearing, or to `openEnd` while it still holds; ms from the start. */
  episodes: TimeWindow[];
}

/** A rule and the start of its episode name one episode: its firing and its clearing share both. */
function episodeKey(alert: AlertEvent): string {
  return `${alert.rule.text}\u0000${alert.since}`;
}

/** "rss spike", "cpu level shift": an anomaly's line label. */
function anomalyLabel(event: WatchEvent & { kind: 'anomaly' }): string {
  const kind = event.anomaly.kind === 'levelShift' ? 'level shift' : event.anomaly.kind;
  return `${event.anomaly.metric} ${kind}`;
}

/**
 * The timeline's marks for `events`, relative to `startedAt`. An alert that fired and has not cleared
 * yet bands to `openEnd` (the latest sample, ms from the start), so a live episode grows with it.
 */
export function watchMarks(
  events: readonly WatchEvent[],
  startedAt: EpochMilliseconds,
  openEnd: Milliseconds,
): WatchMarks {
  const lines: MarkerLine[] = [];
  const cleared = new Map<string, EpochMilliseconds>();
  for (const event of events)
    if (event.kind === 'alert' && event.alert.kind === 'cleared')
      cleared.set(episodeKey(event.alert), event.alert.time);
  const episodes: TimeWindow[] = [];
  for (const event of events) {
    if (event.kind === 'anomaly') {
      lines.push({ x: event.anomaly.time - startedAt, label: anomalyLabel(event), tone: 'anomaly' });
      continue;
    }
    const alert = event.alert;
    if (alert.kind !== 'fired') continue;
    lines.push({ x: alert.time - startedAt, label: alert.rule.text, tone: 'alert' });
    const end = cleared.get(episodeKey(alert));
    episodes.push({ from: alert.since - startedAt, to: end === undefined ? openEnd : end - startedAt });
  }
  return { lines, episodes };
}

/** The sentences of the events within `tolerance` of `time` (ms from the start), nearest first. */
export function watchSentencesNear(
  events: readonly WatchEvent[],
  startedAt: EpochMilliseconds,
  time: Milliseconds,
  tolerance: Milliseconds,
): string[] {
  return events
    .map((event) => ({ event, distance: Math.abs(watchEventTime(event) - startedAt - time) }))
    .filter(({ distance }) => distance <= tolerance)
    .sort((left, right) => left.distance - right.distance)
    .map(({ event }) => describeWatchEvent(event));
}

/** What tells one event from another: an event pushed live may also be in a getWatch answer. */
function eventKey(event: WatchEvent): string {
  return event.kind === 'alert'
    ? `alert ${event.alert.kind} ${event.alert.rule.text} ${event.alert.time}`
    : `anomaly ${event.anomaly.metric} ${event.anomaly.kind} ${event.anomaly.time}`;
}

/** `known` with the `incoming` events it lacks, in time order. */
export function mergeWatchEvents(known: readonly WatchEvent[], incoming: readonly WatchEvent[]): WatchEvent[] {
  const keys = new Set(known.map(eventKey));
  const added = incoming.filter((event) => !keys.has(eventKey(event)));
  if (added.length === 0) return [...known];
  return [...known, ...added].sort((left, right) => watchEventTime(left) - watchEventTime(right));
}

/** Time shown either side of an event when the timeline is brushed to it. */
const focusMargin: Milliseconds = 5_000;

/**
 * The range (epoch ms) to brush for an event: its episode or departure (from `since`) to the reading
 * that decided it, with a few seconds either side so the crossing is seen in context.
 */
export function watchEventRange(event: WatchEvent): { from: EpochMilliseconds; to: EpochMilliseconds } {
  const since = event.kind === 'alert' ? event.alert.since : event.anomaly.since;
  const time = watchEventTime(event);
  return { from: Math.min(since, time) - focusMargin, to: time + focusMargin };
}
