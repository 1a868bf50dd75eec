import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from '../../../src-main/server/request-target';

const pathOf = (target: string): string | number => {
  const parsed = parseRequestTarget(target);
  return parsed.ok ? parsed.path : parsed.status;
};

describe('parseRequestTarget', () => {
  it('maps every spelling of a path to one canonical path', () => {
    // The HTTP test (test/integration/server/server-security.test.ts) sends many more spellings.
    for (const target of [
      '/index.html',
      '/%69ndex.html',
      '//index.html',
      '/assets/%2E%2E%2Findex.html',
      '/index.html/',
    ]) {
      expect(pathOf(target), target).toBe('/index.html');
    }
    expect(pathOf('/')).toBe('/');
    expect(pathOf('/assets/..')).toBe('/');
    expect(pathOf('/assets/app.js?x=1')).toBe('/assets/app.js');
  });

  it('refuses what leads outside, what a second decoding would change, and characters no file has', () => {
    for (const target of [
      '/..',
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/assets/../../outside.txt',
      '/..%2foutside.txt',
      '/%2569ndex.html',
      '/%252e%252e/outside.txt',
      '/\\index.html',
      '/assets%5c..%5cindex.html',
      '/index.html%00',
      '/index.html%00.js',
      '/index.html%0a',
      '/index.html%7f',
    ]) {
      expect(pathOf(target), target).toBe(403);
    }
  });

  it('refuses targets that are not origin-form paths, fragments and broken encodings', () => {
    for (const target of ['http://127.0.0.1:1/index.html', '*', 'index.html', '', '/index.html#', '/%E0%A4%A', '/%']) {
      expect(pathOf(target), target).toBe(400);
    }
    expect(parseRequestTarget(undefined)).toMatchObject({ ok: false, status: 400 });
  });

  it('reads the query, decoded, without touching the path', () => {
    const parsed = parseRequestTarget('/%69ndex.html?token=a%2Bb&tok%65n=c');
    expect(parsed.ok && parsed.query.getAll('token')).toEqual(['a+b', 'c']);
  });
});
