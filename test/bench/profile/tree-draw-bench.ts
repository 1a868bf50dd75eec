// The Call tree and Bottom-up views in the app, on the stack chart's input: 1M samples over a
// 500k-node call tree (profile-views-bench.ts), imported over the served app's API. Measured in
// headless Chromium on the page's clock:
// - first draw: from the mousedown on the view's tab to the first paint with rows in the tree
//   (engine calls, their transfer, the rows' layout and paint), each in a fresh page, so nothing the
//   page remembered is reused; the bottom-up view also loads the heaviest function's callers first.
// - key frames: a key pressed in the tree (↓, →, ←, Page down) to the paint that shows it; opening a
//   bottom-up row whose callers are not loaded yet is timed apart, to the paint with its callers.
// No peer has these views on a speedscope file (speedscope has no call tree; DevTools' Bottom-Up
// cannot be driven here), so the goals are the issue's: first draw ≤ 200 ms, a key's frame p95 ≤ 33 ms.
// Run alone with `npx tsx test/bench/profile/tree-draw-bench.ts` (after `npm run build`).

import type { Browser, Page } from 'playwright-core';
import type { SessionSummary } from '../../../src-shared/model/session';
import { median, percentile, printTable, type BenchRow } from '../table';
import { quickNote } from './inputs';
import { duration, reason } from './measure-format';
import { openSessionPage, type ServedApp } from './thermograph-page';
import { onTimeOrderSession } from './time-order-session';

const group = 'tree-draw';
const firstDrawRuns = 5;
const views = [
  { tab: 'Call tree', testId: 'call-tree' },
  { tab: 'Bottom-up', testId: 'bottom-up' },
] as const;
/** The keys pressed in each tree, in order: down a page of rows, open and close, page down. */
const keys = [
  ...Array<string>(24).fill('ArrowDown'),
  ...Array<string>(6).fill('ArrowRight'),
  ...Array<string>(6).fill('ArrowLeft'),
  ...Array<string>(10).fill('PageDown'),
];
/** Keys done first and not counted, so the JIT has seen the code. */
const warmUpKeys = 4;

/** Page-side callbacks are type-checked without the DOM library: the globals they read. */
interface PageGlobals {
  benchStartedAt?: number;
  benchPaintedAt?: number;
  document: {
    addEventListener(type: string, listener: () => void, options: { capture: boolean; once: boolean }): void;
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
  };
}

/**
 * Arms the page: the next `event` (mousedown or keydown) starts the clock, and the first paint after
 * it at which `ready` holds stops it. `ready` is page-side source text with `rows` in scope (the
 * tree's row count then). A paint is the animation frame's end: its rAF callback, then a task.
 */
async function armClock(page: Page, event: 'mousedown' | 'keydown', testId: string, ready: string): Promise<void> {
  await page.evaluate(
    `(() => {
      const state = globalThis;
      state.benchStartedAt = undefined;
      state.benchPaintedAt = undefined;
      const rowsNow = () => Number(document.querySelector('[data-testid="${testId}"]')?.getAttribute('data-rows') ?? 0);
      const before = rowsNow();
      const afterPaint = () => requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const rows = rowsNow();
          if (${ready}) state.benchPaintedAt = performance.now();
          else afterPaint();
        };
        channel.port2.postMessage(0);
      });
      document.addEventListener('${event}', () => {
        state.benchStartedAt = performance.now();
        afterPaint();
      }, { capture: true, once: true });
    })()`,
  );
}

/** Milliseconds from the armed event to the paint that met its condition. */
async function clockReading(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const state = globalThis as unknown as PageGlobals;
      return state.benchPaintedAt !== undefined && state.benchStartedAt !== undefined
        ? state.benchPaintedAt - state.benchStartedAt
        : null;
    },
    undefined,
    { timeout: 60_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

/** Tab click to the first paint with rows, in a fresh page; returns the page for more. */
async function firstDraw(
  browser: Browser,
  app: ServedApp,
  session: SessionSummary,
  view: (typeof views)[number],
): Promise<{ page: Page; milliseconds: number }> {
  const page = await openSessionPage(browser, app, session.id);
  await armClock(page, 'mousedown', view.testId, 'rows > 0');
  await page.getByRole('tab', { name: view.tab }).click();
  return { page, milliseconds: await clockReading(page) };
}

/** Each key's time to the paint after it, in the view's tree. */
async function keyFrames(page: Page, testId: string): Promise<number[]> {
  await page.locator(`[data-testid="${testId}"] [role="treegrid"]`).focus();
  const times: number[] = [];
  for (let index = -warmUpKeys; index < keys.length; index++) {
    const key = keys[Math.max(0, index)]!;
    await armClock(page, 'keydown', testId, 'true');
    await page.keyboard.press(key);
    const milliseconds = await clockReading(page);
    if (index >= 0) times.push(milliseconds);
    // A row whose callers are being fetched shows "…"; let the answer land before the next key.
    await page.waitForFunction(
      (id) =>
        !Array.from(
          (globalThis as unknown as PageGlobals).document.querySelectorAll(`[data-testid="${id}"] .disclosure`),
        ).some((button) => button.textContent?.includes('…')),
      testId,
    );
  }
  return times;
}

/** Opens bottom-up rows whose callers are not loaded: key to the paint with their callers. */
async function fetchedOpens(page: Page): Promise<number[]> {
  const tree = page.locator('[data-testid="bottom-up"] [role="treegrid"]');
  await tree.focus();
  await page.keyboard.press('Home');
  const times: number[] = [];
  for (let row = 0; row < 8; row++) {
    // Down past the heaviest function (opened on first show) to rows never opened.
    await page.keyboard.press('ArrowDown');
    const closed = await page
      .locator('[data-testid="bottom-up"] [role="row"][aria-selected="true"][aria-expanded="false"]')
      .count();
    if (closed === 0) continue;
    await armClock(page, 'keydown', 'bottom-up', 'rows > before');
    await page.keyboard.press('ArrowRight');
    times.push(await clockReading(page));
    await page.keyboard.press('ArrowLeft');
  }
  return times;
}

async function measure(browser: Browser, app: ServedApp, session: SessionSummary): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const view of views) {
    const firsts: number[] = [];
    let page: Page | null = null;
    for (let run = 0; run < firstDrawRuns; run++) {
      await page?.close();
      const drawn = await firstDraw(browser, app, session, view);
      page = drawn.page;
      firsts.push(drawn.milliseconds);
    }
    const shown = Number(await page!.locator(`[data-testid="${view.testId}"]`).getAttribute('data-rows'));
    const frames = await keyFrames(page!, view.testId);
    const opens = view.testId === 'bottom-up' ? await fetchedOpens(page!) : [];
    await page!.close();
    const first = median(firsts.slice());
    const p95 = percentile(frames.slice(), 95);
    rows.push(
      {
        group,
        measure:
          `${view.tab}: first draw, tab click to painted rows, engine included (${shown.toLocaleString('en-US')} rows; ` +
          `median of ${firstDrawRuns}, range ${duration(Math.min(...firsts))}–${duration(Math.max(...firsts))}; 1M samples, 500k nodes)${quickNote}`,
        ours: duration(first),
        peer: '—',
        floor: '—',
        goal: '≤ 200 ms',
        met: first <= 200,
      },
      {
        group,
        measure:
          `${view.tab}: key to painted frame, p95 of ${frames.length} (↓ → ← Page down; p50 ${duration(median(frames.slice()))})` +
          (opens.length > 0
            ? `; opening a row whose callers are fetched: median ${duration(median(opens.slice()))} of ${opens.length}`
            : '') +
          quickNote,
        ours: duration(p95),
        peer: '—',
        floor: '—',
        goal: '≤ 33 ms',
        met: p95 <= 33,
      },
    );
  }
  return rows;
}

/** Measures the tree-draw rows. */
export async function runTreeDrawBench(): Promise<BenchRow[]> {
  try {
    return await onTimeOrderSession('trees', ({ browser, app, session }) => measure(browser, app, session));
  } catch (error) {
    return [
      {
        group,
        measure: `call tree and bottom-up of 1M samples, 500k nodes${quickNote}`,
        ours: `failed: ${reason(error)}`,
        peer: '—',
        floor: '—',
        goal: 'first draw ≤ 200 ms; key frame p95 ≤ 33 ms',
        met: false,
      },
    ];
  }
}

// Run alone: `npx tsx test/bench/profile/tree-draw-bench.ts`.
if (process.argv[1] && /tree-draw-bench\.[cm]?[jt]s$/.test(process.argv[1])) {
  runTreeDrawBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
