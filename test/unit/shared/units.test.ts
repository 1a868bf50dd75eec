import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatBytesRate,
  formatClock,
  formatCount,
  formatCountOf,
  formatDuration,
  formatMetric,
  formatPercent,
  formatPerSecond,
} from '../../../src-shared/format/units';
import { escapeHtml } from '../../../src-renderer/format/escape';
import { binaryInterval } from '../../../src-renderer/charts/timeline/ticks';

describe('unit formatting', () => {
  it('formats bytes with binary units and three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(12.34 * 1024 * 1024)).toBe('12.3 MiB');
    expect(formatBytes(123.4 * 1024 * 1024)).toBe('123 MiB');
    expect(formatBytes(2.049 * 1024 ** 3)).toBe('2.05 GiB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MiB');
    expect(formatBytes(Number.NaN)).toBe('—');
  });

  it('formats rates, percentages and counts', () => {
    expect(formatBytesRate(3 * 1024 * 1024)).toBe('3 MiB/s');
    expect(formatPercent(12.345)).toBe('12.3%');
    expect(formatPercent(187.4)).toBe('187%');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(45_600)).toBe('45.6k');
    expect(formatCountOf(1, 'sample')).toBe('1 sample');
    expect(formatCountOf(0, 'sample')).toBe('0 samples');
    expect(formatCountOf(4_096, 'sample')).toBe('4,096 samples');
    expect(formatCount(2_500_000)).toBe('2.5M');
    expect(formatPerSecond(12_000)).toBe('12k/s');
    expect(formatPerSecond(3.25)).toBe('3.25/s');
  });

  it('formats a metric by its unit and shows unreadable values as a dash', () => {
    expect(formatMetric(2048, 'bytes')).toBe('2 KiB');
    expect(formatMetric(50, 'corePercent')).toBe('50%');
    expect(formatMetric(1.5, 'load')).toBe('1.50');
    expect(formatMetric(null, 'bytes')).toBe('—');
  });

  it('formats durations for people', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    // Rounding up to the next unit's first value reads as that unit, never "1000 ms" or "60 s".
    expect(formatDuration(999.7)).toBe('1 s');
    expect(formatDuration(59_970)).toBe('1 min 00 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });

  it('formats elapsed time as a clock', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(65_900)).toBe('01:05');
    expect(formatClock(65_900, true)).toBe('01:05.9');
    expect(formatClock(3_725_000)).toBe('1:02:05');
  });

  it('escapes markup in text taken from profiled programs', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;',
    );
  });
});

describe('binaryInterval', () => {
  it('picks ticks in whole binary units', () => {
    const mebibyte = 1024 ** 2;
    expect(binaryInterval(57.2 * mebibyte) / mebibyte).toBe(30);
    expect(binaryInterval(47.4 * mebibyte) / mebibyte).toBe(20);
    expect(binaryInterval(3 * 1024 ** 3) / 1024 ** 3).toBe(2);
    expect(binaryInterval(200)).toBe(100);
  });

  it('never goes below one byte, also for an all-zero series', () => {
    expect(binaryInterval(0)).toBe(1);
    expect(binaryInterval(1.2)).toBe(1);
  });
});
