// Watch events built by hand for the tests of what the UI and the notifications make of them: an
// alert's firing and clearing (one episode) and an anomaly, with the sentences format/watch.ts says.
import type { AlertRule, WatchEvent } from '../../src-shared/model/watch';

/** `rss>120MB`, firing at once, one alert a minute at most. */
export const rssRule: AlertRule = {
  metric: 'rss',
  comparison: '>',
  threshold: 120_000_000,
  durationMs: 0,
  cooldownMs: 60_000,
  text: 'rss>120MB',
};

/** The rule's episode: over the threshold from `since`, fired at `time`. */
export function fired(since: number, time: number, value = 170 * 1024 * 1024): WatchEvent {
  return {
    kind: 'alert',
    alert: { kind: 'fired', rule: rssRule, time, value, threshold: 120_000_000, since, peak: value },
  };
}

/** The end of the episode that started at `since`. */
export function cleared(since: number, time: number, value: number | null = 40_000_000): WatchEvent {
  return {
    kind: 'alert',
    alert: { kind: 'cleared', rule: rssRule, time, value, threshold: 120_000_000, since, peak: 170 * 1024 * 1024 },
  };
}

/** A CPU spike decided at `time`. */
export function spike(since: number, time: number): WatchEvent {
  return {
    kind: 'anomaly',
    anomaly: {
      metric: 'cpu',
      kind: 'spike',
      direction: 'up',
      time,
      since,
      value: 180,
      score: 40,
      baseline: { center: 2, scale: 4 },
      message: 'cpu spiked to 180 % (usually 2 %), 40 scales above.',
    },
  };
}
