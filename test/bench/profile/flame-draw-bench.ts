// Drawing a 500k-node flame graph in headless Chromium without a GPU: the first draw after import,
// then zooming (Ctrl+wheel over the canvas) and panning (dragging it), one frame per step. Times
// are FlameGraph.svelte's own `flame-graph-draw` measures: the main-thread time of each canvas draw.
// The input is folded stacks whose flame graph has exactly 500k nodes, imported through the
// Import dialog of `thermograph serve` like any user file. Both goals are ratios within the run, so
// they hold on a slower machine: the first draw against the whole import it ends (file to drawn), a
// frame's p95 against its median (no frame far slower than the usual one).
// Run alone with `npx tsx test/bench/profile/flame-draw-bench.ts` (after `npm run build`).

import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../../helpers/chromium';
import { median, percentile, printTable, type BenchRow } from '../table';
import { flameDrawInput, flameDrawNodes, quickNote } from './inputs';
import { duration, reason } from './measure-format';
import { flameDraws, importThroughDialog, openApp, startServe, type ServedApp } from './thermograph-page';

const group = 'flame-draw';
const zoomSteps = 30;
const panSteps = 30;
/** Steps of each gesture done first and not counted, so the JIT has seen the code. */
const warmUpSteps = 3;

/** Resolves once the page has measured more than `count` flame graph draws; returns the newest. */
async function nextDraw(page: Page, count: number): Promise<number> {
  await page.waitForFunction((known) => performance.getEntriesByName('flame-graph-draw').length > known, count, {
    timeout: 10_000,
    polling: 'raf',
  });
  const draws = await flameDraws(page);
  return draws.at(-1)!.duration;
}

/** Zooms in and then out around a point with the wheel, one step per drawn frame. */
async function zoomFrames(page: Page, x: number, y: number): Promise<number[]> {
  await page.mouse.move(x, y);
  const times: number[] = [];
  // Ctrl+wheel zooms (a plain wheel scrolls the page), as in the app's hint.
  await page.keyboard.down('Control');
  try {
    for (let step = -warmUpSteps; step < zoomSteps; step++) {
      const before = (await flameDraws(page)).length;
      // Mostly in, then back out, as a person exploring would; 120 is one notch of a mouse wheel.
      await page.mouse.wheel(0, step < zoomSteps * 0.6 ? -120 : 120);
      const drawn = await nextDraw(page, before);
      if (step >= 0) times.push(drawn);
    }
  } finally {
    await page.keyboard.up('Control');
  }
  return times;
}

/** Drags the graph sideways (and a little down), one step per drawn frame. */
async function panFrames(page: Page, x: number, y: number): Promise<number[]> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  const times: number[] = [];
  try {
    for (let step = -warmUpSteps; step < panSteps; step++) {
      const before = (await flameDraws(page)).length;
      const offset = step + warmUpSteps + 1;
      await page.mouse.move(x - offset * 12, y + (offset % 4));
      const drawn = await nextDraw(page, before);
      if (step >= 0) times.push(drawn);
    }
  } finally {
    await page.mouse.up();
  }
  return times;
}

async function measure(page: Page, file: string): Promise<BenchRow[]> {
  const { milliseconds, draw } = await importThroughDialog(page, file, 300_000);
  const nodes = draw.detail?.nodes ?? Number.NaN;
  const canvas = page.locator('[aria-roledescription="flame graph"] canvas').first();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the flame graph canvas is not on screen');
  // Zoom at a point 40% across, in the lower half where the flame's base rows are.
  const zoom = await zoomFrames(page, box.x + box.width * 0.4, box.y + box.height * 0.75);
  const pan = await panFrames(page, box.x + box.width * 0.6, box.y + box.height * 0.6);
  const frames = [...zoom, ...pan];
  const p95 = percentile(frames.slice(), 95);
  const p50 = median(frames.slice());
  const drawShare = draw.duration / milliseconds;
  const nodeText = Number.isFinite(nodes) ? nodes.toLocaleString('en') : '?';
  return [
    {
      group,
      measure: `first draw, ${nodeText}-node flame graph (import to drawn: ${duration(milliseconds)})${quickNote}`,
      ours: `${duration(draw.duration)} (${drawShare.toFixed(3)}× import to drawn)`,
      peer: '—',
      floor: '—',
      goal: '≤ 0.1× import to drawn',
      met: drawShare <= 0.1,
    },
    {
      group,
      measure:
        `zoom/pan frame draw, p95 of ${frames.length} (p50 ${duration(p50)}; ` +
        `zoom p95 ${duration(percentile(zoom, 95))}, pan p95 ${duration(percentile(pan, 95))})`,
      ours: `${duration(p95)} (${(p95 / p50).toFixed(2)}× the p50)`,
      peer: '—',
      floor: '—',
      goal: 'p95 ≤ 3× the p50',
      met: p95 <= 3 * p50,
    },
  ];
}

/** Measures the flame-draw rows. */
export async function runFlameDrawBench(): Promise<BenchRow[]> {
  let app: ServedApp | null = null;
  let browser: Browser | null = null;
  try {
    const file = await flameDrawInput();
    app = await startServe();
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
    return await measure(await openApp(browser, app.url), file);
  } catch (error) {
    const measure = `${flameDrawNodes.toLocaleString('en')}-node flame graph draw${quickNote}`;
    return [
      {
        group,
        measure,
        ours: `failed: ${reason(error)}`,
        peer: '—',
        floor: '—',
        goal: '≤ 0.1× import to drawn; p95 ≤ 3× the p50',
        met: false,
      },
    ];
  } finally {
    await browser?.close();
    await app?.close();
  }
}

// Run alone: `npx tsx test/bench/profile/flame-draw-bench.ts`.
if (process.argv[1] && /flame-draw-bench\.[cm]?[jt]s$/.test(process.argv[1])) {
  runFlameDrawBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
