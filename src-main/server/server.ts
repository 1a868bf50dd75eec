// Browser mode's HTTP + WebSocket server: the built renderer and the API, on 127.0.0.1 only, behind
// a per-run token and Host/Origin checks. Any page on the machine can reach a loopback port, so the
// token keeps other sites and users out and the Host/Origin checks defeat DNS rebinding.

import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { ThermographError } from '../../src-shared/api/errors';
import { maximumUploadBytes } from '../../src-shared/api/file-routes';
import { webSocketPath } from '../../src-shared/api/protocol';
import type { Engine } from '../api/engine-types';
import { createToken, isAllowedHost, isAllowedOrigin, securityHeaders, tokensMatch } from './security';
import { createFileRoutes, isFileRoute } from './file-routes';
import { createSocketHub, maximumMessageBytes } from './socket-hub';
import { parseRequestTarget } from './request-target';
import { contentTypeOf, isSameFile, lookupStaticFile, type StaticLookup } from './static-files';

/** What startServer needs: the engine to expose and the built renderer to serve. */
export interface ServerOptions {
  engine: Engine;
  /** 0 or absent picks any free port. */
  port?: number;
  /** Loopback only, by design: the only accepted value exists to make that explicit. */
  host?: '127.0.0.1';
  /** The built renderer (out/renderer), holding index.html and assets/. */
  rendererFolder: string;
  /** The access token; a random one is made when absent (tests pass their own). */
  token?: string;
  /** Where a failure that no caller can receive (a bug) is reported; defaults to stderr. */
  report?: (error: unknown) => void;
  /** The largest profile upload accepted (src-shared/api/file-routes.ts); tests pass a small one. */
  maximumUploadBytes?: number;
  /** Where uploads and exports wait as temporary files; the system's temporary folder by default. */
  temporaryFolder?: string;
}

/** A running server. */
export interface RunningServer {
  /** The URL to open, token included. */
  url: string;
  port: number;
  token: string;
  /** Closes every socket and stops listening; does not close the engine. */
  close(): Promise<void>;
}

const forbiddenText =
  'Forbidden: this Thermograph server needs its access token. Open the URL printed by `thermograph serve` ' +
  '(it ends with ?token=...).\n';

/** Starts serving the renderer and the API; rejects with a clear ThermographError when it cannot listen. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const rendererFolder = resolve(options.rendererFolder);
  const indexPath = join(rendererFolder, 'index.html');
  if (!existsSync(indexPath)) {
    throw new ThermographError(
      'unavailable',
      `The renderer bundle is missing (${indexPath} not found). Build it with \`npm run build\` and try again.`,
    );
  }
  const token = options.token ?? createToken();
  const engine = options.engine;
  let port = 0;

  const hub = createSocketHub(engine, options.report ?? reportToStandardError);
  const webSockets = new WebSocketServer({ noServer: true, maxPayload: maximumMessageBytes });
  const files = createFileRoutes({
    engine,
    maximumUploadBytes: options.maximumUploadBytes ?? maximumUploadBytes,
    temporaryFolder: options.temporaryFolder,
  });

  // The token travels only in the URL of the page and of the socket. No cookie: cookies are not
  // isolated by port (RFC 6265 §8.5), so another server on 127.0.0.1 could receive one.
  function isAuthorized(query: URLSearchParams): boolean {
    return tokensMatch(query.get('token'), token);
  }

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const headers = securityHeaders(port);
    const reply = (status: number, text: string, extra: Record<string, string> = {}): void => {
      response.writeHead(status, {
        ...headers,
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
        ...extra,
      });
      response.end(request.method === 'HEAD' ? undefined : text);
    };
    if (!isAllowedHost(request.headers.host, port)) {
      return reply(
        403,
        `Forbidden: unexpected Host header. Open http://127.0.0.1:${port}/ as printed by \`thermograph serve\`.\n`,
      );
    }
    // Decoded and normalised once, before any check: every rule below sees the one canonical path.
    const target = parseRequestTarget(request.url);
    if (!target.ok) return reply(target.status, `${target.reason}\n`);
    if (isFileRoute(target.path)) {
      // Profiles in and out need the token like the API; a POST must also come from our own page.
      if (!isAuthorized(target.query)) return reply(403, forbiddenText);
      if (request.method === 'POST' && !isAllowedOrigin(request.headers.origin, port)) {
        return reply(403, 'Forbidden: a file may be sent only from the Thermograph page itself.\n');
      }
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      return files.handle(request, response, target.path, target.query);
    }
    const lookup: StaticLookup =
      target.path === '/' ? { ok: true, path: indexPath } : await lookupStaticFile(rendererFolder, target.path);
    // The page (and the API socket) need the token. The bundle's assets are the same public files
    // for everyone and hold no secret, so they are served to any request that passed the Host check.
    // Whether a request is for the page is decided by the file it reaches, not by how it was spelled.
    const isPage = lookup.ok && (lookup.path === indexPath || (await isSameFile(lookup.path, indexPath)));
    if (isPage && !isAuthorized(target.query)) return reply(403, forbiddenText);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return reply(405, 'Only GET and HEAD are served.\n', { Allow: 'GET, HEAD' });
    if (!lookup.ok) {
      // Browsers ask for a favicon on their own; "none" is a valid answer, not an error in the console.
      if (lookup.status === 404 && target.path === '/favicon.ico') return reply(204, '');
      return reply(lookup.status, lookup.status === 403 ? 'Forbidden path.\n' : 'Not found.\n');
    }

    const fileHeaders: Record<string, string> = {
      ...headers,
      'Content-Type': contentTypeOf(lookup.path),
      // Asset names carry content hashes, but a local tool gains nothing from caching: always fresh.
      'Cache-Control': 'no-store',
    };
    response.writeHead(200, fileHeaders);
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    const stream = createReadStream(lookup.path);
    stream.on('error', () => response.destroy());
    stream.pipe(response);
  }

  const server = createServer((request, response) => {
    handleRequest(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, securityHeaders(port));
      response.end();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until ws takes the socket over, nobody else listens for its errors: a reset must not crash the server.
    socket.on('error', () => socket.destroy());
    const target = parseRequestTarget(request.url);
    const allowed =
      target.ok &&
      target.path === webSocketPath &&
      isAllowedHost(request.headers.host, port) &&
      isAllowedOrigin(request.headers.origin, port) &&
      isAuthorized(target.query);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    webSockets.handleUpgrade(request, socket, head, (webSocket) => hub.accept(webSocket));
  });

  try {
    await listen(server, options.port ?? 0);
  } catch (error) {
    hub.close();
    throw error;
  }
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      hub.close();
      await files.close();
      for (const client of webSockets.clients) client.terminate();
      await new Promise<void>((done) => webSockets.close(() => done()));
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** Reports a bug that no caller can receive; by default the server carries on (one message must not stop the engine). */
export function reportToStandardError(error: unknown, outcome = 'browser mode keeps serving'): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : typeof error;
  process.stderr.write(`thermograph: internal error (${outcome}; this is a bug, please report it): ${detail}\n`);
}

/** Listens on loopback, turning the common failures into messages that say what to do. */
function listen(server: ReturnType<typeof createServer>, port: number): Promise<void> {
  return new Promise((resolveListen, rejectListen) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') {
        rejectListen(
          new ThermographError(
            'unavailable',
            `Port ${port} is in use; choose another with --port N or omit it to pick a free one.`,
          ),
        );
      } else if (error.code === 'EACCES') {
        rejectListen(
          new ThermographError(
            'permission-denied',
            `Port ${port} needs privileges to open; choose a port above 1023 with --port N.`,
          ),
        );
      } else {
        rejectListen(new ThermographError('unavailable', `Could not listen on 127.0.0.1:${port}: ${error.message}.`));
      }
    };
    server.once('error', onError);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', onError);
      resolveListen();
    });
  });
}
