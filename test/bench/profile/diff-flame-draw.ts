// "Diff flame graph drawn": the compare bench's two 200k-node profiles stored as two ended
// sessions of a launched command (through the real store, as `thermograph record` leaves them), then
// `thermograph serve` on that database and its Compare view opened in headless Chromium. The time is
// FlameGraph.svelte's own `flame-graph-draw` measure of the differential flame graph's first draw
// (the flame graph component coloured per node by views/compare/diff-flame.ts): the main-thread time
// of one canvas draw, as the flame-draw group times the ordinary flame graph. Beside it, in the same
// run and page, the ordinary flame graph of the baseline side drawn when its session is opened:
// the draw the diff adds its per-node colours to. Opens alternate between the two, each reached by
// in-app navigation from the Sessions list, so every draw is a first draw of a freshly mounted graph.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { summarizeProfile } from '../../../src-main/analysis/profile-summary';
import { openDatabase } from '../../../src-main/store/database';
import { SessionStore } from '../../../src-main/store/session-store';
import type { Profile } from '../../../src-shared/profile/profile';
import { chromiumFlags, chromiumPath } from '../../helpers/chromium';
import { median, type BenchRow } from '../table';
import { quickMode } from './bench-cache';
import { duration, reason, times } from './measure-format';
import {
  clickToFirstDraw,
  navigateFromSessions,
  openApp,
  startServe,
  type FlameDraw,
  type ServedApp,
} from './thermograph-page';

// Nine, not five: on a busy machine one draw in three or four is preempted or meets a GC pause.
const opens = quickMode ? 2 : 9;
/** Generous: the Compare view first reads both sides' runs and profiles and merges them in the engine. */
const openTimeoutMs = 120_000;
const goalMs = 100;

/** Stores each profile as an ended session of a launched command; returns their ids. */
function storeSessions(databasePath: string, profiles: readonly Profile[]): number[] {
  const store = new SessionStore(openDatabase(databasePath));
  try {
    return profiles.map((profile, index) => {
      const startedAt = 1_700_000_000_000 + index * 60_000;
      const session = store.createSession({
        name: index === 0 ? 'diff bench baseline' : 'diff bench candidate',
        target: { kind: 'command', argv: ['node', 'service.js'], cwd: '/', env: {}, pid: null, runtime: 'node' },
        host: { hostname: 'bench', platform: 'linux', release: '', arch: 'x64', cpuCount: 2, totalMemoryBytes: 0 },
        settings: {
          intervalMs: 100,
          includeChildren: false,
          durationMs: null,
          profiler: 'node',
          samplingHz: 1000,
          allocations: false,
          alertRules: [],
          anomalyDetection: false,
        },
        startedAt,
      });
      store.saveProfile(session.id, profile, summarizeProfile(profile));
      store.endSession(session.id, {
        endedAt: startedAt + 30_000,
        endReason: 'target-exited',
        endMessage: null,
        exitCode: 0,
        exitSignal: null,
      });
      return session.id;
    });
  } finally {
    store.close();
  }
}

/** clickToFirstDraw's answer: the navigation's time to drawn, and the draw. */
type OpenedDraw = Awaited<ReturnType<typeof clickToFirstDraw>>;

/** "12.3 ms (2.1–40.2 ms; 201,234 nodes, 8,102 drawn)" for a row's cell: the median, the range, what was drawn. */
function drawText(draws: readonly FlameDraw[]): string {
  const durations = draws.map((draw) => draw.duration);
  const detail = draws[0]!.detail;
  const nodes = detail
    ? `${detail.nodes.toLocaleString('en')} nodes, ${detail.drawn.toLocaleString('en')} drawn`
    : '? nodes';
  return `${duration(median(durations.slice()))} (${duration(Math.min(...durations))}–${duration(Math.max(...durations))}; ${nodes})`;
}

/**
 * Measures the differential flame graph's first draw against the baseline's own flame graph's,
 * in the app, for two profiles; `label` names the profiles in the row.
 */
export async function measureDiffFlameDraw(baseline: Profile, candidate: Profile, label: string): Promise<BenchRow> {
  const measure = `diff flame graph drawn on screen, ${label} (median of ${opens} first draws)`;
  const goal = `≤ ${goalMs} ms`;
  const folder = mkdtempSync(join(tmpdir(), 'thermograph-diff-draw-bench-'));
  let app: ServedApp | null = null;
  let browser: Browser | null = null;
  try {
    const [baselineId, candidateId] = storeSessions(join(folder, 'bench.db'), [baseline, candidate]);
    app = await startServe(join(folder, 'bench.db'));
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
    const page = await openApp(browser, app.url);
    const diffOpens: OpenedDraw[] = [];
    const sideOpens: OpenedDraw[] = [];
    for (let open = 0; open < opens; open++) {
      await navigateFromSessions(page, `#/session/${baselineId}`);
      sideOpens.push(await clickToFirstDraw(page, openTimeoutMs));
      await navigateFromSessions(page, `#/compare/${baselineId}/${candidateId}`);
      diffOpens.push(await clickToFirstDraw(page, openTimeoutMs));
    }
    const diffDraws = diffOpens.map((opened) => opened.draw);
    const sideDraws = sideOpens.map((opened) => opened.draw);
    const diff = median(diffDraws.map((draw) => draw.duration));
    const side = median(sideDraws.map((draw) => draw.duration));
    // What the person waits for in all, beside the draw: the engine's work, the transfer, the colours.
    const navigation =
      `navigation to drawn: Compare ${duration(median(diffOpens.map((opened) => opened.milliseconds)))}, ` +
      `session ${duration(median(sideOpens.map((opened) => opened.milliseconds)))}`;
    return {
      group: 'compare',
      measure: `${measure}; ${navigation}`,
      ours: `${drawText(diffDraws)}; ${times(diff / side)} the side's`,
      peer: `${drawText(sideDraws)} (the baseline's own flame graph)`,
      floor: '—',
      goal,
      met: diff <= goalMs,
    };
  } catch (error) {
    return { group: 'compare', measure, ours: `failed: ${reason(error)}`, peer: '—', floor: '—', goal, met: false };
  } finally {
    await browser?.close();
    await app?.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
