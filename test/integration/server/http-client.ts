// Small helpers the server tests share: a raw HTTP request with full control of the headers (fetch
// refuses to set Host), a WebSocket that resolves once open or rejected, API calls over it, and a
// renderer folder.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, type ClientOptions } from 'ws';
import { isTaggedTypedArray } from '../../../src-shared/api/protocol';

/** One HTTP response, read whole. */
export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Sends a GET (or another method) to 127.0.0.1:port with exactly the given path and headers. */
export function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** Opens a WebSocket; resolves with it once open, rejects with the handshake's HTTP status. */
export function openSocket(url: string, options: ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(`handshake refused with HTTP ${response.statusCode}`));
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

/** Collects every JSON message a socket receives, and waits for one matching a predicate. */
export function messageLog(socket: WebSocket): {
  messages: unknown[];
  next(match: (message: unknown) => boolean): Promise<unknown>;
} {
  const messages: unknown[] = [];
  const waiters: { match: (message: unknown) => boolean; resolve: (message: unknown) => void }[] = [];
  socket.on('message', (data) => {
    const message: unknown = JSON.parse(String(data));
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.match(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  return {
    messages,
    next: (match) =>
      new Promise((resolve) => {
        const found = messages.find(match);
        if (found !== undefined) resolve(found);
        else waiters.push({ match, resolve });
      }),
  };
}

/** What an API call answers. */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** A JSON reviver restoring the typed arrays browser mode sends as tagged base64. */
export function untagTypedArrays(_key: string, value: unknown): unknown {
  if (!isTaggedTypedArray(value)) return value;
  const bytes = Buffer.from(value.base64, 'base64');
  return new globalThis[value.$typed](bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** API calls over an open browser-mode socket, as the renderer makes them, typed arrays restored. */
export function apiCaller(socket: WebSocket): <T>(method: string, params: unknown) => Promise<Answer<T>> {
  const log = messageLog(socket);
  let nextId = 0;
  return async <T>(method: string, params: unknown) => {
    const id = ++nextId;
    socket.send(JSON.stringify({ id, method, params }));
    const message = (await log.next((entry) => (entry as { id?: number }).id === id)) as { result: unknown };
    // messageLog parses without a reviver: the tagged arrays are restored from the result's JSON.
    return JSON.parse(JSON.stringify(message.result), untagTypedArrays) as Answer<T>;
  };
}

/** A renderer folder like the built one: index.html referencing one script and one stylesheet. */
export function makeRendererFolder(): { root: string; folder: string } {
  const root = mkdtempSync(join(tmpdir(), 'thermograph-server-'));
  const folder = join(root, 'renderer');
  mkdirSync(join(folder, 'assets'), { recursive: true });
  writeFileSync(
    join(folder, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index.js"></script>' +
      '<link rel="stylesheet" href="/assets/index.css"></head><body>Thermograph test page</body></html>',
  );
  writeFileSync(join(folder, 'assets', 'index.js'), 'document.title = "ready";');
  writeFileSync(join(folder, 'assets', 'index.css'), 'body { color: white; }');
  writeFileSync(join(root, 'outside.txt'), 'must never be served');
  return { root, folder };
}
