// "Click Stop to flame graph on screen": a Node.js program (node-hot.js) recorded with the Node
// profiler at 1 ms for 10 s, started through the API as the New recording screen would start it,
// shown in the app, then stopped with the session's Stop button; measured from that click to the
// end of the first flame graph draw. Everything after the click is on the clock: stopping the
// profiler, fetching and storing its profile, building the flame graph view, sending and drawing it.
// The floor, measured right after each stop, is opening the same stored session again (from the
// Sessions list to its flame graph drawn): what showing the profile costs once it is stored. The
// goal is the ratio of the two, so it holds on a slower or a busier machine.

import type { Page } from 'playwright-core';
import { targetPath } from '../../fixtures/targets/start-target';
import { median, type BenchRow } from '../table';
import { quickMode } from './bench-cache';
import { duration, reason } from './measure-format';
import { armClickClock, clickToFirstDraw, navigateToSession, type ServedApp } from './thermograph-page';

const recordSeconds = quickMode ? 3 : 10;
const runs = quickMode ? 1 : 3;

/** The parts of a SessionSummary this needs. */
interface StartedSession {
  id: number;
  startedAt: number;
}

/**
 * Finds the Stop button by the contract's accessible name, "Stop recording"; falls back to the
 * visible text "Stop" so the number is still measured, and says so.
 */
async function stopButton(page: Page): Promise<{ click(): Promise<void>; byText: boolean }> {
  const named = page.getByRole('button', { name: 'Stop recording' });
  try {
    await named.waitFor({ timeout: 10_000 });
    return { click: () => named.click(), byText: false };
  } catch {
    const text = page.getByRole('button', { name: 'Stop', exact: true });
    await text.waitFor({ timeout: 5_000 });
    return { click: () => text.click(), byText: true };
  }
}

/** One stop, and the reopening of the same session after it. */
interface StopRun {
  milliseconds: number;
  reopenMilliseconds: number;
  byText: boolean;
}

async function stopOnce(page: Page, app: ServedApp): Promise<StopRun> {
  const session = await app.call<StartedSession>('startRecording', {
    target: { kind: 'command', argv: [process.execPath, targetPath('node-hot.js'), String(recordSeconds + 60)] },
    profiler: 'node',
    samplingHz: 1000,
    name: 'bench: stop to flame graph',
  });
  await page.evaluate(
    (id) => ((globalThis as unknown as { location: { hash: string } }).location.hash = `#/session/${id}`),
    session.id,
  );
  const button = await stopButton(page);
  const wait = session.startedAt + recordSeconds * 1000 - Date.now();
  if (wait > 0) await new Promise((resolveWait) => setTimeout(resolveWait, wait));
  await armClickClock(page);
  await button.click();
  const { milliseconds } = await clickToFirstDraw(page, 60_000);
  await navigateToSession(page, session.id);
  const reopen = await clickToFirstDraw(page, 60_000);
  return { milliseconds, reopenMilliseconds: reopen.milliseconds, byText: button.byText };
}

const goal = '≤ 3× reopening it';

/** Measures the stop-to-flame row on an open app page. */
export async function measureStopToFlame(page: Page, app: ServedApp): Promise<BenchRow> {
  const measure = `click Stop to flame graph on screen, ${recordSeconds} s Node profile at 1 ms (median of ${runs})`;
  const times: number[] = [];
  const reopenTimes: number[] = [];
  const ratios: number[] = [];
  let byText = false;
  try {
    for (let run = 0; run < runs; run++) {
      const result = await stopOnce(page, app);
      times.push(result.milliseconds);
      reopenTimes.push(result.reopenMilliseconds);
      ratios.push(result.milliseconds / result.reopenMilliseconds);
      byText ||= result.byText;
    }
  } catch (error) {
    return {
      group: 'profile-screen',
      measure,
      ours: `failed: ${reason(error)}`,
      peer: '—',
      floor: '—',
      goal,
      met: false,
    };
  }
  const ratio = median(ratios);
  return {
    group: 'profile-screen',
    measure: byText ? `${measure} [Stop found by text: no "Stop recording" label yet]` : measure,
    ours: `${duration(median(times))} (${ratio.toFixed(2)}× reopening it)`,
    peer: '—',
    floor: `${duration(median(reopenTimes))} (reopening the stored session to its flame graph)`,
    goal,
    met: ratio <= 3,
  };
}
