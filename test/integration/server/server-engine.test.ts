// Browser mode end to end with the real engine and a real SQLite file: calls over the WebSocket reach
// the engine, and a signal shuts the whole thing down cleanly.

import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src-main/api/engine';
import type { Engine } from '../../../src-main/api/engine-types';
import { startServer, type RunningServer } from '../../../src-main/server/server';
import { get, makeRendererFolder, messageLog, openSocket } from './http-client';

let root: string;
let rendererFolder: string;

beforeAll(() => {
  const renderer = makeRendererFolder();
  root = renderer.root;
  rendererFolder = renderer.folder;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the server over the real engine', () => {
  let engine: Engine;
  let server: RunningServer;

  beforeAll(async () => {
    engine = createEngine({ databasePath: join(root, 'server.db'), mode: 'browser' });
    server = await startServer({ engine, rendererFolder });
  });

  afterAll(async () => {
    await server.close();
    await engine.close();
  });

  it('answers getAppInfo, listSessions and a validation error over the WebSocket', async () => {
    const socket = await openSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, {
      origin: `http://127.0.0.1:${server.port}`,
    });
    const log = messageLog(socket);
    const call = async (id: number, method: string, params: unknown): Promise<unknown> => {
      socket.send(JSON.stringify({ id, method, params }));
      return log.next((message) => (message as { id?: number }).id === id);
    };

    expect(await call(1, 'getAppInfo', {})).toMatchObject({
      id: 1,
      result: { ok: true, value: { mode: 'browser', databasePath: join(root, 'server.db'), pid: process.pid } },
    });
    expect(await call(2, 'listSessions', {})).toEqual({ id: 2, result: { ok: true, value: [] } });
    expect(await call(3, 'getSession', { sessionId: 'one' })).toMatchObject({
      id: 3,
      result: { ok: false, error: { code: 'invalid-argument' } },
    });
    expect(await call(4, 'getSession', { sessionId: 123 })).toMatchObject({
      id: 4,
      result: { ok: false, error: { code: 'not-found' } },
    });
    expect(await call(5, 'dropDatabase', {})).toMatchObject({
      id: 5,
      result: { ok: false, error: { code: 'invalid-argument' } },
    });
    socket.close();
  });
});

describe('runBrowserMode', () => {
  it('prints the URL, serves the page and the API, and stops cleanly on SIGTERM', async () => {
    const databasePath = join(root, 'serve.db');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'run-browser-mode.ts'), databasePath, rendererFolder],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const url = await new Promise<URL>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
        if (match) resolve(new URL(match[1]!));
      });
      void exited.then(() => reject(new Error(`browser mode exited early:\n${output}`)));
    });
    const port = Number(url.port);
    const token = url.searchParams.get('token')!;
    expect((await get(port, `/?token=${token}`)).status).toBe(200);
    expect((await get(port, '/')).status).toBe(403);

    const socket = await openSocket(`ws://127.0.0.1:${port}/api?token=${token}`);
    const log = messageLog(socket);
    socket.send(JSON.stringify({ id: 1, method: 'getAppInfo', params: {} }));
    expect(await log.next(() => true)).toMatchObject({
      id: 1,
      result: { ok: true, value: { mode: 'browser', databasePath } },
    });
    const socketClosed = new Promise((resolve) => socket.once('close', resolve));

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await socketClosed;
    expect(output).toContain('browser mode stopped');
  });
});
