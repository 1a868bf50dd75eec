// "Click Stop to flame graph on screen": a Node.js program (node-hot.js) recorded with the Node
// profiler at 1 ms for 10 s, started through the API as the New recording screen would start it,
// shown in the app, then stopped with the session's Stop button; measured from that click to the
// end of the first flame graph draw. Everything after the click is on the clock: stopping the
// profiler, fetching and storing its profile, building the flame graph view, sending and drawing it.

import type { Page } from 'playwright-core';
import { targetPath } from '../../fixtures/targets/start-target';
import { median, type BenchRow } from '../table';
import { quickMode } from './bench-cache';
import { duration, reason } from './measure-format';
import { armClickClock, clickToFirstDraw, type ServedApp } from './thermograph-page';

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

async function stopOnce(page: Page, app: ServedApp): Promise<{ milliseconds: number; byText: boolean }> {
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
  return { milliseconds, byText: button.byText };
}

/** Measures the stop-to-flame row on an open app page. */
export async function measureStopToFlame(page: Page, app: ServedApp): Promise<BenchRow> {
  const measure = `click Stop to flame graph on screen, ${recordSeconds} s Node profile at 1 ms (median of ${runs})`;
  const times: number[] = [];
  let byText = false;
  try {
    for (let run = 0; run < runs; run++) {
      const result = await stopOnce(page, app);
      times.push(result.milliseconds);
      byText ||= result.byText;
    }
  } catch (error) {
    return {
      group: 'profile-screen',
      measure,
      ours: `failed: ${reason(error)}`,
      peer: '—',
      floor: '—',
      goal: '≤ 1.5 s',
      met: false,
    };
  }
  const value = median(times);
  return {
    group: 'profile-screen',
    measure: byText ? `${measure} [Stop found by text: no "Stop recording" label yet]` : measure,
    ours: duration(value),
    peer: '—',
    floor: '—',
    goal: '≤ 1.5 s',
    met: value <= 1500,
  };
}
