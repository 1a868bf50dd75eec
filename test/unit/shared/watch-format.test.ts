// Watch events in words: an alert's sentence in the unit family its rule was written in, held time
// and episode, a cleared alert that lost its metric, and the memory forecast's sentence.

import { describe, expect, it } from 'vitest';
import { describeAlert, describeMemoryForecast } from '../../../src-shared/format/watch';
import type { AlertEvent, AlertRule } from '../../../src-shared/model/watch';

const rule = (text: string, metric: AlertRule['metric'], threshold: number): AlertRule => ({
  metric,
  comparison: '>',
  threshold,
  durationMs: 0,
  cooldownMs: 60_000,
  text,
});

function event(kind: AlertEvent['kind'], alertRule: AlertRule, value: number | null, heldMs: number): AlertEvent {
  return {
    kind,
    rule: alertRule,
    time: 10_000 + heldMs,
    value,
    threshold: alertRule.threshold,
    since: 10_000,
    peak: 1.6e9,
  };
}

describe('describeAlert', () => {
  it('answers a decimal size rule in powers of 1000 and a binary one in powers of 1024', () => {
    expect(describeAlert(event('fired', rule('rss>1.5GB', 'rss', 1.5e9), 1.51e9, 0))).toBe('rss>1.5GB fired: 1.51 GB.');
    expect(describeAlert(event('fired', rule('heap>=512MiB:5s', 'jsHeapUsed', 2 ** 29), 2 ** 29, 5_000))).toBe(
      'heap>=512MiB:5s fired: 512 MiB, over the threshold for 5 s.',
    );
    expect(describeAlert(event('fired', rule('write>20MB/s', 'writeBytesRate', 2e7), 2.5e7, 0))).toBe(
      'write>20MB/s fired: 25 MB/s.',
    );
  });

  it('says how an episode ended, and when the metric stopped being readable', () => {
    expect(describeAlert(event('cleared', rule('rss>1.5GB', 'rss', 1.5e9), 1.38e9, 182_000))).toBe(
      'rss>1.5GB cleared: now 1.38 GB; the episode lasted 3 min 02 s, at worst 1.6 GB.',
    );
    expect(describeAlert(event('cleared', rule('cpu>90%:10s', 'cpu', 90), null, 12_000))).toMatch(
      /^cpu>90%:10s cleared: the metric could no longer be read; the episode lasted 12 s, at worst /,
    );
  });
});

describe('describeMemoryForecast', () => {
  it("names the cgroup's limit and the interval, or passes the reason on", () => {
    const growing = describeMemoryForecast({
      limit: { bytes: 2 ** 30, source: 'cgroup', cgroup: '/app' },
      forecast: {
        status: 'growing',
        slope: { estimate: 1e5, low: 8e4, high: 1.2e5, confidence: 0.95 },
        currentBytes: 2 ** 29,
        limitBytes: 2 ** 30,
        remainingMs: 5_368_709,
        remainingLowMs: 4_473_924,
        remainingHighMs: 6_710_886,
        windowMs: 600_000,
        readings: 600,
      },
    });
    expect(growing).toMatch(
      /^RSS reaches its cgroup's limit \(1 GiB, \/app\) in about 1 h 29 min \(1 h 14 min to 1 h 51 min\) at /,
    );
    const reason = 'Memory changes 0 B/s over the last 10 min: the interval includes no growth.';
    expect(
      describeMemoryForecast({
        limit: { bytes: 2 ** 34, source: 'system', cgroup: null },
        forecast: { status: 'not-growing', reason, windowMs: 600_000, readings: 600 },
      }),
    ).toBe(reason);
  });
});
