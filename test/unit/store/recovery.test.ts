// Crash recovery against real processes: live, paused, exited, zombie and pid-reusing recorders,
// told apart through the real /proc.

import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from 'better-sqlite3';
import { parseProcessStat } from '../../../src-main/collectors/proc/parse-process-stat';
import { openDatabase } from '../../../src-main/store/database';
import { recoveredMessage, reopenedMessage, SessionStore } from '../../../src-main/store/session-store';
import type { SessionSummary } from '../../../src-shared/model/session';
import { newSession, samples, temporaryFolder } from './store-fixtures';

// Years ago: every session below has been silent for a long time.
const start = 1_700_000_000_000;
let folder: string;
let remove: () => void;
let path: string;
let database: Database;
let store: SessionStore;
let children: ChildProcessWithoutNullStreams[];

beforeEach(() => {
  ({ folder, remove } = temporaryFolder());
  path = join(folder, 'thermograph.db');
  database = openDatabase(path);
  store = new SessionStore(database);
  children = [];
});
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  store.close();
  remove();
});

function statOf(pid: number) {
  const stat = parseProcessStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  if (stat === null) throw new Error(`/proc/${pid}/stat did not parse`);
  return stat;
}

/** A child process the test kills at the end. */
function started(command: string, argv: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(command, argv);
  children.push(child);
  return child;
}

/** The lines a child prints, one per `next()`. */
function linesOf(stream: Readable): AsyncIterator<string> {
  return createInterface({ input: stream })[Symbol.asyncIterator]();
}

/** A pid that belonged to a process which has exited and been reaped. */
function exitedPid(): number {
  return spawnSync('true').pid!;
}

/** Says which process records the session, as createSession would have stored it. */
function setRecorder(id: number, pid: number, startTicks: number | null): void {
  database
    .prepare('UPDATE sessions SET recorder_pid = ?, recorder_started_at = ? WHERE id = ?')
    .run(pid, startTicks, id);
}

/** Closes a session the way Thermograph before schema 3 did when it took a silent recorder for dead. */
function recoverAsOlderThermograph(id: number): number {
  const endedAt = store.sampleRange(id)?.to ?? start;
  database
    .prepare(
      "UPDATE sessions SET status = 'ended', ended_at = ?, end_reason = 'recovered-after-crash', end_message = ? WHERE id = ?",
    )
    .run(endedAt, recoveredMessage, id);
  database
    .prepare("INSERT INTO session_markers (session_id, time, kind, message) VALUES (?, ?, 'error', ?)")
    .run(id, endedAt, recoveredMessage);
  return endedAt;
}

const byNumber = (first: number, second: number) => first - second;
const recoveredIds = () =>
  store
    .recoverInterruptedSessions()
    .map((session) => session.id)
    .sort(byNumber);

describe('recovering sessions a crash left recording', () => {
  it('ends them at their last sample, with the reason and an explanation', () => {
    const withSamples = store.createSession(newSession('crashed', start)).id;
    for (let index = 0; index < 100; index += 10)
      store.appendSamples(withSamples, samples(10, start + index * 100, 100, index));
    const empty = store.createSession(newSession('crashed before any sample', start + 50)).id;
    const finished = store.createSession(newSession('finished', start)).id;
    store.endSession(finished, {
      endedAt: start + 10,
      endReason: 'user-stopped',
      endMessage: null,
      exitCode: null,
      exitSignal: null,
    });
    for (const id of [withSamples, empty, finished]) setRecorder(id, exitedPid(), 12_345);

    expect(recoveredIds()).toEqual([withSamples, empty].sort(byNumber));
    expect(store.getSession(withSamples)).toMatchObject({
      status: 'ended',
      endReason: 'recovered-after-crash',
      endedAt: start + 9_900,
      endMessage: recoveredMessage,
      sampleCount: 100,
    });
    expect(store.getSession(empty)).toMatchObject({
      status: 'ended',
      endReason: 'recovered-after-crash',
      endedAt: start + 50,
    });
    expect(store.getSession(finished)!.endReason).toBe('user-stopped');
    // The ten 10-sample chunks were merged into one.
    expect(database.prepare('SELECT COUNT(*) FROM sample_chunks WHERE session_id = ?').pluck().get(withSamples)).toBe(
      1,
    );
    expect(store.listMarkers(withSamples)).toEqual([{ time: start + 9_900, kind: 'error', message: recoveredMessage }]);
    expect(store.recoverInterruptedSessions()).toEqual([]);
  });

  it('stores the recorder as this process: its pid and its start time in clock ticks', () => {
    const id = store.createSession(newSession()).id;
    expect(database.prepare('SELECT recorder_pid, recorder_started_at FROM sessions WHERE id = ?').get(id)).toEqual({
      recorder_pid: process.pid,
      recorder_started_at: statOf(process.pid).startTicks,
    });
  });

  it('leaves alone a session whose recorder still runs, however long it has been silent', () => {
    const sleeper = started('sleep', ['30']);
    const id = store.createSession(newSession('recorded by the CLI', start)).id;
    store.appendSamples(id, samples(10, start));
    setRecorder(id, sleeper.pid!, statOf(sleeper.pid!).startTicks);
    const ours = store.createSession(newSession('recorded by another engine in this process', start)).id;

    expect(store.recoverInterruptedSessions()).toEqual([]);
    expect(store.getSession(id)).toMatchObject({ status: 'recording', endedAt: null, sampleCount: 10 });
    expect(store.getSession(ours)!.status).toBe('recording');
  });

  it('recovers a session whose recorder pid now belongs to a process that started at another time', () => {
    const sleeper = started('sleep', ['30']);
    const reused = store.createSession(newSession('pid reused')).id;
    setRecorder(reused, sleeper.pid!, statOf(sleeper.pid!).startTicks - 1);
    // This very pid, but an earlier process: nothing in this process records before recovery runs.
    const earlierHolder = store.createSession(newSession('an earlier process with our pid')).id;
    setRecorder(earlierHolder, process.pid, statOf(process.pid).startTicks - 1);

    expect(recoveredIds()).toEqual([reused, earlierHolder].sort(byNumber));
  });

  it('recovers a session whose recorder has exited, even when it is a zombie not yet reaped', async () => {
    const exited = store.createSession(newSession('recorder exited')).id;
    setRecorder(exited, exitedPid(), 12_345);
    // sh starts `sleep 0`, then becomes `sleep 30`, which never reaps it: `sleep 0` stays a zombie.
    const parent = started('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30']);
    const zombiePid = Number((await linesOf(parent.stdout).next()).value);
    await vi.waitFor(() => expect(statOf(zombiePid).state).toBe('Z'), { timeout: 10_000 });
    const zombie = store.createSession(newSession('recorder is a zombie')).id;
    setRecorder(zombie, zombiePid, statOf(zombiePid).startTicks);

    expect(recoveredIds()).toEqual([exited, zombie].sort(byNumber));
  });

  it('checks only whether the pid is alive for sessions stored without a start time (schema 1 and 2)', () => {
    const sleeper = started('sleep', ['30']);
    const alive = store.createSession(newSession('old row, recorder alive')).id;
    setRecorder(alive, sleeper.pid!, null);
    const dead = store.createSession(newSession('old row, recorder gone')).id;
    setRecorder(dead, exitedPid(), null);
    const withoutPid = store.createSession(newSession('old row without a pid')).id;
    database.prepare('UPDATE sessions SET recorder_pid = NULL WHERE id = ?').run(withoutPid);
    const ourPid = store.createSession(newSession('old row with our pid')).id;
    setRecorder(ourPid, process.pid, null);

    expect(recoveredIds()).toEqual([dead, withoutPid, ourPid].sort(byNumber));
    expect(store.getSession(alive)!.status).toBe('recording');
  });

  it('leaves alone a paused recorder (SIGSTOP, as Ctrl-Z does), which then stores its real end', async () => {
    const recorder = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'recorder-child.ts'), path],
      {
        // tsx keeps a cache under the temp folder.
        env: { ...process.env, TMPDIR: folder },
      },
    );
    children.push(recorder);
    let errors = '';
    recorder.stderr.on('data', (data) => (errors += data));
    const lines = linesOf(recorder.stdout);
    const id = Number((await lines.next()).value);

    recorder.kill('SIGSTOP');
    await vi.waitFor(() => expect(statOf(recorder.pid!).state).toBe('T'), { timeout: 10_000 });
    expect(store.recoverInterruptedSessions()).toEqual([]);
    expect(store.getSession(id)).toMatchObject({ status: 'recording', sampleCount: 10 });

    recorder.kill('SIGCONT');
    recorder.stdin.write('end\n');
    const summary = JSON.parse((await lines.next()).value as string) as SessionSummary;
    expect(errors).toBe('');
    const expected = { status: 'ended', endReason: 'user-stopped', endedAt: start + 2_000, sampleCount: 20 };
    expect(summary).toMatchObject(expected);
    expect(store.getSession(id)).toMatchObject(expected);
    expect(store.listMarkers(id)).toEqual([]);
  }, 60_000);
});

describe('a session recovered while its recorder still ran (by an older Thermograph)', () => {
  it("is reopened by its recorder's next write, with a note where it was closed, and ends for real", () => {
    const id = store.createSession(newSession('paused for a while', start)).id;
    store.appendSamples(id, samples(10, start));
    const recoveredAt = recoverAsOlderThermograph(id);

    store.appendSamples(id, samples(10, start + 1_000, 100, 10));
    expect(store.getSession(id)).toMatchObject({
      status: 'recording',
      endedAt: null,
      endReason: null,
      endMessage: null,
      sampleCount: 20,
    });
    expect(store.listMarkers(id)).toEqual([{ time: recoveredAt, kind: 'note', message: reopenedMessage }]);
    // Still this process's live recording: a start-up recovery in this process leaves it alone.
    expect(store.recoverInterruptedSessions()).toEqual([]);

    const ended = store.endSession(id, {
      endedAt: start + 2_500,
      endReason: 'user-stopped',
      endMessage: null,
      exitCode: null,
      exitSignal: null,
    });
    expect(ended).toMatchObject({
      status: 'ended',
      endReason: 'user-stopped',
      endedAt: start + 2_500,
      sampleCount: 20,
    });
  });

  it('gets its real end when the recorder ends it without writing anything else', () => {
    const id = store.createSession(newSession('paused, then the target exited', start)).id;
    store.appendSamples(id, samples(10, start));
    const recoveredAt = recoverAsOlderThermograph(id);

    const real = {
      endedAt: start + 5_000,
      endReason: 'target-exited',
      endMessage: 'exited with code 0',
      exitCode: 0,
      exitSignal: null,
    } as const;
    expect(store.endSession(id, real)).toMatchObject({ status: 'ended', ...real, sampleCount: 10 });
    expect(store.listMarkers(id)).toEqual([{ time: recoveredAt, kind: 'note', message: reopenedMessage }]);
  });

  it('keeps its recovered end when a process other than its recorder ends it', () => {
    const sleeper = started('sleep', ['30']);
    const id = store.createSession(newSession('recorded elsewhere', start)).id;
    store.appendSamples(id, samples(10, start));
    setRecorder(id, sleeper.pid!, statOf(sleeper.pid!).startTicks);
    const recoveredAt = recoverAsOlderThermograph(id);

    const ended = store.endSession(id, {
      endedAt: start + 5_000,
      endReason: 'user-stopped',
      endMessage: null,
      exitCode: null,
      exitSignal: null,
    });
    expect(ended).toMatchObject({ status: 'ended', endReason: 'recovered-after-crash', endedAt: recoveredAt });
    expect(store.listMarkers(id)).toEqual([{ time: recoveredAt, kind: 'error', message: recoveredMessage }]);
  });
});
