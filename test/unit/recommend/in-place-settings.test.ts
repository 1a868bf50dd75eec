// The pure parts of the I/O priority and CPU affinity experiments on a running process: ionice's
// output and the journal's text, CPU lists (as /proc and taskset write them), a disk scheduler's
// active entry, a window's milliseconds per MiB of disk I/O, and how each action is named.

import { describe, expect, it } from 'vitest';
import { millisecondsPerMebibyte, diskMeasure } from '../../../src-main/recommend/actions/process-disk-io';
import { parseActiveScheduler } from '../../../src-main/recommend/actions/live-process-facts';
import { parseAllowedCpus } from '../../../src-main/recommend/actions/thread-affinity';
import {
  ioniceArguments,
  ioPriorityText,
  parseIoniceOutput,
  parseIoPriorityText,
} from '../../../src-main/recommend/actions/thread-io-priority';
import { cpuListText, parseCpuList } from '../../../src-shared/format/cpu-list';
import { describeAction } from '../../../src-shared/format/experiment';

describe('parseIoniceOutput', () => {
  it('reads each class ionice prints, with its level', () => {
    expect(parseIoniceOutput('best-effort: prio 4\n')).toEqual({ ioClass: 'best-effort', level: 4 });
    expect(parseIoniceOutput('none: prio 4')).toEqual({ ioClass: 'none', level: 4 });
    expect(parseIoniceOutput('none: prio 0\n')).toEqual({ ioClass: 'none', level: 0 });
    expect(parseIoniceOutput('realtime: prio 0')).toEqual({ ioClass: 'realtime', level: 0 });
    expect(parseIoniceOutput('idle\n')).toEqual({ ioClass: 'idle', level: null });
  });

  it('refuses anything else (an error, several lines, a level out of range)', () => {
    expect(parseIoniceOutput('')).toBeNull();
    expect(parseIoniceOutput('ionice: ioprio_get failed: No such process')).toBeNull();
    expect(parseIoniceOutput('none: prio 0\nnone: prio 0')).toBeNull();
    expect(parseIoniceOutput('best-effort: prio 8')).toBeNull();
    expect(parseIoniceOutput('unknown: prio 4')).toBeNull();
  });
});

describe('an I/O priority as journal text and as ionice options', () => {
  it('round-trips through the journal text', () => {
    for (const priority of [
      { ioClass: 'best-effort', level: 4 },
      { ioClass: 'none', level: 0 },
      { ioClass: 'realtime', level: 7 },
      { ioClass: 'idle', level: null },
    ] as const)
      expect(parseIoPriorityText(ioPriorityText(priority))).toEqual(priority);
    expect(parseIoPriorityText('best-effort')).toBeNull();
    expect(parseIoPriorityText('idle 3')).toBeNull();
  });

  it('gives a level only to the classes that have levels', () => {
    expect(ioniceArguments({ ioClass: 'realtime', level: 4 })).toEqual(['-c', '1', '-n', '4']);
    expect(ioniceArguments({ ioClass: 'best-effort', level: 0 })).toEqual(['-c', '2', '-n', '0']);
    // Class none hands the level back to the kernel, which derives it from the nice value.
    expect(ioniceArguments({ ioClass: 'none', level: 4 })).toEqual(['-c', '0']);
    expect(ioniceArguments({ ioClass: 'idle', level: null })).toEqual(['-c', '3']);
  });
});

describe('CPU lists', () => {
  it('reads ranges and single CPUs, ascending and each once', () => {
    expect(parseCpuList('0-3,6\n')).toEqual([0, 1, 2, 3, 6]);
    expect(parseCpuList('5,1,1-2')).toEqual([1, 2, 5]);
    expect(parseCpuList('0')).toEqual([0]);
  });

  it('refuses what is not a CPU list', () => {
    expect(parseCpuList('')).toBeNull();
    expect(parseCpuList('3-1')).toBeNull();
    expect(parseCpuList('a')).toBeNull();
    expect(parseCpuList('0,,1')).toBeNull();
    expect(parseCpuList('0-99999')).toBeNull();
  });

  it('writes runs of consecutive CPUs as ranges', () => {
    expect(cpuListText([6, 0, 1, 2, 3])).toBe('0-3,6');
    expect(cpuListText([0, 2, 4])).toBe('0,2,4');
    expect(cpuListText([1, 2])).toBe('1-2');
  });

  it('finds the allowed CPUs in a /proc status file', () => {
    const status = 'Name:\tnode\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\nMems_allowed_list:\t0\n';
    expect(parseAllowedCpus(status)).toEqual([0, 1]);
    expect(parseAllowedCpus('Name:\tnode\n')).toBeNull();
  });
});

describe('parseActiveScheduler', () => {
  it('reads the bracketed scheduler of a queue', () => {
    expect(parseActiveScheduler('none [mq-deadline] kyber bfq\n')).toBe('mq-deadline');
    expect(parseActiveScheduler('[none] mq-deadline kyber bfq')).toBe('none');
    // A queue without a scheduler to choose (some NVMe and virtual devices).
    expect(parseActiveScheduler('none\n')).toBe('none');
    expect(parseActiveScheduler('')).toBeNull();
  });
});

describe('a window of disk I/O', () => {
  it('is the milliseconds of window per MiB of disk I/O', () => {
    expect(millisecondsPerMebibyte(0, 4 * 1024 * 1024, 2000)).toBe(500);
    expect(millisecondsPerMebibyte(1024, 1024 + 512 * 1024, 1000)).toBe(2000);
  });

  it('has no value without disk I/O, and says so', () => {
    expect(millisecondsPerMebibyte(4096, 4096, 2000)).toBeNull();
    expect(diskMeasure.value(4096, 4096, 2000)).toEqual({ none: expect.stringMatching(/did no disk I\/O/) });
    expect(diskMeasure.value(0, 1024 * 1024, 2000)).toEqual({ value: 2000 });
  });
});

describe('describeAction', () => {
  it('names an I/O priority and a CPU affinity as ionice and taskset would', () => {
    expect(describeAction({ kind: 'io-priority', ioClass: 'realtime', level: 4 })).toBe('ionice realtime 4');
    expect(describeAction({ kind: 'io-priority', ioClass: 'idle', level: 0 })).toBe('ionice idle');
    expect(describeAction({ kind: 'cpu-affinity', cpus: [0, 1, 2, 5] })).toBe('CPU affinity 0-2,5');
  });
});
