// Everything that watches one recording, behind one call per sample: the session's alert rules and
// an anomaly detector per watched metric. This is what the recorder will feed; it stays pure.

import type { Anomaly, AlertEvent, AlertMetric, AlertRule, DetectorStatus } from '../../../src-shared/model/watch';
import { alertMetricValue } from '../../../src-shared/model/watch';
import { AlertEvaluator, type WatchSample } from './alert-evaluator';
import { AnomalyDetector, type AnomalyDetectorOptions } from './anomaly-detector';

/**
 * The metrics anomaly detection watches unless told otherwise: what a developer leaving a service
 * running looks at (CPU, memory, descriptors, threads, I/O, and being preempted).
 */
export const defaultWatchedMetrics: readonly AlertMetric[] = [
  'cpu',
  'rss',
  'jsHeapUsed',
  'fileDescriptors',
  'threads',
  'readBytesRate',
  'writeBytesRate',
  'involuntarySwitchRate',
];

/** What one sample raised. */
export interface WatchFindings {
  alerts: readonly AlertEvent[];
  anomalies: readonly Anomaly[];
}

const nothing: WatchFindings = Object.freeze({ alerts: Object.freeze([]), anomalies: Object.freeze([]) });

/** Alert rules and anomaly detectors over one stream of samples. */
export class Watcher {
  private readonly alerts: AlertEvaluator;
  private readonly detectors: AnomalyDetector[];

  constructor(
    rules: readonly AlertRule[],
    metrics: readonly AlertMetric[] = defaultWatchedMetrics,
    options: Partial<AnomalyDetectorOptions> = {},
  ) {
    this.alerts = new AlertEvaluator(rules);
    this.detectors = metrics.map((metric) => new AnomalyDetector(metric, options));
  }

  /** Edits the alert rules while recording (see AlertEvaluator.setRules); the detectors are untouched. */
  setRules(rules: readonly AlertRule[]): void {
    this.alerts.setRules(rules);
  }

  /** When a held alert rule will be decided, if one is pending (AlertEvaluator.nextDecision). */
  nextDecision(): number | null {
    return this.alerts.nextDecision();
  }

  /** Each detector's status: what it judges against, or why it does not judge yet (still learning). */
  statuses(): DetectorStatus[] {
    return this.detectors.map((detector) => detector.status());
  }

  /** Judges one sample (in time order); returns the shared empty result when nothing happened. */
  push(sample: WatchSample): WatchFindings {
    const alerts = this.alerts.push(sample);
    let anomalies: Anomaly[] | null = null;
    for (const detector of this.detectors) {
      const anomaly = detector.push(sample.time, alertMetricValue(sample, detector.metric));
      if (anomaly) (anomalies ??= []).push(anomaly);
    }
    return alerts.length === 0 && anomalies === null ? nothing : { alerts, anomalies: anomalies ?? [] };
  }
}
