// Per-thread readings through the real `thermograph record` bin: a Python program with named threads
// in known states (python-thread-mix.py) and a Node.js program whose worker thread ends halfway
// (node-workers.js). The readings are read back from the database the CLI wrote.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ThreadReading, ThreadTimeline } from '../../../src-shared/diagnosis/threads';
import { SessionStore } from '../../../src-main/store/session-store';
import { targetPath } from '../../fixtures/targets/start-target';
import { useCliDatabase } from './cli-harness';

// The thread-mix fixture names its threads through prctl; this is the pyenv build it was checked on, and
// the test skips where it is missing.
const python = join(homedir(), '.pyenv/versions/3.11.7/bin/python3');
const harness = useCliDatabase(60_000);

/** Records `command` for `seconds` through the bin and returns the session's thread timeline. */
function recordThreads(seconds: number, command: string[], environment: NodeJS.ProcessEnv = {}): ThreadTimeline {
  const result = harness.run(
    'record',
    ['--json', '--duration', String(seconds), '--profile', 'none', '--', ...command],
    environment,
  );
  expect(result.code, result.stderr).toBe(0);
  const { session } = JSON.parse(result.stdout) as { session: { id: number } };
  const store = SessionStore.open(harness.database, { readonly: true });
  try {
    return store.readThreads(session.id);
  } finally {
    store.close();
  }
}

/** Every reading of the thread named `name`. */
function readingsOf(timeline: ThreadTimeline, name: string): ThreadReading[] {
  const tids = new Set(
    timeline.identities.filter((identity) => identity.name === name).map((identity) => identity.tid),
  );
  return timeline.samples.flatMap((sample) => sample.threads.filter((thread) => tids.has(thread.tid)));
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const cpuOf = (readings: ThreadReading[]): number =>
  median(readings.flatMap((reading) => (reading.cpu === null ? [] : [reading.cpu])));

describe('record: per-thread readings', () => {
  it.skipIf(!existsSync(python))(
    'names every thread, and tells the spinning one from the sleeping and the waiting ones',
    () => {
      const timeline = recordThreads(4, [python, targetPath('python-thread-mix.py'), '30', '3']);
      const names = timeline.identities.map((identity) => identity.name);
      expect(names).toEqual(expect.arrayContaining(['spinner', 'napper', 'idle-0', 'idle-1', 'idle-2']));
      // Once a second, however the recording samples (the default is 100 ms here): 4 s make 4 or 5.
      expect(timeline.samples.length).toBeGreaterThanOrEqual(3);
      expect(timeline.samples.length).toBeLessThanOrEqual(6);
      const spinner = readingsOf(timeline, 'spinner');
      const idle = readingsOf(timeline, 'idle-0');
      expect(cpuOf(spinner)).toBeGreaterThan(40);
      expect(cpuOf(idle)).toBeLessThan(5);
      expect(cpuOf(spinner)).toBeGreaterThan(cpuOf(idle) + 30);
      expect(spinner.filter((reading) => reading.state === 'running').length).toBeGreaterThan(0);
      // An idle thread waits on a futex (an Event), and says so; a running thread has no wait channel.
      expect(idle.every((reading) => reading.state === 'sleeping')).toBe(true);
      expect(idle.some((reading) => reading.waitChannel?.startsWith('futex') === true)).toBe(true);
      expect(
        spinner.filter((reading) => reading.state === 'running').every((reading) => reading.waitChannel === null),
      ).toBe(true);
      // The napper sleeps 50 ms at a time: about 20 voluntary switches a second, at almost no CPU.
      const napperSwitches = median(
        readingsOf(timeline, 'napper').flatMap((reading) => reading.voluntarySwitchRate ?? []),
      );
      expect(napperSwitches).toBeGreaterThan(10);
    },
    60_000,
  );

  it('drops a thread that ended without a word, and names Node.js threads as Node.js does', () => {
    // node-workers.js starts its worker "hasher" 0.5 s in and ends it 1.5 s later.
    const timeline = recordThreads(4, [process.execPath, targetPath('node-workers.js'), '30']);
    const names = timeline.identities.map((identity) => identity.name);
    expect(names).toEqual(expect.arrayContaining(['MainThread', 'hasher']));
    const hasher = new Set(
      timeline.identities.filter((identity) => identity.name === 'hasher').map((identity) => identity.tid),
    );
    const withHasher = timeline.samples.map((sample) => sample.threads.some((thread) => hasher.has(thread.tid)));
    expect(withHasher).toContain(true);
    expect(withHasher.at(-1)).toBe(false);
    expect(cpuOf(readingsOf(timeline, 'MainThread'))).toBeGreaterThan(40);
  }, 60_000);

  it('records none when per-thread sampling is switched off', () => {
    const timeline = recordThreads(2, [process.execPath, targetPath('sleeper.js'), '30'], {
      THERMOGRAPH_THREAD_SAMPLING: 'off',
    });
    expect(timeline.samples).toEqual([]);
  }, 60_000);
});
