// Retention benchmark: a 24-hour session at 1 s, recorded through the real store a minute at a time
// and compacted after each minute as the recorder does (an hour of full detail, 10 s buckets
// beyond), against the same session kept at full detail. Measured: getTimeline of the whole session
// through the in-process engine (what the UI's first draw waits for), to the session's timeline drawn
// in the real UI (headless Chromium, browser mode), and the database's size after VACUUM.
// Run alone with `npx tsx test/bench/retention-bench.ts` (after `npm run build` for the UI rows).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { metricKeys, type ResourceSample } from '../../src-shared/model/resource';
import { createEngine } from '../../src-main/api/engine';
import { startServer } from '../../src-main/server/server';
import { openDatabase } from '../../src-main/store/database';
import { SessionStore } from '../../src-main/store/session-store';
import { chromiumFlags, chromiumPath } from '../helpers/chromium';
import { newSession } from '../unit/store/store-fixtures';
import { median, printTable, type BenchRow } from './table';
import { openApp } from './profile/thermograph-page';

const start = 1_700_000_000_000;
const hours = 24;
const intervalMs = 1_000;
const runs = 7;
/** Metrics a native process has (no PSS without privileges, no JS heap): 19 of the 22. */
const recordedMetrics = metricKeys.filter((key) => key !== 'pss' && key !== 'jsHeapUsed' && key !== 'jsHeapTotal');

/** A minute of plausible samples from sample `first` on: CPU waves with noise, RSS that grows, read bursts. */
function minuteOfSamples(first: number): ResourceSample[] {
  return Array.from({ length: 60_000 / intervalMs }, (_, offset) => {
    const index = first + offset;
    const sample = Object.fromEntries(metricKeys.map((key) => [key, null])) as Record<string, number | null>;
    recordedMetrics.forEach((key, metric) => (sample[key] = 1_000 * metric + ((index * 7_919 + metric) % 97)));
    sample.cpuUser = 20 + 60 * (Math.sin(index / 500) * 0.5 + 0.5) + ((index * 7_919) % 100) / 10;
    sample.rss = 200 * 2 ** 20 + (index % 50_000) * 4_096;
    sample.readBytesRate = index % 997 < 3 ? 50 * 2 ** 20 : (index % 13) * 1_024;
    return { ...sample, time: start + index * intervalMs } as unknown as ResourceSample;
  });
}

/** Records the day into a new database, compacting each minute when `retained`; returns the session id. */
function recordDay(path: string, name: string, retained: boolean): number {
  const store = SessionStore.open(path);
  const fixture = newSession(name, start);
  const session = store.createSession({ ...fixture, settings: { ...fixture.settings, intervalMs } });
  // Full detail for longer than the day: nothing is ever old enough to fold.
  if (!retained) store.setRetention(session.id, { fullDetailMs: 7 * 24 * 3_600_000, bucketMs: 10_000 });
  for (let minute = 0; minute < hours * 60; minute++) {
    store.appendSamples(session.id, minuteOfSamples(minute * 60));
    if (retained) store.downsampleSession(session.id, start + (minute + 1) * 60_000);
  }
  const end = start + hours * 3_600_000;
  store.endSession(session.id, {
    endedAt: end,
    endReason: 'user-stopped',
    endMessage: null,
    exitCode: null,
    exitSignal: null,
  });
  store.close();
  const database = openDatabase(path);
  database.exec('VACUUM');
  database.close();
  return session.id;
}

/** The database file's size once vacuumed and closed, in MiB. */
function sizeMebibytes(path: string): number {
  const database = openDatabase(path, { readonly: true });
  const bytes =
    (database.pragma('page_count', { simple: true }) as number) *
    (database.pragma('page_size', { simple: true }) as number);
  database.close();
  return bytes / 2 ** 20;
}

/** Milliseconds from showing the session to its timeline drawn (the `timeline-drawn` mark). */
async function measureOpen(page: Page, sessionId: number, name: string): Promise<number> {
  await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/sessions'));
  await page.getByRole('link', { name }).waitFor();
  const before = await page.evaluate(() => performance.getEntriesByName('timeline-drawn').length);
  const began = await page.evaluate((id) => {
    const now = performance.now();
    (globalThis as unknown as { location: { hash: string } }).location.hash = `#/session/${id}`;
    return now;
  }, sessionId);
  await page.waitForFunction(
    (expected) => performance.getEntriesByName('timeline-drawn').length >= expected,
    before + 1,
    {
      timeout: 30_000,
      polling: 'raf',
    },
  );
  const drawn = await page.evaluate(() => performance.getEntriesByName('timeline-drawn').at(-1)!.startTime);
  return drawn - began;
}

/** Measures one stored day: getTimeline medians, and to drawn in the UI when the renderer is built. */
async function measureDay(
  path: string,
  sessionId: number,
  name: string,
): Promise<{ api: number; drawn: number | null }> {
  const rendererFolder = resolve('out/renderer');
  const engine = createEngine({ databasePath: path, mode: 'browser' });
  const apiTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const began = performance.now();
    await engine.api.getTimeline({ sessionId, maxPoints: 2_600 });
    apiTimes.push(performance.now() - began);
  }
  if (!existsSync(join(rendererFolder, 'index.html'))) {
    await engine.close();
    return { api: median(apiTimes), drawn: null };
  }
  const server = await startServer({ engine, rendererFolder });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
    const page = await openApp(browser, server.url);
    const drawnTimes: number[] = [];
    for (let run = 0; run < runs; run++) drawnTimes.push(await measureOpen(page, sessionId, name));
    return { api: median(apiTimes), drawn: median(drawnTimes) };
  } finally {
    await browser?.close();
    await server.close();
    await engine.close();
  }
}

function format(milliseconds: number | null): string {
  return milliseconds === null ? '— (build first)' : `${milliseconds.toFixed(1)} ms`;
}

/** Runs the retention benchmark and returns its rows. */
export async function runRetentionBench(): Promise<BenchRow[]> {
  const folder = mkdtempSync(join(tmpdir(), 'thermograph-retention-bench-'));
  try {
    const retainedPath = join(folder, 'retained.db');
    const fullPath = join(folder, 'full.db');
    const retainedName = 'a day at 1 s, retained';
    const fullName = 'a day at 1 s, full detail';
    const retainedId = recordDay(retainedPath, retainedName, true);
    const fullId = recordDay(fullPath, fullName, false);
    const retained = await measureDay(retainedPath, retainedId, retainedName);
    const full = await measureDay(fullPath, fullId, fullName);
    const retainedSize = sizeMebibytes(retainedPath);
    const fullSize = sizeMebibytes(fullPath);
    const day = `24 h at 1 s, ${recordedMetrics.length} metrics`;
    return [
      {
        group: 'retention',
        measure: `${day}: getTimeline of the whole session (median of ${runs})`,
        ours: format(retained.api),
        peer: `${format(full.api)} (full detail)`,
        floor: '—',
        goal: '— (part of the open below)',
        met: true,
      },
      {
        group: 'retention',
        measure: `${day}: open to the drawn timeline in the UI (median of ${runs})`,
        ours: format(retained.drawn),
        peer: `${format(full.drawn)} (full detail)`,
        floor: '—',
        goal: '≤ 300 ms',
        met: retained.drawn === null || retained.drawn <= 300,
      },
      {
        group: 'retention',
        measure: `${day}: database size after VACUUM`,
        ours: `${retainedSize.toFixed(2)} MiB`,
        peer: `${fullSize.toFixed(2)} MiB (full detail)`,
        floor: '—',
        goal: '≤ 8 MiB (store README, Retention)',
        met: retainedSize <= 8,
      },
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// Run alone: `npx tsx test/bench/retention-bench.ts`.
if (process.argv[1] && /retention-bench\.[cm]?[jt]s$/.test(process.argv[1])) {
  runRetentionBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
