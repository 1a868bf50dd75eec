// Which alert rules make the reading pump hand readings over early, and how (alert-hand-over.ts).

import { describe, expect, it } from 'vitest';
import { parseAlertRules } from '../../../src-main/analysis/watch/alert-rule-parser';
import { pageSize } from '../../../src-main/collectors/proc/kernel';
import { alertHandOver } from '../../../src-main/sessions/alert-hand-over';

const single = { intervalMs: 100, includeChildren: false };
const plan = (rules: string[], settings = single) => alertHandOver(parseAlertRules(rules), settings, 412, 1_000);

describe('the hand-over plan for alert rules', () => {
  it('needs nothing early for a rule held at least a batch, or on a value read once a second', () => {
    expect(plan(['cpu>90%:10s', 'rss>1.5GB:1s', 'fds>900', 'heap>1GB', 'pss>1GB'])).toEqual({
      changeMs: null,
      conditions: [],
    });
  });

  it('makes a level the pump reads whole a condition, in the sampler’s units', () => {
    expect(plan(['rss>1.5GB', 'threads<=2', 'virtual>=2GB:500ms'])).toEqual({
      changeMs: null,
      conditions: [
        { path: '/proc/412/stat', token: 21, scale: pageSize(), comparison: '>', threshold: 1.5e9 },
        { path: '/proc/412/stat', token: 17, scale: 1, comparison: '<=', threshold: 2 },
        { path: '/proc/412/stat', token: 20, scale: 1, comparison: '>=', threshold: 2e9 },
      ],
    });
  });

  it('hands changed ticks over after two intervals for a short rate rule, or a level summed over children', () => {
    expect(plan(['cpu>90%'])).toEqual({ changeMs: 200, conditions: [] });
    expect(plan(['rss>1GB'], { intervalMs: 20, includeChildren: true })).toEqual({ changeMs: 100, conditions: [] });
    expect(plan(['read>1MB/s:200ms', 'rss>1GB']).changeMs).toBe(200);
  });
});
