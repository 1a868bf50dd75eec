import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf, lookupStaticFile } from '../../../src-main/server/static-files';

let root: string;
let folder: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'thermograph-static-'));
  folder = join(root, 'renderer');
  mkdirSync(join(folder, 'assets'), { recursive: true });
  writeFileSync(join(folder, 'index.html'), '<!doctype html>');
  writeFileSync(join(folder, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  symlinkSync(join(root, 'secret.txt'), join(folder, 'assets', 'link.txt'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('lookupStaticFile', () => {
  it('finds files inside the folder', async () => {
    expect(await lookupStaticFile(folder, '/assets/app.js')).toEqual({
      ok: true,
      path: join(folder, 'assets', 'app.js'),
    });
  });

  it('refuses paths that escape the folder, even if a caller skipped normalising them', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt']) {
      expect(await lookupStaticFile(folder, path), path).toEqual({ ok: false, status: 403 });
    }
  });

  it('never decodes: an encoded name is a literal name, which no served file has', async () => {
    expect(await lookupStaticFile(folder, '/%2e%2e/secret.txt')).toEqual({ ok: false, status: 404 });
    expect(await lookupStaticFile(folder, '/assets/%61pp.js')).toEqual({ ok: false, status: 404 });
  });

  it('refuses a symlink pointing outside, backslashes and NUL bytes', async () => {
    expect(await lookupStaticFile(folder, '/assets/link.txt')).toEqual({ ok: false, status: 403 });
    expect(await lookupStaticFile(folder, '/assets\\..\\..\\secret.txt')).toEqual({ ok: false, status: 403 });
    expect(await lookupStaticFile(folder, '/assets/app.js\u0000.png')).toEqual({ ok: false, status: 403 });
  });

  it('answers 404 for missing files and folders', async () => {
    expect(await lookupStaticFile(folder, '/assets/missing.js')).toEqual({ ok: false, status: 404 });
    expect(await lookupStaticFile(folder, '/assets')).toEqual({ ok: false, status: 404 });
  });
});

describe('contentTypeOf', () => {
  it('names the types the bundle uses', () => {
    expect(contentTypeOf('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a/app.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a/icon.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('a/blob')).toBe('application/octet-stream');
  });
});
