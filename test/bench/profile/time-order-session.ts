// The screen benchmarks of the profile views share one input: the profile-views bench's 1M-sample
// profile over a 500k-node call tree, written as a speedscope file, imported into a served app and
// opened in headless Chromium. Everything started here is closed and removed afterwards.

import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { SessionSummary } from '../../../src-shared/model/session';
import { exportProfile } from '../../../src-main/import/export';
import { chromiumFlags, chromiumPath } from '../../helpers/chromium';
import { timeOrderBenchProfile } from './profile-views-bench';
import { startServe, type ServedApp } from './thermograph-page';

/** What a measurement gets: the browser, the served app, the imported session and its file. */
export interface TimeOrderSession {
  browser: Browser;
  app: ServedApp;
  session: SessionSummary;
  /** The speedscope file the session was imported from (for a peer to open). */
  file: string;
}

/** Runs `measure` on the imported profile, then closes the browser and the app and removes the file. */
export async function onTimeOrderSession<T>(
  name: string,
  measure: (setup: TimeOrderSession) => Promise<T>,
): Promise<T> {
  const file = join(tmpdir(), `thermograph-bench-${name}-${process.pid}.speedscope.json`);
  let app: ServedApp | null = null;
  let browser: Browser | null = null;
  try {
    await exportProfile(timeOrderBenchProfile(), 'speedscope', file);
    app = await startServe();
    const session = await app.call<SessionSummary>('importProfile', { path: file });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
    return await measure({ browser, app, session, file });
  } finally {
    await browser?.close();
    await app?.close();
    rmSync(file, { force: true });
  }
}
