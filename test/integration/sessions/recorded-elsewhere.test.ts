// A session recorded by another Thermograph process on the same database (the built CLI recording in
// a terminal while browser mode shows it): the engine marks it, refuses to "stop" what it does not
// record with `busy` and the recorder's PID, and the recording goes on to its own end.

import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src-main/api/engine';
import type { Engine } from '../../../src-main/api/engine-types';
import { cli, eventually, startRecorder } from '../cli/cli-harness';
import { sleep, startEngine, temporaryFolder, waitForEnd } from '../../helpers/engine';
import { targetPath } from '../../fixtures/targets/start-target';

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('out/main/cli.js is missing: run `npm run build` first.');
});

describe('a session another Thermograph process records', () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let database: string;
  let engine: Engine;
  let recorder: ChildProcess | undefined;

  beforeEach(() => {
    folder = temporaryFolder();
    database = join(folder.path, 'shared.db');
  });

  afterEach(async () => {
    if (recorder && recorder.exitCode === null && recorder.signalCode === null) {
      recorder.kill('SIGINT');
      await once(recorder, 'exit');
    }
    recorder = undefined;
    await engine?.close();
    folder.remove();
  });

  it('is marked with its recorder, refuses Stop with busy, and ends by itself', async () => {
    recorder = await startRecorder(database, [
      '--name',
      'elsewhere',
      '--profile',
      'none',
      '--interval',
      '200',
      '--duration',
      '4',
      '--',
      process.execPath,
      targetPath('cpu-busy.js'),
      '30',
    ]);
    const exited = once(recorder, 'exit');
    engine = createEngine({ databasePath: database, mode: 'browser' });
    const [listed] = await engine.api.listSessions({});
    expect(listed).toMatchObject({ name: 'elsewhere', status: 'recording', recordedElsewhere: { pid: recorder.pid } });
    expect(await engine.api.getSession({ sessionId: listed!.id })).toMatchObject({
      recordedElsewhere: { pid: recorder.pid },
    });

    const stopped = await engine.dispatch('stopRecording', { sessionId: listed!.id });
    expect(stopped).toMatchObject({ ok: false, error: { code: 'busy' } });
    const message = !stopped.ok ? stopped.error.message : '';
    expect(message).toContain(`another Thermograph process (PID ${recorder.pid})`);
    expect(message).toContain('Ctrl-C');

    // The recording goes on: its samples keep arriving in the database and it ends by its duration.
    const before = (await engine.api.getSession({ sessionId: listed!.id })).sampleCount;
    expect(await eventually(() => recorder!.exitCode !== null, 15_000)).toBe(true);
    await exited;
    const ended = await engine.api.getSession({ sessionId: listed!.id });
    expect(ended).toMatchObject({ status: 'ended', endReason: 'duration-elapsed' });
    expect(ended.sampleCount).toBeGreaterThan(before);
    expect(ended.recordedElsewhere).toBeUndefined();
    // Once ended, stopping is the no-op it always was.
    expect((await engine.api.stopRecording({ sessionId: listed!.id })).endReason).toBe('duration-elapsed');
  });

  it('is no longer marked once its recorder was killed, and Stop here closes it', async () => {
    recorder = await startRecorder(database, [
      '--profile',
      'none',
      '--',
      process.execPath,
      targetPath('sleeper.js'),
      '30',
    ]);
    engine = createEngine({ databasePath: database, mode: 'browser' });
    const [listed] = await engine.api.listSessions({});
    expect(listed!.recordedElsewhere).toEqual({ pid: recorder.pid });
    recorder.kill('SIGKILL');
    await once(recorder, 'exit');
    const orphan = await engine.api.getSession({ sessionId: listed!.id });
    expect(orphan).toMatchObject({ status: 'recording' });
    expect(orphan.recordedElsewhere).toBeUndefined();
    expect(await engine.api.stopRecording({ sessionId: listed!.id })).toMatchObject({
      status: 'ended',
      endReason: 'recovered-after-crash',
    });
  });

  it('is refused the same way between two engines in one process, and the owner goes on', async () => {
    const owner = startEngine();
    try {
      const session = await owner.engine.api.startRecording({
        profiler: 'none',
        target: { kind: 'command', argv: [process.execPath, targetPath('sleeper.js'), '30'] },
        intervalMs: 100,
        includeChildren: false,
        durationSeconds: null,
      });
      engine = createEngine({ databasePath: owner.databasePath, mode: 'browser' });
      expect((await engine.api.getSession({ sessionId: session.id })).recordedElsewhere).toEqual({ pid: process.pid });
      expect((await owner.engine.api.getSession({ sessionId: session.id })).recordedElsewhere).toBeUndefined();
      const stopped = await engine.dispatch('stopRecording', { sessionId: session.id });
      expect(stopped).toMatchObject({ ok: false, error: { code: 'busy' } });
      await sleep(300);
      expect((await owner.engine.api.getSession({ sessionId: session.id })).status).toBe('recording');
      await owner.engine.api.stopRecording({ sessionId: session.id });
      expect((await waitForEnd(owner.engine, session.id)).endReason).toBe('user-stopped');
    } finally {
      await engine.close();
      await owner.dispose();
    }
  });
});
