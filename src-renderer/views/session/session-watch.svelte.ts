// One session's watch, kept current: its alert rules, the anomaly switch, the alerts and anomalies
// found (from getWatch when the view opens, then from watchDidFind as they happen), the detectors'
// states while it records (read again now and then: "learning (23 of 60 readings)" moves), and the
// edits the Alerts control makes (setWatch).

import type { ApiError } from '../../../src-shared/api/errors';
import type { SessionWatch, WatchEvent } from '../../../src-shared/model/watch';
import type { ApiClient } from '../../api/client';
import { mergeWatchEvents } from './watch-marks';

/** How often a recording's detectors' states are read again, while it records and this view is open. */
const detectorPollMs = 5_000;

/** What the Alerts control asks the engine to apply. */
export interface WatchEdit {
  rules: string[];
  anomalyDetection?: boolean;
  saveAsTargetDefault: boolean;
}

/** A session's rules, events and detectors; `events` grows live. */
export class SessionWatchState {
  watch = $state.raw<SessionWatch | null>(null);
  /** Every alert and anomaly so far, in time order. */
  events = $state.raw<WatchEvent[]>([]);
  error = $state<string | null>(null);

  #client: ApiClient;
  #sessionId: number;
  #listeners: ((events: readonly WatchEvent[]) => void)[] = [];

  constructor(client: ApiClient, sessionId: number) {
    this.#client = client;
    this.#sessionId = sessionId;
  }

  /** Calls `listener` with every event so far whenever one arrives (the timeline draws them). */
  onEvents(listener: (events: readonly WatchEvent[]) => void): void {
    this.#listeners.push(listener);
    listener(this.events);
  }

  /** Loads and follows the session's watch; `recording` says whether to poll its detectors. Returns the teardown. */
  attach(recording: () => boolean): () => void {
    const unsubscribe = this.#client.on('watchDidFind', ({ sessionId, events }) => {
      if (sessionId === this.#sessionId) this.#add(events);
    });
    void this.load();
    const timer = setInterval(() => {
      if (recording()) void this.load();
    }, detectorPollMs);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }

  /** Reads the session's watch again (rules, events, detectors). */
  async load(): Promise<void> {
    const result = await this.#client.api.getWatch({ sessionId: this.#sessionId });
    if (!result.ok) {
      this.error = result.error.message;
      return;
    }
    this.error = null;
    this.#accept(result.value);
  }

  /** Applies the Alerts control's edit; the engine's error (a rule it cannot read) comes back to show inline. */
  async apply(edit: WatchEdit): Promise<ApiError | null> {
    const result = await this.#client.api.setWatch({
      sessionId: this.#sessionId,
      rules: edit.rules,
      ...(edit.anomalyDetection === undefined ? {} : { anomalyDetection: edit.anomalyDetection }),
      saveAsTargetDefault: edit.saveAsTargetDefault,
    });
    if (!result.ok) return result.error;
    this.#accept(result.value);
    return null;
  }

  #accept(watch: SessionWatch): void {
    this.watch = watch;
    // An event pushed while getWatch was on its way may or may not be in its answer: merged, never twice.
    const merged = mergeWatchEvents(watch.events, this.events);
    if (merged.length !== this.events.length) this.#setEvents(merged);
  }

  #add(events: readonly WatchEvent[]): void {
    this.#setEvents(mergeWatchEvents(this.events, events));
  }

  #setEvents(events: WatchEvent[]): void {
    this.events = events;
    for (const listener of this.#listeners) listener(events);
  }
}
