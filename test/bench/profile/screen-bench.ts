// "File to flame graph on screen", Thermograph beside speedscope on the same files in the same
// headless Chromium: Thermograph from the click on Import (Sessions → Import profile → path →
// Import) to the end of its first flame graph draw; speedscope from the start of its fetch of the
// same file to its flame chart drawn (see speedscope-page.ts for the signal). Runs alternate
// between the two. Also "click Stop to flame graph on screen" for a 10 s Node.js recording at 1 ms.
// Run alone with `npx tsx test/bench/profile/screen-bench.ts` (after `npm run build`).

import { statSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../../helpers/chromium';
import { median, printTable, type BenchRow } from '../table';
import { quickMode } from './bench-cache';
import { cpuProfileInput, foldedScreenInput, perfScriptInput, quickNote } from './inputs';
import { duration, megabytes, reason, times } from './measure-format';
import { ensurePeer, speedscopeRelease } from './peers';
import { serveSpeedscope, timeSpeedscope, type SpeedscopeServer } from './speedscope-page';
import { measureStopToFlame } from './stop-to-flame';
import { importThroughDialog, openApp, startServe, type ServedApp } from './thermograph-page';

const runs = quickMode ? 1 : 3;
const group = 'profile-screen';
const importTimeoutMs = 180_000;

/** One file both tools open. */
interface ScreenInput {
  label: string;
  make: () => Promise<string>;
}

const inputs: ScreenInput[] = [
  { label: 'folded stacks', make: foldedScreenInput },
  { label: 'perf script', make: perfScriptInput },
  { label: '.cpuprofile', make: cpuProfileInput },
];

/** A peer that cannot run, and why. */
interface Unavailable {
  problem: string;
}

/** Medians and failures of one tool on one file. */
interface Timings {
  values: number[];
  failure: string | null;
}

async function attempt(timings: Timings, measure: () => Promise<number>): Promise<void> {
  if (timings.failure !== null) return;
  try {
    timings.values.push(await measure());
  } catch (error) {
    timings.failure = reason(error);
  }
}

async function fileRow(
  input: ScreenInput,
  page: Page,
  browser: Browser,
  speedscope: SpeedscopeServer | Unavailable,
): Promise<BenchRow> {
  let file: string;
  try {
    file = await input.make();
  } catch (error) {
    return {
      group,
      measure: `${input.label} file to flame graph on screen`,
      ours: `input could not be made: ${reason(error)}`,
      peer: '—',
      floor: '—',
      goal: '≤ 0.5× speedscope',
      met: false,
    };
  }
  const ours: Timings = { values: [], failure: null };
  // The node count of the drawn flame graph, to show what was drawn (and that it was this file).
  const nodeCounts: number[] = [];
  const peer: Timings = { values: [], failure: 'problem' in speedscope ? speedscope.problem : null };
  for (let run = 0; run < runs; run++) {
    await attempt(ours, async () => {
      const { milliseconds, draw } = await importThroughDialog(page, file, importTimeoutMs);
      if (draw.detail) nodeCounts.push(draw.detail.nodes);
      return milliseconds;
    });
    // A peer that already spent a minute on two runs gets no third: its median cannot move enough
    // to change the verdict, and the whole bench has to stay under ~15 minutes.
    const slowPeer = peer.values.length >= 2 && peer.values.reduce((sum, value) => sum + value, 0) > 60_000;
    if (!('problem' in speedscope) && !slowPeer) {
      await attempt(peer, () => timeSpeedscope(browser, speedscope.pageUrl(file), importTimeoutMs));
    }
  }
  const oursMedian = ours.values.length > 0 ? median(ours.values) : Number.NaN;
  const peerMedian = peer.values.length > 0 ? median(peer.values) : Number.NaN;
  const ratio = oursMedian / peerMedian;
  return {
    group,
    measure:
      `${input.label} file to flame graph on screen, ${megabytes(statSync(file).size)}` +
      `${nodeCounts.length > 0 ? `, ${nodeCounts[0]!.toLocaleString('en')} nodes` : ''} (median of ${runs})${quickNote}`,
    ours: ours.failure
      ? `failed: ${ours.failure}`
      : `${duration(oursMedian)}${Number.isFinite(ratio) ? ` (${times(ratio)})` : ''}`,
    peer: peer.failure
      ? `speedscope: not measured (${peer.failure})`
      : `${duration(peerMedian)} (speedscope${peer.values.length < runs ? `, ${peer.values.length} runs` : ''})`,
    floor: '—',
    goal: '≤ 0.5× speedscope',
    met: !ours.failure && !peer.failure && ratio <= 0.5,
  };
}

/** Measures the screen rows. */
export async function runScreenBench(): Promise<BenchRow[]> {
  const speedscopePeer = await ensurePeer('speedscope');
  const files = await Promise.all(inputs.map((input) => input.make().catch(() => null)));
  let speedscope: SpeedscopeServer | Unavailable = {
    problem: speedscopePeer.ok ? 'not started' : speedscopePeer.reason,
  };
  let app: ServedApp | null = null;
  let browser: Browser | null = null;
  try {
    if (speedscopePeer.ok) {
      speedscope = await serveSpeedscope(
        speedscopeRelease(speedscopePeer.folder),
        files.filter((file): file is string => file !== null),
      );
    }
    app = await startServe();
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
    const page = await openApp(browser, app.url);
    const rows: BenchRow[] = [];
    for (const input of inputs) rows.push(await fileRow(input, page, browser, speedscope));
    rows.push(await measureStopToFlame(page, app));
    return rows;
  } finally {
    await browser?.close();
    await app?.close();
    if (!('problem' in speedscope)) await speedscope.close();
  }
}

// Run alone: `npx tsx test/bench/profile/screen-bench.ts`.
if (process.argv[1] && /screen-bench\.[cm]?[jt]s$/.test(process.argv[1])) {
  runScreenBench().then(printTable, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
