// End-to-end tests drive the real UI in Debian's Chromium through browser mode (`thermograph serve`),
// so they need no Electron runtime and no downloaded browser. `npm run test:e2e` builds first.
import { defineConfig } from '@playwright/test';
import { chromiumFlags, chromiumPath } from './test/helpers/chromium';

/** Debian's Chromium; Playwright's own browser downloads are unreachable here and never used. */

/**
 * Specs whose assertions rest on measurements of real programs (an experiment's verdict, a
 * comparison's verdicts and ranking): they run after the others, one at a time, as another test's programs on this 2-core machine would make their numbers meaningless.
 * A new spec that measures belongs here.
 */
const measuring = ['compare-timeline.spec.ts', 'compare.spec.ts', 'diagnosis.spec.ts', 'series.spec.ts'];

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  // Flows that only check behaviour run two at a time (each test has its own server and database);
  // `npm test` runs the measuring specs after them, alone (`npm run test:browser`).
  workers: 2,
  fullyParallel: false,
  projects: [
    { name: 'flows', testIgnore: measuring, workers: 2 },
    { name: 'measuring', testMatch: measuring, workers: 1 },
  ],
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: 'dark',
    screenshot: 'only-on-failure',
    trace: 'off',
    actionTimeout: 15_000,
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumFlags,
    },
  },
});
