// Browser mode meets a bug: a rejected promise nobody awaits is reported and browser mode keeps
// serving; an uncaught exception is reported and browser mode stops as on Ctrl+C (recordings saved,
// launched commands ended) instead of dying on the spot and leaving their process groups behind.

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createEngine } from '../../../src-main/api/engine';
import { sleep, temporaryFolder } from '../../helpers/engine';
import { makeRendererFolder, messageLog, openSocket } from './http-client';
import { startServeProcess, type ServeProcess } from './serve-process';

/** True while the process exists and is not a zombie. */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (condition()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('browser mode with a bug planted', () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let renderer: ReturnType<typeof makeRendererFolder>;
  let serve: ServeProcess | null = null;
  let socket: WebSocket | null = null;
  const commandPids: number[] = [];

  beforeEach(() => {
    folder = temporaryFolder('thermograph-bug-');
    renderer = makeRendererFolder();
  });

  afterEach(() => {
    socket?.close();
    if (serve?.child.exitCode === null) serve.child.kill('SIGKILL');
    for (const pid of commandPids.splice(0)) if (isRunning(pid)) process.kill(-pid, 'SIGKILL');
    folder.remove();
    rmSync(renderer.root, { recursive: true, force: true });
  });

  async function start(
    kind: 'rejection' | 'exception',
  ): Promise<(method: string, params: unknown) => Promise<unknown>> {
    const program = join(__dirname, 'run-browser-mode-with-bug.ts');
    serve = await startServeProcess(['--import', 'tsx', program, join(folder.path, 'bug.db'), renderer.folder, kind]);
    socket = await openSocket(serve.socketUrl);
    const log = messageLog(socket);
    let nextId = 0;
    return async (method, params) => {
      const id = (nextId += 1);
      socket!.send(JSON.stringify({ id, method, params }));
      return ((await log.next((message) => (message as { id?: number }).id === id)) as { result: unknown }).result;
    };
  }

  it('reports an unhandled rejection and keeps serving', async () => {
    const call = await start('rejection');
    serve!.child.kill('SIGUSR2');
    await until(() => serve!.output().includes('planted rejection'), 'the rejection to be reported');
    expect(serve!.output()).toContain('internal error (browser mode keeps serving; this is a bug, please report it)');
    expect(await call('getAppInfo', {})).toMatchObject({ ok: true, value: { mode: 'browser' } });
    expect(serve!.child.exitCode).toBeNull();
    serve!.child.kill('SIGTERM');
    expect(await serve!.exited).toBe(0);
  });

  it('stops cleanly on an uncaught exception: the recording is saved and the command ended', async () => {
    const call = await start('exception');
    // `sleep` never touches its output pipes, so nothing but Thermograph would ever end it.
    const started = (await call('startRecording', {
      target: { kind: 'command', argv: ['sleep', '60'] },
      profiler: 'none',
    })) as { ok: boolean; value: { target: { pid: number } } };
    expect(started.ok).toBe(true);
    const commandPid = started.value.target.pid;
    commandPids.push(commandPid);
    expect(isRunning(commandPid)).toBe(true);

    serve!.child.kill('SIGUSR2');
    expect(await serve!.exited).toBe(1);
    expect(isRunning(commandPid)).toBe(false);
    expect(serve!.output()).toContain('internal error (browser mode stops; this is a bug, please report it)');
    expect(serve!.output()).toContain('planted exception');
    expect(serve!.output()).toContain(
      'Browser mode stopped after the internal error above; recordings in progress were saved.',
    );
    // Ended by the shutdown, not left "recording" for the next start to recover as a crash.
    const engine = createEngine({ databasePath: join(folder.path, 'bug.db'), mode: 'cli' });
    try {
      expect(await engine.api.listSessions({})).toMatchObject([{ status: 'ended', endReason: 'user-stopped' }]);
    } finally {
      await engine.close();
    }
  });
});
