// Browser mode's file routes (paths and protocol in src-shared/api/file-routes.ts): an upload is
// streamed to a private temporary folder, imported with the engine's own importProfile, and removed;
// an export is written by the engine's own exportProfile / exportReport to a temporary folder and
// fetched once as an attachment, then removed. The client's file name is only ever a label: the
// files on disk get names we make, inside folders we made.

import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import type { ApiErrorCode, ApiResult } from '../../src-shared/api/errors';
import {
  fileRoutePaths,
  safeFileName,
  type DownloadRequest,
  type PreparedDownload,
} from '../../src-shared/api/file-routes';
import { formatBytes } from '../../src-shared/format/units';
import type { Engine } from '../api/engine-types';

/** What the file routes need from the server. */
export interface FileRouteOptions {
  engine: Engine;
  /** The largest upload accepted, in bytes. */
  maximumUploadBytes: number;
  /** Where the temporary folders go; the system's temporary folder by default. */
  temporaryFolder?: string;
}

/** A prepared download waits this long for its one fetch, then is removed. */
const downloadLifetimeMs = 5 * 60_000;
/** An export request is a small JSON object. */
const maximumRequestBytes = 64 * 1024;

/** The content type of each export, by what wrote it. */
const exportTypes: Record<string, string> = {
  speedscope: 'application/json',
  cpuprofile: 'application/json',
  folded: 'text/plain; charset=utf-8',
  pprof: 'application/gzip',
  report: 'text/html; charset=utf-8',
};

interface Download {
  folder: string;
  file: string;
  fileName: string;
  contentType: string;
  timer: ReturnType<typeof setTimeout>;
}

/** The file routes of one server. `handle` is called only for authorized requests under /files/. */
export interface FileRoutes {
  handle(request: IncomingMessage, response: ServerResponse, path: string, query: URLSearchParams): Promise<void>;
  /** Removes every prepared download. */
  close(): Promise<void>;
}

/** True when a canonical request path belongs to the file routes. */
export function isFileRoute(path: string): boolean {
  return path === fileRoutePaths.upload || path === fileRoutePaths.prepare || path.startsWith(fileRoutePaths.download);
}

/** Creates the file routes over an engine. */
export function createFileRoutes(options: FileRouteOptions): FileRoutes {
  const downloads = new Map<string, Download>();
  const temporaryRoot = options.temporaryFolder ?? tmpdir();
  const makeFolder = (purpose: string) => mkdtemp(join(temporaryRoot, `thermograph-${purpose}-`));

  function forget(id: string): void {
    const download = downloads.get(id);
    if (!download) return;
    downloads.delete(id);
    clearTimeout(download.timer);
    void rm(download.folder, { recursive: true, force: true });
  }

  async function upload(request: IncomingMessage, response: ServerResponse, query: URLSearchParams): Promise<void> {
    const limit = options.maximumUploadBytes;
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      // Refused before a byte is read; the connection closes so the rest of the body is not awaited.
      return answer(response, { status: 413, result: tooBig(limit), close: true });
    }
    const folder = await makeFolder('upload');
    let outcome: Outcome;
    try {
      outcome = await receiveAndImport(request, folder, (query.get('file') ?? '').slice(0, 200), query.get('name'));
    } finally {
      // Removed before the answer, so whoever reads the answer finds nothing left behind.
      await rm(folder, { recursive: true, force: true });
    }
    answer(response, outcome);
  }

  async function receiveAndImport(
    request: IncomingMessage,
    folder: string,
    original: string,
    sessionName: string | null,
  ): Promise<Outcome> {
    const limit = options.maximumUploadBytes;
    // The name on disk is ours; the user's file name is kept only as the session's label.
    const file = join(folder, safeFileName(original, 'profile'));
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > limit) done(new UploadTooBig());
        else done(null, chunk);
      },
    });
    try {
      await pipeline(request, counter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      if (error instanceof UploadTooBig) return { status: 413, result: tooBig(limit), close: true };
      return { status: 400, result: failure('invalid-argument', 'The upload was interrupted. Try again.') };
    }
    // The page gave up (its Cancel) after the last byte: nobody wants the session.
    if (request.socket.destroyed) {
      return { status: 400, result: failure('invalid-argument', 'The upload was cancelled; nothing was imported.') };
    }
    if (received === 0) {
      return { status: 400, result: failure('invalid-argument', 'The file is empty: there is nothing to import.') };
    }
    const name = sessionName?.trim() || original.trim() || undefined;
    const result = await options.engine.dispatch('importProfile', {
      path: file,
      ...(name ? { name } : {}),
      ...(original.trim() ? { originalName: original } : {}),
    });
    if (result.ok) return { status: 200, result };
    // The temporary path means nothing to the user: their messages name the file they sent.
    const message = result.error.message.split(file).join(original || 'The file');
    return { status: statusOf(result.error.code), result: failure(result.error.code, message) };
  }

  async function prepare(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readSmallBody(request, maximumRequestBytes);
    const parsed = body === null ? null : parseDownloadRequest(body);
    if (parsed === null) {
      return answer(response, {
        status: 400,
        result: failure(
          'invalid-argument',
          'The export request is not understood: expected JSON { method: "exportProfile" | "exportReport", params, fileName }.',
        ),
      });
    }
    const folder = await makeFolder('export');
    const file = join(folder, 'export');
    const result = await options.engine.dispatch(parsed.method, { ...parsed.params, path: file, overwrite: true });
    if (!result.ok) {
      await rm(folder, { recursive: true, force: true });
      return answer(response, { status: statusOf(result.error.code), result });
    }
    const { bytes } = result.value as { bytes: number };
    const format = parsed.method === 'exportReport' ? 'report' : String(parsed.params.format);
    const id = randomBytes(18).toString('base64url');
    const fileName = safeFileName(parsed.fileName, `thermograph-export`);
    downloads.set(id, {
      folder,
      file,
      fileName,
      contentType: exportTypes[format] ?? 'application/octet-stream',
      timer: setTimeout(() => forget(id), downloadLifetimeMs).unref(),
    });
    const prepared: PreparedDownload = { url: `${fileRoutePaths.download}${id}`, fileName, bytes };
    return answer(response, { status: 200, result: { ok: true, value: prepared } });
  }

  async function download(response: ServerResponse, id: string, head: boolean): Promise<void> {
    const prepared = downloads.get(id);
    const size = prepared ? (await stat(prepared.file).catch(() => null))?.size : undefined;
    if (!prepared || size === undefined) {
      return answer(response, {
        status: 404,
        result: failure(
          'not-found',
          'This download is gone: each export is fetched once, within 5 minutes. Export again.',
        ),
      });
    }
    response.writeHead(200, {
      'Content-Type': prepared.contentType,
      'Content-Length': String(size),
      'Content-Disposition': `attachment; filename="${prepared.fileName}"`,
      'Cache-Control': 'no-store',
    });
    if (head) {
      response.end();
      return;
    }
    // Fetched once: whether it arrives whole or the browser gives up, the file goes.
    const stream = createReadStream(prepared.file);
    response.on('close', () => forget(id));
    stream.on('error', () => response.destroy());
    stream.pipe(response);
  }

  return {
    async handle(request, response, path, query) {
      const method = request.method ?? 'GET';
      if (path.startsWith(fileRoutePaths.download)) {
        if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(response, 'GET, HEAD');
        return download(response, path.slice(fileRoutePaths.download.length), method === 'HEAD');
      }
      if (method !== 'POST') return methodNotAllowed(response, 'POST');
      if (path === fileRoutePaths.upload) return upload(request, response, query);
      return prepare(request, response);
    },
    async close() {
      for (const id of [...downloads.keys()]) forget(id);
    },
  };
}

class UploadTooBig extends Error {}

function failure(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function statusOf(code: ApiErrorCode): number {
  if (code === 'invalid-argument' || code === 'invalid-profile') return 400;
  if (code === 'not-found') return 404;
  return 500;
}

/** An answer to send: the status, the ApiResult, and whether to close the connection (a body left unread). */
interface Outcome {
  status: number;
  result: ApiResult<unknown>;
  close?: boolean;
  allow?: string;
}

function tooBig(limit: number): ApiResult<never> {
  return failure(
    'invalid-argument',
    `The file is larger than ${formatBytes(limit)}, the most browser mode accepts. Import it from a terminal instead: thermograph import FILE.`,
  );
}

/** Replies with an ApiResult as JSON; the page reads the same shape as a WebSocket reply. */
function answer(response: ServerResponse, outcome: Outcome): void {
  response.writeHead(outcome.status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    ...(outcome.close ? { Connection: 'close' } : {}),
    ...(outcome.allow ? { Allow: outcome.allow } : {}),
  });
  response.end(JSON.stringify(outcome.result));
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  answer(response, { status: 405, result: failure('invalid-argument', `This route accepts ${allow} only.`), allow });
}

/** The body as text, or null when it is larger than `limit` or the request failed. */
async function readSmallBody(request: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) return null;
      chunks.push(chunk);
    }
  } catch {
    return null;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Checks the shape only; the engine validates the params as it does every call's. */
function parseDownloadRequest(body: string): DownloadRequest | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { method, params, fileName } = value as Record<string, unknown>;
  if (method !== 'exportProfile' && method !== 'exportReport') return null;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return null;
  if (typeof fileName !== 'string') return null;
  return { method, params, fileName } as DownloadRequest;
}
