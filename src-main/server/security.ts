// The browser-mode server's gatekeeping: the per-run token, the Host and Origin checks that defeat
// DNS rebinding, and the response headers that confine the page. Pure functions of their inputs, so
// every rule is unit-tested without a socket.

import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random token for one server run (24 bytes, base64url: 32 characters). */
export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Compares a presented token with the expected one in constant time (no early exit on a prefix). */
export function tokensMatch(presented: string | null | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const left = Buffer.from(presented, 'utf8');
  const right = Buffer.from(expected, 'utf8');
  // timingSafeEqual needs equal lengths; comparing against itself keeps the work constant anyway.
  if (left.length !== right.length) {
    timingSafeEqual(right, right);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** The hosts a page served by us may be addressed as; anything else is a rebinding attempt. */
function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** True when a request's Host header names this server on loopback (exact host and port). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return typeof host === 'string' && allowedHosts(port).includes(host.toLowerCase());
}

/**
 * True when a WebSocket Origin is one of this server's own pages. A missing Origin is allowed:
 * browsers always send one, so its absence means a local non-browser client, which still needs the token.
 */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

/**
 * The page's Content-Security-Policy, shared by browser mode and the desktop window, which differ
 * only in where the API travels (`connectSources`: a WebSocket here, nothing but 'self' over IPC). Styles allow 'unsafe-inline' because the timeline's hover
 * readout is an ECharts tooltip built as HTML with style attributes (checked in Chromium: without it
 * every hover logs violations); scripts never get 'unsafe-inline' or 'unsafe-eval'.
 */
export function contentSecurityPolicy(connectSources: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connectSources}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Headers sent with every response, including errors. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(`'self' ws://127.0.0.1:${port} ws://localhost:${port}`),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
