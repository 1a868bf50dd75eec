// speedscope's time-order view (its stack chart) of a loaded profile: milliseconds from the click on
// its "Time Order" tab to the view drawn, the peer beside Thermograph's stack chart data. speedscope
// opens in that view, so the page goes to Left Heavy first and the way back is timed. A view is
// drawn when the page's 2D canvases (the WebGL one excluded; they carry the names) show pixels in
// their top band and differ from what the other view left, checked once per animation frame. This
// counts speedscope's layout and its draw together, which is all one can time from outside it.

import type { Page } from 'playwright-core';
import type { PageCanvas } from './speedscope-page';

/** The page-side state the signal reads (no DOM types in this file's type-checking). */
interface PageGlobals {
  document: {
    addEventListener(type: 'mousedown', listener: () => void, options: { capture: boolean; once: boolean }): void;
    querySelectorAll(selector: 'canvas'): ArrayLike<PageCanvas>;
  };
  timeOrderClick?: number;
  canvasFingerprint?: () => string;
}

/** Milliseconds from the click on "Time Order" to its view drawn, on a page with a loaded profile. */
export async function timeSpeedscopeTimeOrder(page: Page, timeoutMs: number): Promise<number> {
  const fingerprint = () => {
    const browser = globalThis as unknown as PageGlobals;
    let hash = 0;
    let painted = false;
    for (const canvas of Array.from(browser.document.querySelectorAll('canvas')).slice(1)) {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0) continue;
      const pixels = context.getImageData(0, 0, canvas.width, Math.min(canvas.height, 200)).data;
      for (let index = 3; index < pixels.length; index += 64) {
        if (pixels[index] !== 0) painted = true;
        hash = (Math.imul(hash, 31) + pixels[index - 1]! + pixels[index]!) | 0;
      }
      hash = (Math.imul(hash, 31) + canvas.width) | 0;
    }
    return painted ? String(hash) : '';
  };
  // Defined in the page once, by its source: functions cannot be passed to it as arguments.
  await page.evaluate(`globalThis.canvasFingerprint = ${fingerprint.toString()}`);
  // speedscope opens in Time Order: go to Left Heavy first, then time the way back.
  const changed = async (before: string, timeoutMs: number) =>
    await page.waitForFunction(
      (previous) => {
        const browser = globalThis as unknown as PageGlobals;
        const now = browser.canvasFingerprint!();
        return now !== '' && now !== previous && browser.timeOrderClick !== undefined
          ? performance.now() - browser.timeOrderClick
          : null;
      },
      before,
      { timeout: timeoutMs, polling: 'raf' },
    );
  const clickTab = async (name: string) => {
    const before = await page.evaluate(() => {
      const browser = globalThis as unknown as PageGlobals;
      browser.timeOrderClick = undefined;
      browser.document.addEventListener('mousedown', () => (browser.timeOrderClick = performance.now()), {
        capture: true,
        once: true,
      });
      return browser.canvasFingerprint!();
    });
    // The tabs read "🕰Time Order", "⬅Left Heavy" (an emoji before the words): matched as substrings.
    await page.getByText(name).first().click({ timeout: 10_000 });
    return (await (await changed(before, timeoutMs)).jsonValue()) as number;
  };
  await clickTab('Left Heavy');
  return clickTab('Time Order');
}
