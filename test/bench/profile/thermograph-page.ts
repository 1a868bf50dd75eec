// Driving the shipped app for the screen benchmarks: `thermograph serve` (the built CLI, its own
// process and database), its page in headless Chromium, the Import dialog, and the flame graph's
// `performance.measure('flame-graph-draw')` entries, which FlameGraph.svelte records for every
// canvas draw. Times are read on the page's clock, so the browser's IPC with this process does not
// count.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';

/** A running `thermograph serve`. */
export interface ServedApp {
  /** The page URL with its token. */
  url: string;
  /** Calls one API method over the app's WebSocket, as the UI does; rejects with the error message. */
  call<T>(method: string, params: unknown): Promise<T>;
  close(): Promise<void>;
}

/** One flame graph draw, as the page measured it. */
export interface FlameDraw {
  /** Page clock (ms since navigation) when the draw began. */
  startTime: number;
  /** Draw time on the main thread. */
  duration: number;
  /** Nodes in the view and nodes actually drawn. */
  detail: { nodes: number; drawn: number } | null;
}

/**
 * The browser globals page-side callbacks use: this file is type-checked with Node's types and no
 * DOM library. Callbacks must be inline arrows with no named inner functions (tsx would wrap those
 * in a helper the page lacks).
 */
interface PageGlobals {
  location: { hash: string };
  benchClickedAt?: number;
  document: {
    addEventListener(type: 'click', listener: () => void, options: { capture: boolean; once: boolean }): void;
    querySelector(selector: string): { textContent: string | null } | null;
  };
}

/**
 * Starts `node out/main/cli.js serve --port 0` and waits for its URL: on `databasePath` when given
 * (the caller's, left in place), otherwise on a fresh database removed by close().
 */
export async function startServe(databasePath?: string): Promise<ServedApp> {
  const folder = mkdtempSync(join(tmpdir(), 'thermograph-screen-bench-'));
  const child = spawn(
    process.execPath,
    [resolve('out/main/cli.js'), 'serve', '--port', '0', '--db', databasePath ?? join(folder, 'bench.db')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolveUrl, rejectUrl) => {
    let output = '';
    const timer = setTimeout(() => rejectUrl(new Error(`thermograph serve printed no URL in 30 s: ${output}`)), 30_000);
    const read = (data: Buffer) => {
      output += data.toString();
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectUrl(new Error(`thermograph serve exited with code ${code}: ${output}`));
    });
  });
  const socketUrl = `${url.replace(/^http/, 'ws').replace(/\/\?/, '/api?')}`;
  return {
    url,
    call: (method, params) => callOverSocket(socketUrl, method, params),
    close: () => stopServe(child, folder),
  };
}

async function stopServe(child: ChildProcess, folder: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(folder, { recursive: true, force: true });
}

/** One API call over a short-lived WebSocket (protocol: src-shared/api/protocol.ts). */
function callOverSocket<T>(socketUrl: string, method: string, params: unknown): Promise<T> {
  return new Promise((resolveCall, rejectCall) => {
    const socket = new WebSocket(socketUrl);
    socket.once('error', rejectCall);
    socket.once('open', () => socket.send(JSON.stringify({ id: 1, method, params })));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        id?: number;
        result?: { ok: true; value: T } | { ok: false; error: { message: string } };
      };
      if (message.id !== 1 || !message.result) return;
      socket.close();
      if (message.result.ok) resolveCall(message.result.value);
      else rejectCall(new Error(`${method}: ${message.result.error.message}`));
    });
  });
}

/** Opens the app's Sessions screen in a new page of `browser`. */
export async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${url}#/sessions`);
  await page.getByRole('heading', { name: 'Sessions', exact: true }).waitFor({ timeout: 30_000 });
  return page;
}

/** A fresh page (its own context: nothing remembered) on a session, once its flame graph is drawn. */
export async function openSessionPage(browser: Browser, app: ServedApp, sessionId: number): Promise<Page> {
  const page = await openApp(browser, app.url);
  await page.evaluate(
    (hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash),
    `#/session/${sessionId}`,
  );
  await page.locator('[aria-roledescription="flame graph"] canvas').first().waitFor({ timeout: 120_000 });
  return page;
}

/** Every flame graph draw the page has measured so far. */
export function flameDraws(page: Page): Promise<FlameDraw[]> {
  return page.evaluate(() =>
    (performance.getEntriesByName('flame-graph-draw') as unknown as FlameDraw[]).map((entry) => ({
      startTime: entry.startTime,
      duration: entry.duration,
      detail: entry.detail ?? null,
    })),
  );
}

/** Marks the page's clock at the next click anywhere (capture phase, before the app's handler). */
export function armClickClock(page: Page): Promise<void> {
  return page.evaluate(() => {
    const browser = globalThis as unknown as PageGlobals;
    browser.benchClickedAt = undefined;
    browser.document.addEventListener('click', () => (browser.benchClickedAt = performance.now()), {
      capture: true,
      once: true,
    });
  });
}

/**
 * Shows a screen (its `#/…` route) by in-app navigation from the Sessions list, with the click
 * clock set at the navigation, so clickToFirstDraw times the screen's first flame graph drawn.
 * Leaving for the list first unmounts the previous screen, so its flame graph cannot be the draw.
 */
export async function navigateFromSessions(page: Page, route: string): Promise<void> {
  await page.evaluate(() => ((globalThis as unknown as PageGlobals).location.hash = '#/sessions'));
  await page.getByRole('heading', { name: 'Sessions', exact: true }).waitFor();
  await page.evaluate((hash) => {
    const browser = globalThis as unknown as PageGlobals;
    browser.benchClickedAt = performance.now();
    browser.location.hash = hash;
  }, route);
}

/** Opens a stored session in the app (see navigateFromSessions), so clickToFirstDraw times its flame graph. */
export function navigateToSession(page: Page, sessionId: number): Promise<void> {
  return navigateFromSessions(page, `#/session/${sessionId}`);
}

/**
 * Waits for the first flame graph draw that began after the armed click, or for an error alert on
 * the page; returns milliseconds from the click to the end of that draw, and the draw.
 */
export async function clickToFirstDraw(
  page: Page,
  timeoutMs: number,
): Promise<{ milliseconds: number; draw: FlameDraw }> {
  const handle = await page.waitForFunction(
    () => {
      const browser = globalThis as unknown as PageGlobals;
      const clickedAt = browser.benchClickedAt;
      if (clickedAt === undefined) return null;
      const draw = (performance.getEntriesByName('flame-graph-draw') as unknown as FlameDraw[]).find(
        (entry) => entry.startTime >= clickedAt,
      );
      if (draw) {
        return {
          milliseconds: draw.startTime + draw.duration - clickedAt,
          draw: { startTime: draw.startTime, duration: draw.duration, detail: draw.detail ?? null },
        };
      }
      const alert = browser.document.querySelector('[role="alert"]');
      return alert?.textContent ? { error: alert.textContent } : null;
    },
    undefined,
    { timeout: timeoutMs, polling: 'raf' },
  );
  const result = (await handle.jsonValue()) as { milliseconds: number; draw: FlameDraw } | { error: string };
  if ('error' in result) throw new Error(`the app showed: ${result.error.trim()}`);
  return result;
}

/**
 * Imports `file` through the Sessions screen's Import dialog, as a person would: the "Import
 * profile" button, the file picker, then "Import" (the upload counts). Returns milliseconds from the
 * click on Import to the end of the first flame graph draw of the imported session.
 */
export async function importThroughDialog(
  page: Page,
  file: string,
  timeoutMs: number,
): Promise<{ milliseconds: number; draw: FlameDraw }> {
  await page.evaluate(() => ((globalThis as unknown as PageGlobals).location.hash = '#/sessions'));
  await page.getByRole('heading', { name: 'Sessions', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Import profile' }).click({ timeout: 10_000 });
  // Picked as a browser user picks it: the page then streams the file to the engine (in the time).
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Profile file', { exact: true }).setInputFiles(file, { timeout: 10_000 });
  await armClickClock(page);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  return clickToFirstDraw(page, timeoutMs);
}
