// Timeline benchmark: open a stored 1M-sample session in the real UI (headless Chromium, browser
// mode, in-process engine and server) and zoom into it. The engine decimates to the chart's pixel
// budget before anything reaches the renderer; the peer is ECharts drawing the same points without
// decimation, the floor is the engine's getTimeline alone. The goals are ratios measured in the same
// run, so they hold on a slower or busier machine: each open is timed right after a getTimeline of
// its own, and the open goal is the median of those pairs' ratios; a zoom step's p95 is judged
// against its median.
// Run alone with `npx tsx test/bench/timeline-bench.ts` (after `npm run build`).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { metricKeys, type MetricKey, type ResourceSample } from '../../src-shared/model/resource';
import { createEngine } from '../../src-main/api/engine';
import { startServer } from '../../src-main/server/server';
import { openDatabase } from '../../src-main/store/database';
import { SessionStore } from '../../src-main/store/session-store';
import { chromiumFlags, chromiumPath } from '../helpers/chromium';
import { median, percentile, printTable, type BenchRow } from './table';
import { openApp } from './profile/thermograph-page';

const sampleCount = 1_000_000;
const sessionName = 'timeline bench (1M samples)';
const intervalMs = 100;
const start = 1_700_000_000_000;
/** The four metrics the synthetic session holds; the others stay unreadable (null), as for a process of another user. */
const drawnMetrics: readonly MetricKey[] = ['cpuUser', 'cpuSystem', 'rss', 'readBytesRate'];
const openRuns = 7;
/** Enough steps that the p95 is not simply the slowest one (of 20 it would be). */
const zoomSteps = 40;
/** Steps zoomed first and not counted, so the measured ones are not the JIT's first run of this code. */
const warmUpSteps = 2;

/**
 * The browser globals the page-side callbacks use. This file is type-checked with Node's types and
 * no DOM library, so the callbacks reach them through `globalThis` with this shape.
 */
interface PageGlobals {
  location: { hash: string };
  lastWheelAt: number;
  echarts: {
    init(element: unknown): { setOption(option: unknown): void; on(event: string, handler: () => void): void };
  };
  addEventListener(type: 'wheel', listener: () => void, options: { capture: boolean }): void;
  requestAnimationFrame(callback: () => void): number;
  document: {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    getElementById(id: string): unknown;
  };
}

/** A plausible timeline: CPU waves with noise, RSS that grows and drops, bursts of reads. */
function syntheticSamples(first: number, count: number): ResourceSample[] {
  const samples: ResourceSample[] = [];
  for (let offset = 0; offset < count; offset++) {
    const index = first + offset;
    const sample = { time: start + index * intervalMs } as Record<string, number | null>;
    for (const key of metricKeys) sample[key] = null;
    const wave = Math.sin(index / 500) * 0.5 + 0.5;
    sample.cpuUser = 20 + 60 * wave + ((index * 7919) % 100) / 10;
    sample.cpuSystem = 3 + ((index * 104729) % 50) / 10;
    sample.rss = 200 * 1024 * 1024 + (index % 50_000) * 4096;
    sample.readBytesRate = index % 997 < 20 ? 50 * 1024 * 1024 : (index % 13) * 1024;
    samples.push(sample as ResourceSample);
  }
  return samples;
}

/** Creates the database with one ended 1M-sample session through the real store. */
export function createDatabase(databasePath: string): number {
  const store = new SessionStore(openDatabase(databasePath));
  const session = store.createSession({
    name: sessionName,
    target: { kind: 'pid', pid: 1, name: 'bench', commandLine: 'bench', runtime: 'native' },
    host: { hostname: 'bench', platform: 'linux', release: '', arch: 'x64', cpuCount: 2, totalMemoryBytes: 0 },
    settings: {
      intervalMs,
      includeChildren: false,
      durationMs: null,
      profiler: 'none',
      samplingHz: null,
      allocations: false,
      alertRules: [],
      anomalyDetection: false,
    },
    startedAt: start,
  });
  const batch = 20_000;
  for (let first = 0; first < sampleCount; first += batch)
    store.appendSamples(session.id, syntheticSamples(first, batch));
  store.endSession(session.id, {
    endedAt: start + sampleCount * intervalMs,
    endReason: 'user-stopped',
    endMessage: null,
    exitCode: null,
    exitSignal: null,
  });
  store.close();
  return session.id;
}

/** How many `timeline-drawn` marks the page has made. */
function drawnMarks(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('timeline-drawn').length);
}

async function waitForMark(page: Page, count: number): Promise<void> {
  await page.waitForFunction((expected) => performance.getEntriesByName('timeline-drawn').length >= expected, count, {
    timeout: 30_000,
    polling: 'raf',
  });
}

/** Milliseconds from showing the session (in-app navigation) to its timeline drawn. */
async function measureOpen(page: Page, sessionId: number): Promise<number> {
  await page.evaluate(() => ((globalThis as unknown as PageGlobals).location.hash = '#/sessions'));
  // A person opens the session from the loaded list: wait for its row, so the list's own request is
  // not still in the engine when the session is opened.
  await page.getByRole('link', { name: sessionName }).waitFor();
  const before = await drawnMarks(page);
  const began = await page.evaluate((id) => {
    const now = performance.now();
    (globalThis as unknown as PageGlobals).location.hash = `#/session/${id}`;
    return now;
  }, sessionId);
  await waitForMark(page, before + 1);
  const drawn = await page.evaluate(() => performance.getEntriesByName('timeline-drawn').at(-1)!.startTime);
  if (process.env.THERMOGRAPH_BENCH_VERBOSE) process.stderr.write(`open: ${await lastDrawBreakdown(page, began)}\n`);
  return drawn - began;
}

/** Where the last draw's time went, from the renderer's own marks (printed to stderr for tuning). */
async function lastDrawBreakdown(page: Page, since: number): Promise<string> {
  // No named helper functions inside evaluate: tsx would wrap them in a helper the page lacks.
  const [requested, received, drawStart, drawn] = await page.evaluate(() =>
    ['timeline-requested', 'timeline-received', 'timeline-draw-start', 'timeline-drawn'].map(
      (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? Number.NaN,
    ),
  );
  const round = (value: number) => value.toFixed(1);
  return `to request ${round(requested! - since)} · api ${round(received! - requested!)} · to draw ${round(drawStart! - received!)} · draw ${round(drawn! - drawStart!)}`;
}

/** Times of one zoom step: wheel to the new window drawn, and to its fetched detail drawn (if fetched). */
interface ZoomStep {
  drawn: number;
  detail: number | null;
}

/**
 * Zooms with the mouse wheel, step by step. The renderer marks `timeline-drawn` with reason "zoom"
 * when the chart has repainted the new window, and "detail" when finer data for it was fetched
 * (decimated by the engine for the window) and drawn.
 */
async function measureZoomSteps(page: Page): Promise<ZoomStep[]> {
  const canvas = page.getByTestId('timeline').locator('canvas').first();
  const box = (await canvas.boundingBox())!;
  await page.evaluate(() => {
    const browser = globalThis as unknown as PageGlobals;
    browser.addEventListener('wheel', () => (browser.lastWheelAt = performance.now()), { capture: true });
  });
  // Inside the CPU panel's grid: the gaps between panels do not zoom.
  await page.mouse.move(box.x + box.width * 0.37, box.y + 60);
  const steps: ZoomStep[] = [];
  for (let step = -warmUpSteps; step < zoomSteps; step++) {
    // Zoom in, back out a little, in again and out, as a person exploring would (never deeper than
    // 15 steps, where the window is still wider than a few samples).
    const zoomIn = step < 15 || (step >= 25 && step < 35);
    // Ctrl+wheel: a plain wheel scrolls the page past the timeline.
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, zoomIn ? -300 : 300);
    await page.keyboard.up('Control');
    // Inline anonymous functions only: tsx would wrap named ones in a helper the page lacks.
    const times = await page.evaluate(async () => {
      const browser = globalThis as unknown as PageGlobals;
      const wheelAt = browser.lastWheelAt;
      const deadline = performance.now() + 20_000;
      while (performance.now() < deadline) {
        const after = (
          performance.getEntriesByName('timeline-drawn') as unknown as { startTime: number; detail: unknown }[]
        ).filter((mark) => mark.startTime >= wheelAt);
        const zoom = after.find((mark) => (mark.detail as { reason: string }).reason === 'zoom');
        const detail = after.find((mark) => (mark.detail as { reason: string }).reason === 'detail');
        const requested = performance.getEntriesByName('timeline-requested').some((mark) => mark.startTime >= wheelAt);
        const loading =
          browser.document.querySelector('[data-testid="timeline"]')?.getAttribute('data-detail-loading') === 'true';
        if (zoom && (detail || (!requested && !loading))) {
          return { drawn: zoom.startTime - wheelAt, detail: detail ? detail.startTime - wheelAt : null };
        }
        await new Promise((resolveFrame) => browser.requestAnimationFrame(() => resolveFrame(undefined)));
      }
      throw new Error('The zoom step was never drawn.');
    });
    if (process.env.THERMOGRAPH_BENCH_VERBOSE) {
      const wheelAt = await page.evaluate(() => (globalThis as unknown as PageGlobals).lastWheelAt);
      const breakdown = times.detail === null ? '' : ` (${await lastDrawBreakdown(page, wheelAt)})`;
      process.stderr.write(
        `zoom ${step}: drawn ${times.drawn.toFixed(1)} ms, detail ${times.detail?.toFixed(1) ?? '—'}${breakdown}\n`,
      );
    }
    if (step >= 0) steps.push(times);
  }
  return steps;
}

/** The peer: ECharts drawing the four series with every point, in the same browser. */
async function measureUndecimated(browser: Browser): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.setContent('<div id="chart" style="width:1300px;height:800px"></div>');
    await page.addScriptTag({ path: resolve('node_modules/echarts/dist/echarts.min.js') });
    return await page.evaluate(
      ({ count, step }) =>
        new Promise<number>((resolveDrawn) => {
          const browser = globalThis as unknown as PageGlobals;
          const series = [0, 1, 2, 3].map((metric) => {
            const data = new Float64Array(count * 2);
            for (let index = 0; index < count; index++) {
              data[index * 2] = index * step;
              data[index * 2 + 1] = Math.sin(index / 500 + metric) * 50 + 50 + (index % 7);
            }
            return { type: 'line', data, showSymbol: false, animation: false };
          });
          const chart = browser.echarts.init(browser.document.getElementById('chart'));
          const began = performance.now();
          chart.on('finished', () => resolveDrawn(performance.now() - began));
          chart.setOption({
            animation: false,
            xAxis: { type: 'value' },
            yAxis: { type: 'value' },
            dataZoom: [{ type: 'inside' }],
            series: series.map((entry) => ({ ...entry, dimensions: ['x', 'y'] })),
          });
        }),
      { count: sampleCount, step: intervalMs },
    );
  } finally {
    await page.close();
  }
}

function format(milliseconds: number): string {
  return milliseconds >= 1000 ? `${(milliseconds / 1000).toFixed(2)} s` : `${milliseconds.toFixed(1)} ms`;
}

/** Runs the timeline benchmark and returns its rows. */
export async function runTimelineBench(): Promise<BenchRow[]> {
  const rendererFolder = resolve('out/renderer');
  if (!existsSync(join(rendererFolder, 'index.html'))) throw new Error('Build the renderer first: npm run build');
  const folder = mkdtempSync(join(tmpdir(), 'thermograph-timeline-bench-'));
  const databasePath = join(folder, 'bench.db');
  const sessionId = createDatabase(databasePath);
  const engine = createEngine({ databasePath, mode: 'browser' });
  const server = await startServer({ engine, rendererFolder });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
    const page = await openApp(browser, server.url);
    // Floor: the engine's own work for the first view (read + decimate), without transport or UI,
    // timed just before each open so both see the same load on a shared machine.
    const floorRuns: number[] = [];
    const openTimes: number[] = [];
    for (let run = 0; run < openRuns; run++) {
      const began = performance.now();
      await engine.api.getTimeline({ sessionId, maxPoints: 2_600 });
      floorRuns.push(performance.now() - began);
      openTimes.push(await measureOpen(page, sessionId));
    }
    const openRatios = openTimes.map((open, run) => open / floorRuns[run]!);
    const zoomSteps = await measureZoomSteps(page);
    const zoomTimes = zoomSteps.map((step) => step.drawn);
    const detailTimes = zoomSteps.flatMap((step) => (step.detail === null ? [] : [step.detail]));
    const undecimated = await measureUndecimated(browser);

    const openMedian = median(openTimes.slice());
    const openRatio = median(openRatios);
    const zoomP95 = percentile(zoomTimes.slice(), 95);
    const zoomMedian = median(zoomTimes.slice());
    return [
      {
        group: 'timeline',
        measure: `open a ${sampleCount / 1e6}M-sample session, ${drawnMetrics.length} metrics (to drawn; median of ${openRuns} opens, each ÷ its getTimeline)`,
        ours: `${format(openMedian)} (${openRatio.toFixed(2)}× getTimeline)`,
        peer: `${format(undecimated)} (ECharts, all points)`,
        floor: `${format(median(floorRuns.slice()))} (getTimeline)`,
        goal: '≤ 1.5× getTimeline',
        met: openRatio <= 1.5,
      },
      {
        group: 'timeline',
        measure: `zoom step drawn, p95 of ${zoomTimes.length} (median ${format(zoomMedian)})`,
        ours: `${format(zoomP95)} (${(zoomP95 / zoomMedian).toFixed(2)}× the median)`,
        peer: '—',
        floor: '—',
        goal: 'p95 ≤ 3× the median',
        met: zoomP95 <= 3 * zoomMedian,
      },
      {
        group: 'timeline',
        measure: `zoom detail fetched + drawn, ${detailTimes.length} of ${zoomTimes.length} steps (median)`,
        ours: detailTimes.length > 0 ? format(median(detailTimes.slice())) : '—',
        peer: '—',
        floor: '—',
        goal: '— (refines after the step)',
        met: true,
      },
    ];
  } finally {
    await browser?.close();
    await server.close();
    await engine.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

// Run alone: `npx tsx test/bench/timeline-bench.ts`.
if (process.argv[1] && /timeline-bench\.[cm]?[jt]s$/.test(process.argv[1])) {
  runTimelineBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
