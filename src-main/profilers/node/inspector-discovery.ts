// Finding a process's inspector without reading its output (the recording owns stdout and stderr):
// the TCP sockets it listens on are the socket inodes among /proc/PID/fd that /proc/PID/net/tcp(6)
// lists in state LISTEN; the inspector is the one that answers GET /json/list. This also finds the
// port of `--inspect=127.0.0.1:0`, which Node picks at random.

import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { get } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { Pid } from '../../../src-shared/units';

/** A TCP socket a process listens on. */
export interface ListeningSocket {
  /** The local address as /proc prints it, decoded: "127.0.0.1", "0.0.0.0", "::1", "::". */
  address: string;
  port: number;
}

/** An inspector found in a process. */
export interface FoundInspector {
  port: number;
  address: string;
  webSocketUrl: string;
}

const listenState = '0A';

/** The TCP sockets `pid` listens on, loopback first. Empty when the process is gone or unreadable. */
export function listeningSockets(pid: Pid): ListeningSocket[] {
  const inodes = new Set<string>();
  let descriptors: string[];
  try {
    descriptors = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  for (const descriptor of descriptors) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${descriptor}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed between listing and reading
    }
  }
  if (inodes.size === 0) return [];
  const sockets: ListeningSocket[] = [];
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      // The process's own network namespace, which is where its sockets are.
      text = readFileSync(`/proc/${pid}/net/${table}`, 'latin1');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (columns.length < 10 || columns[3] !== listenState || !inodes.has(columns[9]!)) continue;
      const [address, port] = columns[1]!.split(':');
      sockets.push({ address: decodeAddress(address!), port: Number.parseInt(port!, 16) });
    }
  }
  return sockets.sort((left, right) => Number(isLoopback(right.address)) - Number(isLoopback(left.address)));
}

/**
 * True for an address only this machine can reach: an IPv4 literal in 127.0.0.0/8, the IPv6 loopback
 * (in any spelling), an IPv4-mapped 127.x.x.x, or `localhost`. The address is parsed, never matched
 * by prefix: `127.0.0.1.example.com` is a name anyone can point anywhere.
 */
export function isLoopback(address: string): boolean {
  if (address.toLowerCase() === 'localhost') return true;
  if (isIPv4(address)) return address.split('.')[0] === '127';
  if (!isIPv6(address)) return false;
  let canonical: string;
  try {
    canonical = new URL(`http://[${address}]/`).hostname;
  } catch {
    return false; // a zone index (fe80::1%eth0) is link-local anyway
  }
  return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical);
}

/** An address and port as people write them: `127.0.0.1:9229`, `[::]:9229`. */
export function formatHostPort(address: string, port: number): string {
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

/** True while `pid` still listens on `port`. */
export function stillListening(pid: Pid, port: number): boolean {
  return listeningSockets(pid).some((socket) => socket.port === port);
}

/** The first inspector among the sockets `pid` listens on, or null. */
export async function findInspector(pid: Pid): Promise<FoundInspector | null> {
  for (const socket of listeningSockets(pid)) {
    const webSocketUrl = await debuggerUrl(socket.port);
    if (webSocketUrl) return { port: socket.port, address: socket.address, webSocketUrl };
  }
  return null;
}

/** Polls for an inspector in `pid` until one answers, `giveUp()` says stop, or `timeoutMs` passes. */
export async function waitForInspector(
  pid: Pid,
  timeoutMs: number,
  giveUp: () => boolean = () => false,
): Promise<FoundInspector | null> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 10; ; wait = Math.min(wait * 2, 100)) {
    const found = await findInspector(pid);
    if (found || giveUp() || Date.now() >= deadline) return found;
    await delay(wait);
  }
}

/** Waits until `pid` no longer listens on `port`; true when it stopped within `timeoutMs`. */
export async function waitUntilClosed(pid: Pid, port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (stillListening(pid, port)) {
    if (Date.now() >= deadline) return false;
    await delay(20);
  }
  return true;
}

// Asks a port for Node's target list; null when it is not an inspector. Always over 127.0.0.1:
// the inspector rejects other Host headers, and a port bound to 0.0.0.0 answers there too.
function debuggerUrl(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/json/list', timeout: 1_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > 1_000_000) request.destroy();
      });
      response.on('end', () => {
        try {
          const list = JSON.parse(body) as { webSocketDebuggerUrl?: unknown }[];
          const url = Array.isArray(list)
            ? list.find((entry) => typeof entry?.webSocketDebuggerUrl === 'string')
            : null;
          resolve(url ? (url.webSocketDebuggerUrl as string) : null);
        } catch {
          resolve(null);
        }
      });
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(null));
  });
}

// /proc/net/tcp prints IPv4 as one little-endian 32-bit hex word and IPv6 as four of them.
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((word) =>
    [6, 4, 2, 0].map((offset) => Number.parseInt(word.slice(offset, offset + 2), 16)),
  );
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 255 && bytes[11] === 255) {
    return `::ffff:${bytes.slice(12).join('.')}`;
  }
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2) groups.push(((bytes[index]! << 8) | bytes[index + 1]!).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}
