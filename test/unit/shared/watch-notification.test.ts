// Desktop notifications (Electron's main process, a browser tab's Notification API): one per batch,
// only for alerts fired and anomalies, only while the window is not focused; and the alert rules
// field of the app split into rules.
import { describe, expect, it } from 'vitest';
import { joinAlertRules, splitAlertRules } from '../../../src-shared/format/alert-rule-list';
import { describeWatchEvent } from '../../../src-shared/format/watch';
import { watchNotification } from '../../../src-shared/format/watch-notification';
import { cleared, fired, rssRule, spike } from '../../helpers/watch-events';

describe('watch notification', () => {
  it('tells a fired alert in the sentence the toast and the CLI use', () => {
    const event = fired(1_000, 3_000);
    expect(watchNotification([event], false)).toEqual({
      title: 'Thermograph · Alert: rss>120MB',
      body: describeWatchEvent(event),
    });
    expect(describeWatchEvent(event)).toMatch(/^rss>120MB fired: /);
  });

  it('says nothing while the window has the focus, or for a clearing alone', () => {
    expect(watchNotification([fired(1_000, 3_000)], true)).toBeNull();
    expect(watchNotification([cleared(1_000, 9_000)], false)).toBeNull();
  });

  it('names the first of several and counts the rest, leaving clearings out', () => {
    const text = watchNotification([cleared(0, 500), spike(900, 1_000), fired(1_000, 1_000)], false);
    expect(text?.title).toBe('Thermograph · Anomaly: cpu spike');
    expect(text?.body).toBe('cpu spiked to 180 % (usually 2 %), 40 scales above. And 1 more alert or anomaly.');
  });
});

describe('alert rule list', () => {
  it('splits on commas and new lines, ignoring blanks, and joins back', () => {
    expect(splitAlertRules(' cpu>90%:10s,rss>1.5GB\n\nfds>900 , ')).toEqual(['cpu>90%:10s', 'rss>1.5GB', 'fds>900']);
    expect(splitAlertRules('  ')).toEqual([]);
    expect(joinAlertRules([rssRule, { text: 'fds>900' }])).toBe('rss>120MB, fds>900');
  });
});
