import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  createToken,
  isAllowedHost,
  isAllowedOrigin,
  securityHeaders,
  tokensMatch,
} from '../../../src-main/server/security';

describe('tokens', () => {
  it('are 32 base64url characters and differ per run', () => {
    const first = createToken();
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(createToken()).not.toBe(first);
  });

  it('match only exactly', () => {
    const token = createToken();
    expect(tokensMatch(token, token)).toBe(true);
    expect(tokensMatch(token.slice(0, -1), token)).toBe(false);
    expect(tokensMatch(`${token}x`, token)).toBe(false);
    expect(tokensMatch('', token)).toBe(false);
    expect(tokensMatch(null, token)).toBe(false);
    expect(tokensMatch(undefined, token)).toBe(false);
    expect(tokensMatch(token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(), token)).toBe(false);
  });
});

describe('Host and Origin checks', () => {
  it('accept loopback names with the exact port only', () => {
    expect(isAllowedHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedHost('localhost:4000', 4000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:4000', 4000)).toBe(true);
    expect(isAllowedHost('127.0.0.1:4001', 4000)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 4000)).toBe(false);
    expect(isAllowedHost('evil.example:4000', 4000)).toBe(false);
    expect(isAllowedHost('127.0.0.1:4000.evil.example', 4000)).toBe(false);
    expect(isAllowedHost(undefined, 4000)).toBe(false);
  });

  it('accept only our own page as a WebSocket origin', () => {
    expect(isAllowedOrigin('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:4000', 4000)).toBe(true);
    expect(isAllowedOrigin('https://127.0.0.1:4000', 4000)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:4001', 4000)).toBe(false);
    expect(isAllowedOrigin('http://evil.example', 4000)).toBe(false);
    expect(isAllowedOrigin('null', 4000)).toBe(false);
    expect(isAllowedOrigin(undefined, 4000)).toBe(true);
  });
});

describe('content security policy', () => {
  it('allows scripts and sockets only from this server', () => {
    const policy = securityHeaders(4000)['Content-Security-Policy']!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    expect(policy).toContain("connect-src 'self' ws://127.0.0.1:4000 ws://localhost:4000");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('lets the desktop window connect to nothing but itself', () => {
    expect(contentSecurityPolicy("'self'")).toContain("connect-src 'self';");
  });
});
