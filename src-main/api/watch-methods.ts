// The watch methods of the API: what watches a session (alert rules, the anomaly switch, what they
// found, the live detectors) and editing it while the session records, or saving the rules as the
// defaults of its target's next recordings.

import { ThermographError } from '../../src-shared/api/errors';
import type { ApiImplementation } from '../../src-shared/api/contract';
import { baselineTargetKey } from '../../src-shared/model/baseline-target';
import type { SessionSummary } from '../../src-shared/model/session';
import type { SessionWatch } from '../../src-shared/model/watch';
import type { SessionId } from '../../src-shared/units';
import { parseAlertRules } from '../analysis/watch/alert-rule-parser';
import type { RecordingManager } from '../sessions/recording-manager';
import type { SessionStore } from '../store/session-store';
import { readMemoryLimit } from '../collectors/memory-limit';
import { timeToLimit } from '../analysis/trends/time-to-limit';
import type { MemoryForecast, MemoryLimit } from '../../src-shared/model/trends';

/** What the watch methods need from the engine. */
export interface WatchServices {
  store: SessionStore;
  recordings: RecordingManager;
  existing: (sessionId: SessionId) => SessionSummary;
  changed: (session: SessionSummary) => SessionSummary;
}

/** The recent window the memory forecast's slope is taken over. */
const memoryWindowMs = 600_000;

type WatchMethods = Pick<ApiImplementation, 'getWatch' | 'setWatch'>;

/** Creates the watch methods of the API. */
export function createWatchMethods({ store, recordings, existing, changed }: WatchServices): WatchMethods {
  const watchOf = (session: SessionSummary): SessionWatch => {
    recordings.flush(session.id);
    return {
      rules: session.settings.alertRules,
      anomalyDetection: session.settings.anomalyDetection,
      events: store.listWatchEvents(session.id),
      detectors: recordings.detectorStatuses(session.id),
      targetDefaults: store.targetAlertDefaults(baselineTargetKey(session.target)),
      memory: memoryForecast(session),
    };
  };
  /** RSS over the last 10 minutes against the live process's limit, or the recording machine's memory. */
  const memoryForecast = (session: SessionSummary): MemoryForecast | null => {
    const range = store.sampleRange(session.id);
    if (range === null || session.target.kind === 'file') return null;
    const { times, columns } = store.readSamples(session.id, { from: range.to - memoryWindowMs, metrics: ['rss'] });
    if (!columns.rss) return null;
    const pid = session.target.pid;
    const limit: MemoryLimit =
      recordings.isRecording(session.id) && pid !== null
        ? readMemoryLimit(pid)
        : { bytes: session.host.totalMemoryBytes, source: 'system', cgroup: null };
    return { limit, forecast: timeToLimit(times, columns.rss, limit.bytes, { windowMs: memoryWindowMs }) };
  };
  return {
    getWatch: ({ sessionId }) => watchOf(existing(sessionId)),
    setWatch: ({ sessionId, rules: texts, cooldownMs, anomalyDetection, saveAsTargetDefault }) => {
      const session = existing(sessionId);
      const rules = parseAlertRules(texts, cooldownMs);
      // Its end is stored a moment before the recording leaves the manager: the stored status decides.
      const live = session.status === 'recording' && recordings.isRecording(sessionId);
      if (!live && !saveAsTargetDefault) {
        throw new ThermographError(
          'invalid-argument',
          session.status === 'recording'
            ? `Session ${sessionId} is recorded by another Thermograph process; change its alerts there.`
            : `Session ${sessionId} has ended: its alert rules are the ones that watched it. Save the rules as its target's defaults to use them in the next recording.`,
        );
      }
      if (saveAsTargetDefault) store.setTargetAlertDefaults(baselineTargetKey(session.target), rules);
      if (!live) return watchOf(session);
      const detect = anomalyDetection ?? session.settings.anomalyDetection;
      const updated = changed(store.setWatchSettings(sessionId, rules, detect));
      recordings.updateWatch(sessionId, rules, detect);
      return watchOf(updated);
    },
  };
}
