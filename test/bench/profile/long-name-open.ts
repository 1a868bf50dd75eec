// A one-off measure, not part of `npm run bench`: imports FILE into `thermograph serve` and opens
// its session in headless Chromium, printing the import time and the time from opening the session
// to its flame graph drawn (page clock). Used for a profile with a 50 MB frame name:
//   node --import tsx test/bench/profile/long-name-open.ts FILE

import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../../helpers/chromium';
import { clickToFirstDraw, navigateToSession, openApp, startServe } from './thermograph-page';

async function main(file: string): Promise<void> {
  const app = await startServe();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
  try {
    const importStart = performance.now();
    const session = await app.call<{ id: number }>('importProfile', { path: file });
    console.log(`import over the API: ${(performance.now() - importStart).toFixed(0)} ms`);
    const page = await openApp(browser, app.url);
    await navigateToSession(page, session.id);
    const drawn = await clickToFirstDraw(page, 120_000);
    console.log(`open the session → flame graph drawn: ${drawn.milliseconds.toFixed(0)} ms`);
  } finally {
    await browser.close();
    await app.close();
  }
}

void main(process.argv[2]!);
