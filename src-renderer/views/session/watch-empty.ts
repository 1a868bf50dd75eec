// What the Alerts & anomalies list says while it lists nothing: the rules that watch the session, and
// whether anomaly detection judged at all. A short session's detectors never finished learning, so
// "no anomalies found" would claim more than was looked at.

import { joinAlertRules } from '../../../src-shared/format/alert-rule-list';
import type { Milliseconds } from '../../../src-shared/units';
import { anomalyWarmUp } from '../../../src-shared/model/watch';

/** What the detectors need before they judge (the engine's default warm-up). */
const learning = anomalyWarmUp;

/** What the sentence is made of. */
export interface WatchEmptyFacts {
  rules: readonly { text: string }[];
  anomalyDetection: boolean;
  /** Why live detectors do not judge yet (empty once they judge, and for a session that ended). */
  learningReasons: readonly string[];
  /** Null while recording. */
  durationMs: Milliseconds | null;
  sampleCount: number;
}

/** "No alerts fired. Rules: rss>1GB. No anomalies found." and the variants that say what was not judged. */
export function watchEmptyMessage(facts: WatchEmptyFacts): string {
  const rules =
    facts.rules.length > 0
      ? `No alerts fired. Rules: ${joinAlertRules(facts.rules)}.`
      : 'No alert rules watch this session.';
  if (!facts.anomalyDetection) return `${rules} Anomaly detection is off.`;
  const count = facts.learningReasons.length;
  // The detectors learn together, so the first one's reason speaks for the rest.
  if (count > 0)
    return `${rules} Anomaly detection does not judge ${count} metric${count === 1 ? '' : 's'} yet — ${facts.learningReasons[0]}.`;
  const short =
    facts.durationMs !== null && (facts.durationMs < learning.durationMs || facts.sampleCount < learning.readings);
  if (short)
    return `${rules} Anomaly detection judged nothing: it learns what is usual from ${learning.readings} readings over at least ${learning.durationMs / 1000} s first, and this session is shorter.`;
  return `${rules} No anomalies found.`;
}
