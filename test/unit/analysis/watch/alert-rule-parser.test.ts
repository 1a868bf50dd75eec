import { describe, expect, it } from 'vitest';
import { parseAlertRule } from '../../../../src-main/analysis/watch/alert-rule-parser';

function rule(text: string) {
  const parsed = parseAlertRule(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rule;
}

function message(text: string): string {
  const parsed = parseAlertRule(text);
  if (parsed.ok) throw new Error(`"${text}" parsed`);
  return parsed.message;
}

describe('parseAlertRule', () => {
  it('reads the issue examples in the metrics own units', () => {
    expect(rule('cpu>90%:10s')).toMatchObject({ metric: 'cpu', comparison: '>', threshold: 90, durationMs: 10_000 });
    expect(rule('rss>1.5GB')).toMatchObject({ metric: 'rss', comparison: '>', threshold: 1.5e9, durationMs: 0 });
    expect(rule('fds>900')).toMatchObject({ metric: 'fileDescriptors', threshold: 900 });
    expect(rule('heap>=512MiB:5s')).toMatchObject({
      metric: 'jsHeapUsed',
      comparison: '>=',
      threshold: 512 * 1024 * 1024,
      durationMs: 5000,
    });
  });

  it('accepts spaces, metric keys in any case, rates and every duration unit', () => {
    expect(rule(' threads < 4 : 250ms ')).toMatchObject({ metric: 'threads', comparison: '<', durationMs: 250 });
    expect(rule('FileDescriptors<=10:2m')).toMatchObject({
      metric: 'fileDescriptors',
      comparison: '<=',
      durationMs: 120_000,
    });
    expect(rule('write>10MB/s:1h')).toMatchObject({ metric: 'writeBytesRate', threshold: 1e7, durationMs: 3_600_000 });
    expect(rule('read>2KiB')).toMatchObject({ metric: 'readBytesRate', threshold: 2048 });
    expect(rule('systemCpu>.5')).toMatchObject({ metric: 'systemCpu', threshold: 0.5 });
    expect(rule('rss>2e9')).toMatchObject({ metric: 'rss', threshold: 2e9 });
    expect(rule('cpu>90%').text).toBe('cpu>90%');
  });

  it('takes the cooldown it is given', () => {
    const parsed = parseAlertRule('cpu>90%', 5000);
    expect(parsed.ok && parsed.rule.cooldownMs).toBe(5000);
  });

  it('says what was wrong and shows a right rule', () => {
    expect(message('cpu 90')).toMatch(/not an alert rule.*for example "cpu>90%:10s"/);
    expect(message('memory>1GB')).toMatch(/no metric "memory"; use one of cpu, rss, pss, heap, fds/);
    expect(message('rss>1.5G')).toMatch(/size unit "G" is unknown: use B, kB, MB, GB .* KiB, MiB, GiB/);
    expect(message('rss>1.5MIB')).toMatch(/size unit "MIB"/);
    expect(message('cpu>ninety')).toMatch(/threshold "ninety" is not a number/);
    expect(message('cpu>90MB')).toMatch(/percentage/);
    expect(message('fds>900%')).toMatch(/plain number; drop the unit "%"/);
    expect(message('cpu>90%:10')).toMatch(/duration "10" needs a unit: ms, s, m or h/);
    expect(message('cpu>90%:')).toMatch(/duration "" needs a unit/);
    expect(message('cpu>')).toMatch(/threshold "" is not a number/);
  });
});
