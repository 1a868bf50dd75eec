// The per-thread parsers on real copies of /proc/PID/task/TID files (test/fixtures/proc/task-threads):
// threads of python-thread-mix.py's kind (a spinning thread named with prctl to "busy (x) y", an idle
// one waiting on a futex, the main thread sleeping) and dd (writing with O_DSYNC) caught in disk wait.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTaskSchedstat, type TaskSchedstat } from '../../../src-main/collectors/proc/parse-task-schedstat';
import {
  hasTaskName,
  parseTaskName,
  parseTaskStatus,
  type TaskStatus,
} from '../../../src-main/collectors/proc/parse-task-status';
import { parseWaitChannel } from '../../../src-main/collectors/proc/parse-task-wchan';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/proc/task-threads/${name}`, import.meta.url)), 'latin1');

const parsed = (text: string): TaskStatus | null => {
  const into: TaskStatus = { state: 'other', voluntarySwitches: null, involuntarySwitches: null };
  return parseTaskStatus(text, into) ? into : null;
};

describe('parseTaskStatus', () => {
  it('reads a running thread with its own switches', () => {
    expect(parsed(fixture('busy/status'))).toEqual({ state: 'running', voluntarySwitches: 5, involuntarySwitches: 35 });
  });

  it('reads sleeping threads', () => {
    expect(parsed(fixture('idle/status'))).toEqual({ state: 'sleeping', voluntarySwitches: 1, involuntarySwitches: 1 });
    expect(parsed(fixture('main/status'))?.state).toBe('sleeping');
  });

  it('reads the disk-wait letter', () => {
    // The status of dd was copied a moment after its stat caught it in D; its State line is rewritten from that stat.
    const status = fixture('disk-wait/status').replace(/\nState:\t.*\n/, '\nState:\tD (disk sleep)\n');
    expect(fixture('disk-wait/stat')).toContain(') D ');
    expect(parsed(status)?.state).toBe('disk-wait');
  });

  it('refuses a file without a State line, and keeps null switches when they are cut off', () => {
    const text = fixture('busy/status');
    expect(parsed(text.slice(0, 20))).toBeNull();
    expect(parsed(text.slice(0, text.indexOf('voluntary_ctxt')))).toEqual({
      state: 'running',
      voluntarySwitches: null,
      involuntarySwitches: null,
    });
  });
});

describe('thread names', () => {
  it('reads a name with spaces and parentheses', () => {
    expect(parseTaskName(fixture('busy/status'))).toBe('busy (x) y');
    expect(parseTaskName(fixture('idle/status'))).toBe('idle');
  });

  it('compares a name in place', () => {
    const text = fixture('busy/status');
    expect(hasTaskName(text, 'busy (x) y')).toBe(true);
    expect(hasTaskName(text, 'busy (x)')).toBe(false);
    expect(hasTaskName(text, 'busy (x) yz')).toBe(false);
    expect(hasTaskName('garbage', '')).toBe(false);
  });
});

describe('parseWaitChannel', () => {
  it('names the kernel function a sleeping thread waits in', () => {
    expect(parseWaitChannel(fixture('idle/wchan'))).toBe('futex_do_wait');
    expect(parseWaitChannel(fixture('main/wchan'))).toBe('hrtimer_nanosleep');
  });

  it('is null for a running thread, which reads 0', () => {
    expect(parseWaitChannel(fixture('busy/wchan'))).toBeNull();
    expect(parseWaitChannel('')).toBeNull();
  });
});

describe('parseTaskSchedstat', () => {
  const parsed = (text: string): TaskSchedstat | null => {
    const into: TaskSchedstat = { runNanoseconds: 0, timeslices: 0 };
    // Read into a larger buffer, as the sampler does: bytes past the length must not count.
    const bytes = Buffer.alloc(text.length + 8, '7');
    bytes.write(text, 'latin1');
    return parseTaskSchedstat(bytes, text.length, into) ? into : null;
  };

  it('reads the time on CPU and the timeslices', () => {
    // Copied from python-thread-mix.py's spinner after ≈ 98 s on a core, and from an idle-N thread.
    expect(parsed(fixture('busy/schedstat'))).toEqual({ runNanoseconds: 97865334701, timeslices: 7798 });
    expect(parsed(fixture('idle/schedstat'))).toEqual({ runNanoseconds: 41872, timeslices: 4 });
  });

  it('refuses a cut-off file', () => {
    expect(parsed('')).toBeNull();
    expect(parsed('97865334701 2108380455')).toBeNull();
    expect(parsed('97865334701 2108380455 ')).toBeNull();
  });
});
