// speedscope (the peer) opening a profile from a URL, in the same headless Chromium as Thermograph:
// its npm release folder and the profile are served from 127.0.0.1 by this process, and the page
// is opened at index.html#profileURL=…, which makes speedscope fetch, import and draw the file.
//
// When is the flame chart on screen? speedscope 1.25 draws the chart's rectangles with WebGL on
// one full-window canvas (the first <canvas> in the page) and the frame names on 2D overlay
// canvases, one per view, in the same animation frame. Before a profile is loaded it shows its
// landing page, with no view tabs and no overlay canvases. The signal, checked once per animation
// frame: the view tabs are shown ("Time Order", so the import finished) and the flame chart's
// overlay (the largest 2D canvas) has non-transparent pixels in its top band, where the root rows
// and their names are. The time counts from the start of the profile's fetch (Resource Timing),
// so speedscope's own start-up (its bundle, WebGL set-up) is not charged to it: Thermograph is
// likewise already open when its Import button is clicked.

import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/** A local server for speedscope and the profiles it opens. */
export interface SpeedscopeServer {
  /** The page URL that opens `file` (one of the files given to serveSpeedscope). */
  pageUrl(file: string): string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Serves `releaseFolder` at / and each of `files` at /profiles/<name>, on 127.0.0.1. */
export async function serveSpeedscope(releaseFolder: string, files: string[]): Promise<SpeedscopeServer> {
  const profiles = new Map(files.map((file) => [basename(file), file]));
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const profile = path.startsWith('/profiles/') ? profiles.get(path.slice('/profiles/'.length)) : undefined;
    const file = profile ?? join(releaseFolder, normalize(path === '/' ? '/index.html' : path));
    if (!profile && !file.startsWith(releaseFolder)) {
      response.writeHead(403).end();
      return;
    }
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      response.writeHead(404).end();
      return;
    }
    const extension = /\.[a-z0-9]+$/.exec(file)?.[0] ?? '';
    response.writeHead(200, {
      'Content-Length': size,
      'Content-Type': profile ? 'application/octet-stream' : (contentTypes[extension] ?? 'application/octet-stream'),
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    pageUrl: (file) => `${origin}/index.html#profileURL=${encodeURIComponent(`${origin}/profiles/${basename(file)}`)}`,
    close: () => new Promise((resolveClose) => server.close(() => resolveClose())),
  };
}

/** The page-side state the signal reads (no DOM types in this file's type-checking). */
/** A canvas as the page-side checks read it (no DOM types in these files' type-checking). */
export interface PageCanvas {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

interface SpeedscopeGlobals {
  document: {
    body: { innerText: string } | null;
    querySelectorAll(selector: 'canvas'): ArrayLike<PageCanvas>;
  };
}

/**
 * Opens `pageUrl` in a new page and returns milliseconds from the start of the profile's fetch to
 * the flame chart drawn (the signal above). Rejects when speedscope reports an error or the
 * timeout passes.
 */
export async function timeSpeedscope(
  browser: Browser,
  pageUrl: string,
  timeoutMs: number,
  /** More to do on the loaded page before it closes (another view, say). */
  then?: (page: Page) => Promise<void>,
): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('crash', () => problems.push('the page crashed (out of memory?)'));
  try {
    await page.goto(pageUrl);
    const handle = await page.waitForFunction(
      () => {
        const browser = globalThis as unknown as SpeedscopeGlobals;
        const text = browser.document.body?.innerText ?? '';
        if (/went wrong|Failed to|Unrecognized format/i.test(text)) return { error: text.slice(0, 200) };
        if (!text.includes('Time Order')) return null;
        const canvases = Array.from(browser.document.querySelectorAll('canvas')).slice(1);
        if (canvases.length === 0) return null;
        const overlay = canvases.reduce((largest, canvas) =>
          canvas.width * canvas.height > largest.width * largest.height ? canvas : largest,
        );
        const context = overlay.getContext('2d');
        if (!context || overlay.width === 0) return null;
        const pixels = context.getImageData(0, 0, overlay.width, Math.min(overlay.height, 200)).data;
        for (let alpha = 3; alpha < pixels.length; alpha += 4) {
          if (pixels[alpha] !== 0) {
            const fetched = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/profiles/'));
            return { milliseconds: performance.now() - (fetched?.startTime ?? 0), fetched: fetched !== undefined };
          }
        }
        return null;
      },
      undefined,
      { timeout: timeoutMs, polling: 'raf' },
    );
    const result = (await handle.jsonValue()) as { milliseconds: number; fetched: boolean } | { error: string };
    if ('error' in result) throw new Error(`speedscope showed: ${result.error.replace(/\s+/g, ' ')}`);
    if (!result.fetched) throw new Error('speedscope drew without fetching the profile (signal misread)');
    await then?.(page);
    return result.milliseconds;
  } catch (error) {
    if (problems.length > 0) throw new Error(`speedscope failed: ${problems[0]}`, { cause: error });
    throw error;
  } finally {
    await page.close().catch(() => {});
  }
}
