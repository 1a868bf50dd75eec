import { describe, expect, it } from 'vitest';
import type { WatchSample } from '../../../../src-main/analysis/watch/alert-evaluator';
import { parseAlertRule } from '../../../../src-main/analysis/watch/alert-rule-parser';
import { Watcher } from '../../../../src-main/analysis/watch/watcher';
import { seededRandom } from '../../../helpers/seeded-random';
import { normal } from '../../../helpers/watch-series';

describe('Watcher', () => {
  it('raises the alert and the anomaly of one episode, each once, and nothing for unread metrics', () => {
    const parsed = parseAlertRule('fds>900:2s');
    if (!parsed.ok) throw new Error(parsed.message);
    const watcher = new Watcher([parsed.rule]);
    const random = seededRandom(3);
    const raised: string[] = [];
    // 10 Hz for 2 minutes; descriptors leak from 100 to 1,000 in one step at 90 s. No heap (not Node.js).
    for (let index = 0; index < 1200; index++) {
      const sample: WatchSample = {
        time: index * 100,
        cpuUser: 20 + 2 * normal(random),
        cpuSystem: 2,
        rss: 200e6 + 1e5 * normal(random),
        jsHeapUsed: null,
        fileDescriptors: index >= 900 ? 1000 : 100,
        threads: 8,
      };
      const { alerts, anomalies } = watcher.push(sample);
      for (const alert of alerts) raised.push(`${index} alert ${alert.kind} ${alert.rule.metric}`);
      for (const anomaly of anomalies) raised.push(`${index} ${anomaly.kind} ${anomaly.direction} ${anomaly.metric}`);
    }
    // Heap and I/O were never readable: their detectors say they are still learning rather than judge on nothing.
    const learning = watcher.statuses().flatMap((status) => (status.judging ? [] : [status.reason.split(':')[0]]));
    expect(learning).toEqual(['jsHeapUsed', 'readBytesRate', 'writeBytesRate', 'involuntarySwitchRate']);
    expect(raised).toEqual(['904 levelShift up fileDescriptors', '920 alert fired fileDescriptors']);
  });
});
