import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../src-main/collectors/proc/parse-cmdline';
import { parseLoadAverage1m } from '../../../src-main/collectors/proc/parse-loadavg';
import { parseMemoryInfo } from '../../../src-main/collectors/proc/parse-meminfo';
import { parseProcessIo } from '../../../src-main/collectors/proc/parse-process-io';
import { parseProcessStat } from '../../../src-main/collectors/proc/parse-process-stat';
import { parseContextSwitches, parseProcessStatus } from '../../../src-main/collectors/proc/parse-process-status';
import { parseProportionalSetSize } from '../../../src-main/collectors/proc/parse-smaps-rollup';
import { parseBootTime, parseCpuTimes } from '../../../src-main/collectors/proc/parse-system-stat';

// Real copies of /proc files captured on the development machine (see test/fixtures/proc).
const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/proc/${name}`, import.meta.url)), 'latin1');

describe('parseProcessStat', () => {
  it('reads a node process', () => {
    expect(parseProcessStat(fixture('node-sleeper/stat'))).toEqual({
      pid: 10694,
      command: 'node',
      state: 'S',
      parentPid: 1,
      minorFaults: 2305,
      majorFaults: 0,
      userTicks: 4,
      systemTicks: 0,
      childUserTicks: 0,
      childSystemTicks: 0,
      threads: 7,
      startTicks: 43200,
      virtualBytes: 745975808,
      rssPages: 10351,
      startCode: 11988992,
      startStack: 140726553112544,
    });
  });

  it('finds the fields after the last parenthesis when comm contains ") ("', () => {
    const stat = parseProcessStat(fixture('hostile-comm/stat'));
    expect(stat?.command).toBe('x) (y) z');
    expect(stat?.pid).toBe(10711);
    expect(stat?.state).toBe('S');
    expect(stat?.parentPid).toBe(10691);
    expect(stat?.threads).toBe(1);
    expect(stat?.rssPages).toBe(788);
  });

  it('reads a comm made of spaces and digits', () => {
    const line =
      '42 (1 2 ) 3) R 7 42 42 0 -1 4194304 10 0 1 0 25 5 8 2 20 0 3 0 900 1000 20 18446744073709551615 1 1 0 0 0';
    expect(parseProcessStat(line)).toMatchObject({
      pid: 42,
      command: '1 2 ) 3',
      state: 'R',
      parentPid: 7,
      userTicks: 25,
      systemTicks: 5,
      childUserTicks: 8,
      childSystemTicks: 2,
      majorFaults: 1,
      threads: 3,
      startTicks: 900,
      virtualBytes: 1000,
      rssPages: 20,
    });
  });

  it('reads a kernel thread (no memory)', () => {
    expect(parseProcessStat(fixture('kernel-thread/stat'))).toMatchObject({
      pid: 2,
      command: 'kthreadd',
      parentPid: 0,
      virtualBytes: 0,
      rssPages: 0,
    });
  });

  it('returns null for truncated or malformed text', () => {
    const whole = fixture('node-sleeper/stat');
    expect(parseProcessStat(whole.slice(0, 60))).toBeNull();
    expect(parseProcessStat(whole.slice(0, whole.indexOf('(') + 3))).toBeNull();
    expect(parseProcessStat('')).toBeNull();
    expect(parseProcessStat('not a stat line')).toBeNull();
  });
});

describe('parseProcessStatus', () => {
  it('reads the fields the sampler uses', () => {
    expect(parseProcessStatus(fixture('node-sleeper/status'))).toEqual({
      name: 'node',
      uid: 0,
      rssBytes: 41544 * 1024,
      threads: 7,
      voluntarySwitches: 4,
      involuntarySwitches: 3,
    });
  });

  it('does not confuse voluntary with nonvoluntary switches', () => {
    const text = 'Name:\tx\nnonvoluntary_ctxt_switches:\t7\nvoluntary_ctxt_switches:\t123\n';
    const into = { voluntarySwitches: null, involuntarySwitches: null };
    parseContextSwitches(text, into);
    expect(into).toEqual({ voluntarySwitches: 123, involuntarySwitches: 7 });
  });

  it('keeps a name with parentheses and has no memory for a kernel thread', () => {
    expect(parseProcessStatus(fixture('hostile-comm/status')).name).toBe('x) (y) z');
    const kernel = parseProcessStatus(fixture('kernel-thread/status'));
    expect(kernel.name).toBe('kthreadd');
    expect(kernel.rssBytes).toBeNull();
    expect(kernel.threads).toBe(1);
  });

  it('turns lines cut off by truncation into null', () => {
    const whole = fixture('node-sleeper/status');
    const truncated = parseProcessStatus(whole.slice(0, whole.indexOf('VmRSS:') + 4));
    expect(truncated.uid).toBe(0);
    expect(truncated.rssBytes).toBeNull();
    expect(truncated.voluntarySwitches).toBeNull();
    expect(parseProcessStatus('')).toEqual({
      name: null,
      uid: null,
      rssBytes: null,
      threads: null,
      voluntarySwitches: null,
      involuntarySwitches: null,
    });
  });
});

describe('parseProcessIo', () => {
  it('reads every counter', () => {
    expect(parseProcessIo(fixture('node-sleeper/io'))).toEqual({
      readChars: 252249,
      writeChars: 13,
      readSyscalls: 88,
      writeSyscalls: 2,
      readBytes: 0,
      writeBytes: 4096,
    });
  });

  it('does not read cancelled_write_bytes as write_bytes, and nulls what is missing', () => {
    const io = parseProcessIo(
      'rchar: 10\nwchar: 20\nsyscr: 1\nsyscw: 2\nread_bytes: 4096\nwrite_bytes: 8192\ncancelled_write_bytes: 99\n',
    );
    expect(io).toEqual({
      readChars: 10,
      writeChars: 20,
      readSyscalls: 1,
      writeSyscalls: 2,
      readBytes: 4096,
      writeBytes: 8192,
    });
    expect(parseProcessIo('rchar: 10\nwch')).toEqual({
      readChars: 10,
      writeChars: null,
      readSyscalls: null,
      writeSyscalls: null,
      readBytes: null,
      writeBytes: null,
    });
  });
});

describe('system and memory files', () => {
  it('reads Pss from smaps_rollup', () => {
    expect(parseProportionalSetSize(fixture('node-sleeper/smaps_rollup'))).toBe(
      Number(/\nPss:\s+(\d+)/.exec(fixture('node-sleeper/smaps_rollup'))![1]) * 1024,
    );
    expect(parseProportionalSetSize('Rss: 1 kB\nPss_Anon: 5 kB\n')).toBeNull();
  });

  it('sums the first cpu line of /proc/stat and reads btime', () => {
    const text = fixture('system/stat');
    const columns = text.split('\n')[0]!.split(/\s+/).slice(1, 9).map(Number);
    const idle = columns[3]! + columns[4]!;
    const total = columns.reduce((sum, value) => sum + value, 0);
    expect(parseCpuTimes(text)).toEqual({ busyTicks: total - idle, totalTicks: total });
    expect(parseBootTime(text)).toBeGreaterThan(1_600_000_000);
    expect(parseCpuTimes('cpu  1 2 3')).toBeNull();
    expect(parseCpuTimes('')).toBeNull();
  });

  it('reads MemTotal and MemAvailable', () => {
    expect(parseMemoryInfo(fixture('system/meminfo'))).toEqual({
      totalBytes: 24684100 * 1024,
      availableBytes: expect.any(Number),
    });
    expect(parseMemoryInfo('MemTotal: 100 kB\n')).toEqual({ totalBytes: 102400, availableBytes: null });
  });

  it('reads the 1-minute load average', () => {
    expect(parseLoadAverage1m(fixture('system/loadavg'))).toBe(Number(fixture('system/loadavg').split(' ')[0]));
    expect(parseLoadAverage1m('0.66 0.33 0.13 2/112 5334\n')).toBe(0.66);
    expect(parseLoadAverage1m('')).toBeNull();
    expect(parseLoadAverage1m('garbage')).toBeNull();
  });
});

describe('parseCommandLine', () => {
  it('splits on NUL', () => {
    expect(parseCommandLine(fixture('node-sleeper/cmdline'))).toEqual(['node', '../targets/sleeper.js', '5']);
  });

  it('is empty for a kernel thread', () => {
    expect(parseCommandLine(fixture('kernel-thread/cmdline'))).toEqual([]);
  });

  it('keeps empty arguments in the middle and drops NUL padding of a rewritten title', () => {
    expect(parseCommandLine('prog\0\0x\0')).toEqual(['prog', '', 'x']);
    expect(parseCommandLine('nginx: worker process\0\0\0\0')).toEqual(['nginx: worker process']);
  });
});
