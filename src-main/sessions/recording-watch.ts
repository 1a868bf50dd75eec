// The watching side of one recording: its alert rules and anomaly detectors (analysis/watch/), fed
// every sample as it is announced, what they find pushed to the UI at once (watchDidFind) and kept
// for the next flush with the time around each pinned at full detail (retention downsamples the
// rest once it is old), and the rules editable while the recording runs.
// The detectors learn even while anomaly detection is switched off, so switching it on judges at once.

import type { ResourceSample } from '../../src-shared/model/resource';
import type { RecordingSettings } from '../../src-shared/model/session';
import type { AlertRule, DetectorStatus, WatchEvent } from '../../src-shared/model/watch';
import type { EpochMilliseconds, SessionId } from '../../src-shared/units';
import type { PinReason } from '../../src-shared/model/retention';
import type { ApiEventListener } from '../../src-shared/api/contract';
import { Watcher } from '../analysis/watch/watcher';
import type { SessionStore } from '../store/session-store';

/** Events kept in memory while the disk refuses writes, before the oldest are dropped. */
const maximumPendingEvents = 10_000;
/**
 * How much before an alert's episode and after its firing or clearing the store keeps at full detail
 * (pinned ranges: retention downsamples everything else once it is old), so what led up to it is kept.
 */
const alertMarginMs = 60_000;
/** The same around an anomaly, from its start to its decision. */
const anomalyMarginMs = 30_000;

/** A held rule due on an unchanged reading asks for the readings this long after the reading one interval past its due time. */
export const decisionSlackMs = 20;

/** A range to keep at full detail, as the store takes it. */
interface PinRequest {
  from: EpochMilliseconds;
  to: EpochMilliseconds;
  reason: PinReason;
  label: string;
}

/** One recording's alert rules and anomaly detectors. */
export class RecordingWatch {
  private readonly watcher: Watcher;
  private anomalyDetection: boolean;
  private pending: WatchEvent[] = [];
  private pins: PinRequest[] = [];

  constructor(
    private readonly sessionId: SessionId,
    settings: RecordingSettings,
    private readonly emit: ApiEventListener,
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
        this.pin(alert.since - alertMarginMs, alert.time + alertMarginMs, 'alert', alert.rule.text);
      }
      if (!this.anomalyDetection) continue;
      for (const anomaly of anomalies) {
        (found ??= []).push({ kind: 'anomaly', anomaly });
        this.pin(anomaly.since - anomalyMarginMs, anomaly.time + anomalyMarginMs, 'anomaly', anomaly.metric);
      }
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

  /** When a held alert rule will be decided on the next reading, if one is pending. */
  nextDecision(): EpochMilliseconds | null {
    return this.watcher.nextDecision();
  }

  /** The detectors' states; none while anomaly detection is off. */
  statuses(): DetectorStatus[] {
    return this.anomalyDetection ? this.watcher.statuses() : [];
  }

  /** Writes the events found and the ranges pinned since the last write; throws (keeping them) when the store refuses. */
  write(store: SessionStore): void {
    if (this.pending.length > 0) {
      store.addWatchEvents(this.sessionId, this.pending);
      this.pending = [];
    }
    while (this.pins.length > 0) {
      store.pinRange(this.sessionId, this.pins[0]!);
      this.pins.shift();
    }
  }

  /** Forgets what is unwritten (the session was deleted). */
  drop(): void {
    this.pending = [];
    this.pins = [];
  }

  /**
   * Keeps a range at full detail. A cleared alert pins its whole episode, which takes in the range its
   * firing pinned; pins are few (one episode makes two), so they are not merged.
   */
  private pin(from: EpochMilliseconds, to: EpochMilliseconds, reason: PinReason, label: string): void {
    if (this.pins.length < maximumPendingEvents) this.pins.push({ from, to, reason, label });
  }
}
