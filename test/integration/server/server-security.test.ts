// The browser-mode server's gatekeeping and wire protocol, against a real listening server. The
// engine here is a tiny real object that echoes calls and emits events on demand: these tests are
// about the transport, and server-engine.test.ts drives the real engine end to end.

import { linkSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiEvents } from '../../../src-shared/api/contract';
import type { ApiResult } from '../../../src-shared/api/errors';
import type { Engine, EngineListener } from '../../../src-main/api/engine-types';
import { startServer, type RunningServer } from '../../../src-main/server/server';
import { get, makeRendererFolder, messageLog, openSocket } from './http-client';

/** An engine that answers every call with its own arguments and emits events when told to. */
function echoEngine(): { engine: Engine; emit: EngineListener } {
  const listeners = new Set<EngineListener>();
  const engine: Engine = {
    api: {} as Engine['api'],
    dispatch: async (method, params): Promise<ApiResult<unknown>> =>
      method === 'getAppInfo'
        ? { ok: true, value: { method, params } }
        : { ok: false, error: { code: 'invalid-argument', message: 'unknown' } },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {},
  };
  const emit: EngineListener = <E extends ApiEvent>(event: E, payload: ApiEvents[E]) => {
    for (const listener of listeners) listener(event, payload);
  };
  return { engine, emit };
}

let server: RunningServer;
let root: string;
let emit: EngineListener;
let socketUrl: string;

beforeAll(async () => {
  const renderer = makeRendererFolder();
  root = renderer.root;
  const echo = echoEngine();
  emit = echo.emit;
  server = await startServer({ engine: echo.engine, rendererFolder: renderer.folder });
  socketUrl = `ws://127.0.0.1:${server.port}/api?token=${server.token}`;
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('listening', () => {
  it('binds 127.0.0.1 only and prints a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it.runIf(process.platform === 'linux')('listens on the loopback address only, as the kernel reports it', () => {
    // /proc/net/tcp lists each listening socket's local address: 0100007F is 127.0.0.1 (little-endian).
    const port = server.port.toString(16).toUpperCase().padStart(4, '0');
    const listening = [readFileSync('/proc/net/tcp', 'utf8'), readFileSync('/proc/net/tcp6', 'utf8')]
      .join('\n')
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[1]?.endsWith(`:${port}`) && fields[3] === '0A')
      .map((fields) => fields[1]!.split(':')[0]);
    expect(listening).toEqual(['0100007F']);
  });

  it('explains how to proceed when the port is taken', async () => {
    await expect(
      startServer({ engine: echoEngine().engine, rendererFolder: `${root}/renderer`, port: server.port }),
    ).rejects.toThrow(`Port ${server.port} is in use; choose another with --port N or omit it to pick a free one.`);
  });
});

describe('HTTP access control', () => {
  it('refuses the page without a token or with a wrong one', async () => {
    const none = await get(server.port, '/');
    expect(none.status).toBe(403);
    expect(none.body).toContain('thermograph serve');
    expect((await get(server.port, '/?token=wrong')).status).toBe(403);
    expect((await get(server.port, `/?token=${server.token}x`)).status).toBe(403);
    expect((await get(server.port, '/index.html')).status).toBe(403);
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const answer = await get(server.port, `/?token=${server.token}`, { host: `evil.example:${server.port}` });
    expect(answer.status).toBe(403);
    expect((await get(server.port, `/?token=${server.token}`, { host: `127.0.0.1:${server.port + 1}` })).status).toBe(
      403,
    );
  });

  it('serves the page with the token and a strict policy, and never sets a cookie', async () => {
    const page = await get(server.port, `/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Thermograph test page');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    // Cookies are not isolated by port (RFC 6265 §8.5): a token in one could reach another local server.
    expect(page.headers['set-cookie']).toBeUndefined();
    expect((await get(server.port, `/?token=${server.token}`, { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('serves the public bundle assets without the token, behind the Host check', async () => {
    const script = await get(server.port, '/assets/index.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('document.title = "ready";');
    const style = await get(server.port, '/assets/index.css');
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(style.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get(server.port, '/assets/index.js', { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get(server.port, '/assets/missing.js')).status).toBe(404);
    // The browser's own favicon request gets "no icon" rather than an error in the console.
    expect((await get(server.port, '/favicon.ico')).status).toBe(204);
  });

  it('never serves files outside the renderer folder', async () => {
    const token = `token=${server.token}`;
    for (const path of [
      `/assets/../../outside.txt?${token}`,
      `/assets/../../package.json?${token}`,
      `/..%2foutside.txt?${token}`,
      `/%2e%2e/outside.txt?${token}`,
      `/assets/%2e%2e%2f%2e%2e%2foutside.txt?${token}`,
      `/assets/..%5c..%5coutside.txt?${token}`,
      `/%00?${token}`,
    ]) {
      const answer = await get(server.port, path);
      expect([403, 404], path).toContain(answer.status);
      expect(answer.body).not.toContain('must never be served');
    }
  });

  it('requires the token for the page however its path is spelled', async () => {
    // The same file under other names: a link to it and a second hard link.
    symlinkSync(join(root, 'renderer', 'index.html'), join(root, 'renderer', 'assets', 'page.html'));
    linkSync(join(root, 'renderer', 'index.html'), join(root, 'renderer', 'assets', 'copy.html'));
    const spellings = [
      '/%69ndex.html',
      '/%69%6e%64%65%78%2e%68%74%6d%6c',
      '/index%2ehtml',
      '/%2569ndex.html',
      '/%252e%252e/renderer/index.html',
      '//index.html',
      '///index.html',
      '/./index.html',
      '/%2e/index.html',
      '/assets/../index.html',
      '/assets/%2e%2e/index.html',
      '/assets/%2E%2E%2Findex.html',
      '/assets/.%2e/index.html',
      '/%2findex.html',
      '/index.html/',
      '/index.html%00',
      '/index.html%00.js',
      '/\\index.html',
      '/assets\\..\\index.html',
      '/assets%5c..%5cindex.html',
      '/INDEX.HTML',
      '/index.html#',
      '/assets/page.html',
      '/assets/copy.html',
      `http://127.0.0.1:${server.port}/index.html`,
      `http://127.0.0.1:${server.port}/`,
    ];
    for (const path of spellings) {
      const answer = await get(server.port, path);
      expect(answer.status, path).not.toBe(200);
      expect(answer.body, path).not.toContain('Thermograph test page');
    }
    // With the token, an encoded spelling of the page is the page.
    const encoded = await get(server.port, `/%69ndex.html?token=${server.token}`);
    expect(encoded.status).toBe(200);
    expect(encoded.body).toContain('Thermograph test page');
  });

  it('answers only GET and HEAD', async () => {
    expect((await get(server.port, `/?token=${server.token}`, {}, 'POST')).status).toBe(405);
    const head = await get(server.port, `/?token=${server.token}`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('WebSocket access control', () => {
  it('refuses a missing or wrong token, a foreign Origin, a foreign Host and other paths', async () => {
    const port = server.port;
    await expect(openSocket(`ws://127.0.0.1:${port}/api`)).rejects.toThrow('403');
    await expect(openSocket(`ws://127.0.0.1:${port}/api?token=nope`)).rejects.toThrow('403');
    await expect(openSocket(socketUrl, { origin: 'http://evil.example' })).rejects.toThrow('403');
    await expect(openSocket(socketUrl, { origin: `http://127.0.0.1:${port + 1}` })).rejects.toThrow('403');
    await expect(openSocket(socketUrl, { headers: { host: `evil.example:${port}` } })).rejects.toThrow('403');
    await expect(openSocket(`ws://127.0.0.1:${port}/other?token=${server.token}`)).rejects.toThrow('403');
  });

  it('accepts our own page as Origin with the token, and refuses a socket without it', async () => {
    const byQuery = await openSocket(socketUrl, { origin: `http://127.0.0.1:${server.port}` });
    byQuery.close();
    const fromLocalhost = await openSocket(socketUrl, { origin: `http://localhost:${server.port}` });
    fromLocalhost.close();
    await expect(
      openSocket(`ws://127.0.0.1:${server.port}/api`, { origin: `http://127.0.0.1:${server.port}` }),
    ).rejects.toThrow('403');
  });
});

describe('WebSocket protocol', () => {
  it('round-trips a call and answers malformed messages with invalid-argument, without dropping the socket', async () => {
    const socket = await openSocket(socketUrl);
    const log = messageLog(socket);
    socket.send(JSON.stringify({ id: 7, method: 'getAppInfo', params: {} }));
    expect(await log.next((message) => (message as { id?: number }).id === 7)).toEqual({
      id: 7,
      result: { ok: true, value: { method: 'getAppInfo', params: {} } },
    });

    socket.send('{not json');
    socket.send(JSON.stringify([1, 2]));
    socket.send(JSON.stringify({ method: 'getAppInfo' }));
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    socket.send(JSON.stringify({ id: 8, method: 'getAppInfo', params: {} }));
    await log.next((message) => (message as { id?: number }).id === 8);
    const errors = log.messages.filter((message) => (message as { id?: number }).id === -1);
    expect(errors).toHaveLength(4);
    for (const error of errors) {
      expect(error).toMatchObject({ id: -1, result: { ok: false, error: { code: 'invalid-argument' } } });
    }
    socket.close();
  });

  it('closes a socket that sends more than 1 MiB at once', async () => {
    const socket = await openSocket(socketUrl);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ id: 1, method: 'getAppInfo', params: { padding: 'x'.repeat(1_100_000) } }));
    expect(await closed).toBe(1009);
  });

  it('broadcasts engine events to every socket', async () => {
    const first = await openSocket(socketUrl);
    const second = await openSocket(socketUrl);
    const logs = [messageLog(first), messageLog(second)];
    emit('sessionDidDelete', { sessionId: 42 });
    for (const log of logs) {
      expect(await log.next((message) => (message as { event?: string }).event === 'sessionDidDelete')).toEqual({
        event: 'sessionDidDelete',
        payload: { sessionId: 42 },
      });
    }
    first.close();
    second.close();
  });

  it('drops samplesAvailable for a client that falls behind, but never other events', async () => {
    const socket = await openSocket(socketUrl);
    const log = messageLog(socket);
    // Emitted in one synchronous burst, so the client (in this same process) cannot read in between
    // and the server's send buffer grows far past the drop threshold.
    const burst = 200;
    const samples = Array.from({ length: 2_000 }, (_, index) => ({
      t: index,
      padding: 'sample-padding-sample-padding',
    }));
    for (let index = 0; index < burst; index += 1) {
      emit('samplesAvailable', { sessionId: 1, samples } as unknown as ApiEvents['samplesAvailable']);
    }
    emit('sessionDidDelete', { sessionId: 99 });
    await log.next((message) => (message as { event?: string }).event === 'sessionDidDelete');
    const received = log.messages.filter(
      (message) => (message as { event?: string }).event === 'samplesAvailable',
    ).length;
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(burst);
    socket.close();
  });
});
