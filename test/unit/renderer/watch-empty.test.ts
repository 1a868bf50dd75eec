// The Alerts & anomalies list's empty state says what watched the session and claims no anomaly search
// that did not happen: off, still learning (the live detectors' reason), or too short to have judged.
import { describe, expect, it } from 'vitest';
import { watchEmptyMessage, type WatchEmptyFacts } from '../../../src-renderer/views/session/watch-empty';

const facts = (change: Partial<WatchEmptyFacts>): WatchEmptyFacts => ({
  rules: [{ text: 'rss>1GB' }, { text: 'cpu>90%:10s' }],
  anomalyDetection: true,
  learningReasons: [],
  durationMs: 3_600_000,
  sampleCount: 3_600,
  ...change,
});

describe('watch empty message', () => {
  it('lists the rules and says no anomaly was found after a long enough watch', () => {
    expect(watchEmptyMessage(facts({}))).toBe('No alerts fired. Rules: rss>1GB, cpu>90%:10s. No anomalies found.');
  });

  it('says when nothing watches it', () => {
    expect(watchEmptyMessage(facts({ rules: [], anomalyDetection: false }))).toBe(
      'No alert rules watch this session. Anomaly detection is off.',
    );
  });

  it("passes on the live detectors' reason, counting the metrics still learning", () => {
    const reasons = [
      'cpu: learning what is usual (5 of 60 readings)',
      'rss: learning what is usual (5 of 60 readings)',
    ];
    expect(watchEmptyMessage(facts({ learningReasons: reasons, durationMs: null }))).toBe(
      'No alerts fired. Rules: rss>1GB, cpu>90%:10s. Anomaly detection does not judge 2 metrics yet — cpu: learning what is usual (5 of 60 readings).',
    );
  });

  it('does not claim no anomalies for a session too short to have judged', () => {
    for (const short of [
      facts({ durationMs: 12_000, sampleCount: 120 }),
      facts({ durationMs: 40_000, sampleCount: 40 }),
    ])
      expect(watchEmptyMessage(short)).toMatch(/Anomaly detection judged nothing: .* this session is shorter\.$/);
  });
});
