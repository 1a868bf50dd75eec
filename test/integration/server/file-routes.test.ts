// Browser mode's file routes over the real engine and a real SQLite file: a committed profile
// uploaded over HTTP becomes a session, an export is downloaded with the bytes the engine writes to
// disk, and the routes refuse requests without the token, from another origin, too big or garbage.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src-main/api/engine';
import type { Engine } from '../../../src-main/api/engine-types';
import { startServer, type RunningServer } from '../../../src-main/server/server';
import type { PreparedDownload } from '../../../src-shared/api/file-routes';
import type { SessionSummary } from '../../../src-shared/model/session';
import { makeRendererFolder, type Answer } from './http-client';

const fixtures = join(import.meta.dirname, '../../fixtures/profiles');
const uploadLimit = 64 * 1024;

let root: string;
let temporary: string;
let engine: Engine;
let server: RunningServer;

beforeAll(async () => {
  const renderer = makeRendererFolder();
  root = renderer.root;
  temporary = join(root, 'temporary');
  mkdirSync(temporary);
  engine = createEngine({ databasePath: join(root, 'files.db'), mode: 'browser' });
  server = await startServer({
    engine,
    rendererFolder: renderer.folder,
    maximumUploadBytes: uploadLimit,
    temporaryFolder: temporary,
  });
});

afterAll(async () => {
  await server.close();
  await engine.close();
  rmSync(root, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${server.port}`;

async function upload(body: Uint8Array | string, file: string, token = server.token): Promise<Response> {
  const query = new URLSearchParams({ token, file });
  return fetch(`${base()}/files/import?${query}`, { method: 'POST', body });
}

describe('uploading a profile', () => {
  it('imports a committed cpuprofile, folded and pprof file as sessions named after the file', async () => {
    for (const file of ['cpuprofile/node-hot.cpuprofile', 'folded/perf-go-hot.folded', 'pprof/go-cpu.pb.gz']) {
      const name = file.split('/')[1]!;
      const response = await upload(readFileSync(join(fixtures, file)), name);
      const result = (await response.json()) as Answer<SessionSummary>;
      expect(response.status, JSON.stringify(result)).toBe(200);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.name).toBe(name);
      // The session records the file as the user named it, not the temporary copy the engine read.
      expect(result.value.target).toMatchObject({ kind: 'file', path: name });
      expect(result.value.profiles[0]!.sampleCount).toBeGreaterThan(0);
      expect((await engine.api.getSession({ sessionId: result.value.id })).name).toBe(name);
    }
    // Every upload's temporary folder is gone once it was imported.
    expect(readdirSync(temporary)).toEqual([]);
  });

  it('never uses the file name as a path', async () => {
    const response = await upload(readFileSync(join(fixtures, 'folded/tricky.folded')), '../../escape/../x.folded');
    const result = (await response.json()) as Answer<SessionSummary>;
    expect(result.ok).toBe(true);
    expect(readdirSync(root).filter((entry) => !entry.startsWith('files.db'))).toEqual(
      expect.arrayContaining(['outside.txt', 'renderer', 'temporary']),
    );
    expect(readdirSync(root).some((entry) => entry.includes('x.folded') || entry === 'escape')).toBe(false);
    expect(readdirSync(temporary)).toEqual([]);
  });

  it('refuses garbage with the supported formats, too-big files with the limit, and an empty body', async () => {
    const garbage = await upload('this is a log line, not a profile\n'.repeat(10), 'notes.txt');
    const garbageResult = (await garbage.json()) as Answer<SessionSummary>;
    expect(garbage.status).toBe(400);
    expect(garbageResult).toMatchObject({ ok: false, error: { code: 'invalid-profile' } });
    if (!garbageResult.ok) {
      expect(garbageResult.error.message).toMatch(/^notes\.txt is not in a profile format Thermograph reads/);
      expect(garbageResult.error.message).not.toContain(temporary);
    }

    const big = await upload(new Uint8Array(uploadLimit + 1), 'big.cpuprofile');
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/larger than 64 KiB.*thermograph import FILE/) },
    });

    const empty = await upload('', 'empty.folded');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ ok: false, error: { message: expect.stringMatching(/empty/) } });
    expect(readdirSync(temporary)).toEqual([]);
  });

  it('stops a chunked upload that grows past the limit, and keeps serving', async () => {
    // No Content-Length: the limit is found while the bytes arrive.
    const outcome = await new Promise<string>((resolve) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: `/files/import?token=${server.token}&file=endless.folded`,
          headers: { 'transfer-encoding': 'chunked' },
        },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve(`${response.statusCode} ${body}`));
          response.on('error', () => resolve('reset'));
        },
      );
      request.on('error', () => resolve('reset'));
      const chunk = Buffer.alloc(16 * 1024, 'a');
      let sent = 0;
      const pump = (): void => {
        while (sent < uploadLimit * 4) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once('drain', pump);
        }
        request.end();
      };
      pump();
    });
    expect(outcome === 'reset' || outcome.startsWith('413 ')).toBe(true);
    await expect.poll(() => readdirSync(temporary)).toEqual([]);
    expect((await fetch(`${base()}/?token=${server.token}`)).status).toBe(200);
  });

  it('refuses an upload without the token, with a wrong one, or from another origin', async () => {
    const body = readFileSync(join(fixtures, 'folded/tricky.folded'));
    const before = (await engine.api.listSessions({})).length;
    const missing = await fetch(`${base()}/files/import?file=x.folded`, { method: 'POST', body });
    expect(missing.status).toBe(403);
    expect((await upload(body, 'x.folded', 'wrong-token')).status).toBe(403);
    const foreign = await fetch(`${base()}/files/import?token=${server.token}&file=x.folded`, {
      method: 'POST',
      body,
      headers: { origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect((await engine.api.listSessions({})).length).toBe(before);
  });
});

describe('downloading an export', () => {
  async function prepare(request: unknown, token = server.token): Promise<Response> {
    return fetch(`${base()}/files/export?token=${token}`, { method: 'POST', body: JSON.stringify(request) });
  }

  it('streams the bytes the engine writes, once, as an attachment with the right name and type', async () => {
    const [session] = await engine.api.listSessions({});
    const prepared = await prepare({
      method: 'exportProfile',
      params: { sessionId: session!.id, kind: 'cpu', format: 'folded' },
      fileName: 'thermograph-1-cpu.folded.txt',
    });
    const result = (await prepared.json()) as Answer<PreparedDownload>;
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.fileName).toBe('thermograph-1-cpu.folded.txt');

    // Without the token the download is refused and stays available.
    expect((await fetch(`${base()}${result.value.url}`)).status).toBe(403);
    const download = await fetch(`${base()}${result.value.url}?token=${server.token}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="thermograph-1-cpu.folded.txt"');
    expect(download.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(result.value.bytes);

    const direct = join(root, 'direct.folded');
    await engine.api.exportProfile({ sessionId: session!.id, kind: 'cpu', format: 'folded', path: direct });
    expect(bytes.equals(readFileSync(direct))).toBe(true);

    // Fetched once: a second fetch is told to export again, and nothing is left on disk.
    const again = await fetch(`${base()}${result.value.url}?token=${server.token}`);
    expect(again.status).toBe(404);
    expect(await again.text()).toMatch(/Export again/);
    await expect.poll(() => readdirSync(temporary)).toEqual([]);
  });

  it('exports an HTML report, and refuses bad requests with the engine message', async () => {
    const [session] = await engine.api.listSessions({});
    const report = (await (
      await prepare({ method: 'exportReport', params: { session: String(session!.id) }, fileName: 'report.html' })
    ).json()) as Answer<PreparedDownload>;
    if (!report.ok) throw new Error(report.error.message);
    const html = await fetch(`${base()}${report.value.url}?token=${server.token}`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toMatch(/^<!doctype html>/i);

    const missing = await prepare({
      method: 'exportProfile',
      params: { sessionId: 99999, format: 'folded' },
      fileName: 'x',
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const otherMethod = await prepare({ method: 'deleteSession', params: { sessionId: 1 }, fileName: 'x' });
    expect(otherMethod.status).toBe(400);
    const unknownField = await prepare({
      method: 'exportProfile',
      params: { sessionId: session!.id, format: 'folded', extra: 1 },
      fileName: 'x',
    });
    expect(unknownField.status).toBe(400);
    // A path in the request is ignored: the engine writes only to its own temporary folder.
    const chosen = join(root, 'chosen.folded');
    const withPath = (await (
      await prepare({
        method: 'exportProfile',
        params: { sessionId: session!.id, format: 'folded', path: chosen },
        fileName: '../x',
      })
    ).json()) as Answer<PreparedDownload>;
    if (!withPath.ok) throw new Error(withPath.error.message);
    expect(withPath.value.fileName).toBe('x');
    expect(existsSync(chosen)).toBe(false);
    await (await fetch(`${base()}${withPath.value.url}?token=${server.token}`)).arrayBuffer();
    expect((await prepare({}, 'wrong')).status).toBe(403);
    await expect.poll(() => readdirSync(temporary)).toEqual([]);
  });
});
