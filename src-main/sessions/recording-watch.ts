// The watching side of one recording: its alert rules and anomaly detectors (analysis/watch/), fed
// every sample as it is announced, what they find pushed to the UI at once (watchDidFind) and kept
// for the next flush, and the rules editable while the recording runs.
// The detectors learn even while anomaly detection is switched off, so switching it on judges at once.

import type { ResourceSample } from '../../src-shared/model/resource';
import type { RecordingSettings } from '../../src-shared/model/session';
import type { AlertEvent, AlertRule, DetectorStatus, WatchEvent } from '../../src-shared/model/watch';
import type { SessionId } from '../../src-shared/units';
import type { ApiEventListener } from '../../src-shared/api/contract';
import { Watcher } from '../analysis/watch/watcher';
import type { SessionStore } from '../store/session-store';

/** Events kept in memory while the disk refuses writes, before the oldest are dropped. */
const maximumPendingEvents = 10_000;

/** One recording's alert rules and anomaly detectors. */
export class RecordingWatch {
  private readonly watcher: Watcher;
  private anomalyDetection: boolean;
  private pending: WatchEvent[] = [];

  constructor(
    private readonly sessionId: SessionId,
    settings: RecordingSettings,
    private readonly emit: ApiEventListener,
    /** Told of every alert that fires (the recording keeps the time around it at full detail). */
    private readonly onFired: (alert: AlertEvent) => void = () => undefined,
  ) {
    this.watcher = new Watcher(settings.alertRules);
    this.anomalyDetection = settings.anomalyDetection;
  }

  /** Judges new samples (in time order) and announces what they raised. */
  observe(samples: readonly ResourceSample[]): void {
    let found: WatchEvent[] | null = null;
    for (const sample of samples) {
      const { alerts, anomalies } = this.watcher.push(sample);
      for (const alert of alerts) {
        (found ??= []).push({ kind: 'alert', alert });
        if (alert.kind === 'fired') this.onFired(alert);
      }
      if (this.anomalyDetection) for (const anomaly of anomalies) (found ??= []).push({ kind: 'anomaly', anomaly });
    }
    if (found === null) return;
    this.pending.push(...found);
    if (this.pending.length > maximumPendingEvents) this.pending.splice(0, this.pending.length - maximumPendingEvents);
    this.emit('watchDidFind', { sessionId: this.sessionId, events: found });
  }

  /** Replaces the rules and the anomaly switch (an unchanged rule keeps its episode and cooldown). */
  update(rules: readonly AlertRule[], anomalyDetection: boolean): void {
    this.watcher.setRules(rules);
    this.anomalyDetection = anomalyDetection;
  }

  /** The detectors' states; none while anomaly detection is off. */
  statuses(): DetectorStatus[] {
    return this.anomalyDetection ? this.watcher.statuses() : [];
  }

  /** Writes the events found since the last write; throws (keeping them) when the store refuses. */
  write(store: SessionStore): void {
    if (this.pending.length === 0) return;
    store.addWatchEvents(this.sessionId, this.pending);
    this.pending = [];
  }

  /** Forgets what is unwritten (the session was deleted). */
  drop(): void {
    this.pending = [];
  }
}
